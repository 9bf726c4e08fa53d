using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// How certain a TALLY007 finding is, by what the re-read value is used for (<see cref="ReReadUses"/>): certain when it
/// stands for the result of this thread's step (returned, an index or key, stored, a decision only the step's own value
/// may make), inferred when any recent value would do (text for a log or an event, a sample, the end of a scan, a
/// periodic check). Each certain shape has an inferred twin that differs only in that use. Every finding stays reported.
/// The step also runs on a pool thread (<c>StepLater</c>), so the model sees it overlap: a stored or decided re-read
/// needs that to be certain (<see cref="ReReadKeptWithoutOverlapTests"/>).
/// </summary>
public class ReReadCertaintyTests
{
    private const string Dispatcher = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Bus
        {
            public void Publish(string text) { }
            public void Sample(int value) { }
        }

        public interface IMessageLog
        {
            void Info(string text);
        }

        public sealed class Handle : IDisposable
        {
            public void Dispose() { }
        }

        public readonly struct Ticket
        {
            public Ticket(int id) => Id = id;
            public int Id { get; }
        }

        public sealed class Dispatcher
        {
            private readonly string[] _items = { "a", "b" };
            private readonly Dictionary<int, string> _pending = new Dictionary<int, string>();
            private readonly Bus _bus = new Bus();
            private readonly IMessageLog _log;
            private readonly Handle _handle = new Handle();
            private int _next;
            private int _last;

            public Dispatcher(IMessageLog log) => _log = log;

            public event Action<string>? Changed;

            public void StepLater(string request) => System.Threading.Tasks.Task.Run(() => Step(request));

            public object? Step(string request)
            {
                Interlocked.Increment(ref _next);
                /*USE*/
                return null;
            }
        }
        """;

    private static string Use(string body) => Dispatcher.Replace("/*USE*/", body);

    [Fact]
    public Task ReReadReturnedInsideAConcatenation_IsCertain()
        => AssertUseAsync(Use("""return "job-" + {|TALLY007:_next|};"""), ReReadUse.Returned);

    [Fact]
    public Task TheSameConcatenationPublishedToAnotherObject_IsInferred()
        => AssertUseAsync(Use("""_bus.Publish("job-" + {|TALLY007:_next|});"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadUsedAsAnArrayIndex_IsCertain()
        => AssertUseAsync(Use("""return _items[{|TALLY007:_next|} % _items.Length];"""), ReReadUse.ElementIndex);

    [Fact]
    public Task TheSameIndexOnlyPublishedAsText_IsInferred()
        => AssertUseAsync(Use("""_bus.Publish("slot " + {|TALLY007:_next|} % _items.Length);"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadUsedAsADictionaryKey_IsCertain()
        => AssertUseAsync(Use("""_pending.Add({|TALLY007:_next|}, request);"""), ReReadUse.CollectionEntry);

    [Fact]
    public Task ReReadAddedToADictionaryTheCallMade_IsInferred()
        => AssertUseAsync(Use("""var tags = new Dictionary<string, object>(); tags.Add("next", {|TALLY007:_next|}); _bus.Publish(tags.Count.ToString());"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadAddedAsAValueToASharedDictionaryField_IsCertain()
        => AssertUseAsync(Use("""_pending.Add(request.Length, {|TALLY007:_next|}.ToString());"""), ReReadUse.CollectionEntry);

    [Fact]
    public Task ReReadPassedToAMethodOfAnotherObject_IsInferred()
        => AssertUseAsync(Use("""_bus.Sample({|TALLY007:_next|});"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadStoredIntoAField_IsCertain()
        => AssertUseAsync(Use("""_last = {|TALLY007:_next|};"""), ReReadUse.Stored);

    [Fact]
    public Task ReReadWrittenThroughAVolatileWrite_IsCertain()
        => AssertUseAsync(Use("""Volatile.Write(ref _last, {|TALLY007:_next|});"""), ReReadUse.Stored);

    [Fact]
    public Task ReReadRaisedInAnEventsText_IsInferred()
        => AssertUseAsync(Use("""Changed?.Invoke($"step {{|TALLY007:_next|}} done");"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadInALogLineOfAnInterfaceNotNamedLikeALogger_IsInferred()
        => AssertUseAsync(Use("""_log.Info($"failover, total {{|TALLY007:_next|}}");"""), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadStoredIntoALocalThatIsReturned_IsCertain()
        => AssertUseAsync(Use("""
            var id = {|TALLY007:_next|};
            _log.Info("id " + id);
            return id;
            """), ReReadUse.Returned);

    [Fact]
    public Task ReReadStoredIntoALocalThatIsOnlyLogged_IsInferred()
        => AssertUseAsync(Use("""
            var id = {|TALLY007:_next|};
            _log.Info("id " + id);
            """), ReReadUse.CallArgument);

    [Fact]
    public Task ReReadInANewObjectThatIsReturned_IsCertain()
        => AssertUseAsync(Use("""return new Ticket({|TALLY007:_next|});"""), ReReadUse.Returned);

    [Fact]
    public Task ReReadInAThrownExceptionsMessage_IsInferred()
        => AssertUseAsync(Use("""throw new InvalidOperationException("step " + {|TALLY007:_next|});"""), ReReadUse.Thrown);

    [Fact]
    public Task CountComparedForEqualityWithAMilestone_IsCertain()
        => AssertUseAsync(Use("""if ({|TALLY007:_next|} == 1000) _bus.Publish("milestone");"""), ReReadUse.Decision);

    [Fact]
    public Task CountReducedModuloAPeriodForACheck_IsInferred()
        => AssertUseAsync(Use("""if ({|TALLY007:_next|} % 20 == 0) _bus.Sample(_next);"""), ReReadUse.PeriodicSample);

    [Fact]
    public Task CountSwitchedOnToActOnce_IsCertain()
        => AssertUseAsync(Use("""
            switch ({|TALLY007:_next|})
            {
                case 1:
                    _handle.Dispose();
                    break;
            }
            """), ReReadUse.Decision);

    [Fact]
    public Task CountComparedWithALimitInABranchThatLeaves_IsCertain()
        => AssertUseAsync(Use("""
            if ({|TALLY007:_next|} > 10)
            {
                Interlocked.Decrement(ref _next);
                return false;
            }
            """), ReReadUse.Decision);

    [Fact]
    public Task CountKeptInALocalAndComparedWithALimitForASideAction_IsInferred()
        => AssertUseAsync(Use("""
            var open = {|TALLY007:_next|};
            if (open >= 10)
            {
                _bus.Publish("busy");
            }
            """), ReReadUse.LimitCheck);

    [Fact]
    public Task FirstReadPublishedAndSecondReturned_IsCertain()
        => AssertUseAsync(Use("""
            _bus.Publish("id " + {|TALLY007:_next|});
            return _next;
            """), ReReadUse.Returned);

    private const string RefCounted = """
        using System;
        using System.Threading;

        public sealed class Lease
        {
            private readonly IDisposable _resource;
            private readonly Action[] _triggers = new Action[8];
            private int _refs = 1;
            private int _pending;

            public Lease(IDisposable resource) => _resource = resource;

            public void AddRef() => Interlocked.Increment(ref _refs);

            public void ReleaseLater() => System.Threading.Tasks.Task.Run(Release);

            public void Release()
            {
                Interlocked.Decrement(ref _refs);
                if ({|TALLY007:_refs|} == 0)
                {
                    _resource.Dispose();
                }
            }

            public void Add(Action trigger)
            {
                Interlocked.Increment(ref _pending);
                _triggers[0] = trigger;
            }

            public void Drain()
            {
                for (var i = 0; i < _triggers.Length; i++)
                {
                    var trigger = Interlocked.Exchange(ref _triggers[i], null);
                    if (trigger != null)
                    {
                        Interlocked.Decrement(ref _pending);
                        trigger();
                        if ({|TALLY007:_pending|} == 0) break;
                    }
                }
            }
        }
        """;

    [Fact]
    public Task ReferenceCountComparedWithZeroToRelease_IsCertain() => AssertUseAsync(RefCounted, ReReadUse.Decision, finding: 0);

    [Fact]
    public Task CountComparedWithZeroToStopAScanEarly_IsInferred() => AssertUseAsync(RefCounted, ReReadUse.EarlyExit, finding: 1);

    [Fact]
    public Task ReReadAssignedToAnOutParameter_IsCertain() => AssertUseAsync("""
        using System.Threading;

        public sealed class Sequence
        {
            private int _next;

            public void Take(out int id)
            {
                Interlocked.Increment(ref _next);
                id = {|TALLY007:_next|};
            }

            public void TakeLater() => System.Threading.Tasks.Task.Run(() => Take(out _));
        }
        """, ReReadUse.Stored);

    /// <summary>
    /// Checks that <paramref name="markup"/> reports exactly its TALLY007 spans, and that the reads of the marked
    /// finding (number <paramref name="finding"/> in source order) and those after it in its block classify as
    /// <paramref name="expected"/> (the strongest use over them, as the analyzer decides the finding).
    /// </summary>
    private static async Task AssertUseAsync(string markup, ReReadUse expected, int finding = 0)
    {
        await Verify.VerifyAnalyzerAsync(markup);

        var parsed = MarkupParser.Parse(markup);
        var span = parsed.Spans.OrderBy(s => s.Span.Start).ElementAt(finding).Span;
        var tree = CSharpSyntaxTree.ParseText(parsed.Text, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "ReRead",
            new[] { tree },
            ReferenceAssemblies.Net,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var model = compilation.GetSemanticModel(tree);
        var marked = model.GetOperation(tree.GetRoot().FindNode(span, getInnermostNodeForTie: true))!;
        Assert.True(StorageReference.TryCreate(marked, out var location));

        var call = marked.SemanticModel!.GetOperation(marked.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax>(
            b => b.Statements.Any(s => s.ToString().StartsWith("Interlocked.", System.StringComparison.Ordinal)))!)!;
        var reads = ReadsAfterTheStep(call, location, span.Start);

        Assert.Equal(expected, ReReadUses.Strongest(reads, location));
        Assert.Equal(expected <= ReReadUse.Decision, ReReadUses.Strongest(reads, location).IsCertain());

        // The analyzer reports the finding at the severity its certainty gives: the rule's (Warning) when certain,
        // tally.inferred_severity's (hidden by default) when inferred, with the Certainty property either way.
        var reported = (await Verify.GetDiagnosticsAsync(parsed.Text)).Single(d => d.Location.SourceSpan == span);
        var certain = expected <= ReReadUse.Decision;
        Assert.Equal(certain ? "Certain" : "Inferred", reported.Properties["Certainty"]);
        Assert.Equal(certain ? DiagnosticSeverity.Warning : DiagnosticSeverity.Hidden, reported.Severity);
    }

    /// <summary>The plain reads of the field from the marked one on, in the block of the step (writes aside).</summary>
    private static List<IOperation> ReadsAfterTheStep(IOperation block, StorageReference location, int from)
        => block.Descendants()
            .Where(o => o is IFieldReferenceOperation && o.Syntax.SpanStart >= from && location.IsSameStorage(o, StorageComparison.Stable) && !StorageReference.IsWrite(o))
            .OrderBy(o => o.Syntax.SpanStart)
            .ToList();
}
