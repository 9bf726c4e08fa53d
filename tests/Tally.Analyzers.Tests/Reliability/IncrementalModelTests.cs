using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// After an edit the IDE makes a new compilation that differs from the last one in one tree; the model of the other
/// trees is kept and the edited tree's facts are laid over it (<see cref="ModelCache"/>). The merge order decides some
/// answers (which writer a message names, which registration counts, which part of a partial method), so the overlaid
/// model must answer every query exactly as a model merged from all the summaries at once, and the diagnostics must be
/// those of a fresh compilation of the same files. The edits add and remove a concurrency start, a lock, a delegate
/// start, a singleton registration, a serial scheduler behind posted delegates, and a whole file.
/// </summary>
public sealed class IncrementalModelTests
{
    private static readonly (string Path, string Text)[] Files =
    {
        ("Stats.cs", """
            public sealed class Stats
            {
                private readonly object _gate = new object();
                private int _hits;
                private int _misses;

                public void Hit() { _hits++; }

                public void Miss() { lock (_gate) { _misses++; } }

                public void MissFast() { _misses++; }
            }
            """),
        ("Meter.cs", """
            public sealed class Meter
            {
                private int _ticks;

                public void Tick() { _ticks++; }
            }
            """),
        ("Worker.cs", """
            using System.Threading.Tasks;

            public sealed class Worker
            {
                public static int Started;
                private readonly Meter _meter = new Meter();

                public void Start()
                {
                    for (int i = 0; i < 4; i++)
                    {
                        Task.Run(() => _meter.Tick());
                    }
                }

                public void Count() { Started++; }
            }
            """),
        ("Bus.cs", """
            using System;
            using System.Threading.Tasks;

            public sealed class Bus
            {
                public void Publish(Action handler) { Task.Run(() => handler()); }
            }
            """),
        ("Subscriber.cs", """
            public sealed class Subscriber
            {
                private int _received;

                public void Wire(Bus bus) { bus.Publish(OnMessage); bus.Publish(OnMessage); }

                private void OnMessage() { _received++; Worker.Started++; }
            }
            """),
        ("GaugeA.cs", """
            public sealed partial class Gauge
            {
                private int _changes;

                partial void OnChanged();

                public void Set() { OnChanged(); _changes++; }
            }
            """),
        ("GaugeB.cs", """
            public sealed partial class Gauge
            {
                partial void OnChanged() { _changes++; }
            }
            """),
        ("Registrations.cs", """
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void AddAll(IServiceCollection services) { services.AddSingleton<Gauge>(); }
            }
            """),
        ("Throttle.cs", """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Throttle
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _done;

                public async Task RunAsync()
                {
                    await _gate.WaitAsync();
                    try { _done++; } finally { _gate.Release(); }
                }

                public void Start() { for (int i = 0; i < 4; i++) { Task.Run(RunAsync); } }
            }
            """),
        ("SerialQueue.cs", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class SerialQueue
            {
                private readonly TaskScheduler _exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

                public void Post(Action work) { Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _exclusive); }
            }
            """),
        ("Journal.cs", """
            public sealed class Journal
            {
                private int _entries;

                public void Wire(SerialQueue queue) { queue.Post(Append); queue.Post(Append); Append(); }

                private void Append() { _entries++; }
            }
            """),
        ("MoreRegistrations.cs", """
            using Microsoft.Extensions.DependencyInjection;

            public static class MoreRegistrations
            {
                public static void AddMore(IServiceCollection services) { services.AddSingleton<Gauge>(); services.AddScoped<Worker>(); }
            }
            """),
    };

    [Fact]
    public async Task EditedCompilations_GetTheModelAndDiagnosticsOfAFullMerge()
    {
        var compilation = Compile(Files);
        var initial = await AnalyseAsync(compilation, edited: null);
        Assert.Equal(-1, initial.OverlaidTree);
        Assert.Contains(initial.Diagnostics, d => d.StartsWith("TALLY003 Meter.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(initial.Diagnostics, d => d.Contains("_done", StringComparison.Ordinal));
        Assert.Contains(initial.Diagnostics, d => d.StartsWith("TALLY005 GaugeB.cs", StringComparison.Ordinal) && d.Contains("[Registrations.cs@", StringComparison.Ordinal));

        // No concurrency start in Worker any more, then the start again: an overlay of the edited tree, twice.
        compilation = Edit(compilation, "Worker.cs", "Task.Run(() => _meter.Tick());", "_meter.Tick();");
        var withoutStart = await AnalyseAsync(compilation, "Worker.cs");
        Assert.Equal(Index(compilation, "Worker.cs"), withoutStart.OverlaidTree);
        Assert.DoesNotContain(withoutStart.Diagnostics, d => d.Contains("Meter.cs", StringComparison.Ordinal));

        compilation = Edit(compilation, "Worker.cs", "_meter.Tick();", "Task.Run(() => _meter.Tick());");
        var startAgain = await AnalyseAsync(compilation, "Worker.cs");
        Assert.Equal(Index(compilation, "Worker.cs"), startAgain.OverlaidTree);
        Assert.Equal(string.Join("\n", initial.Diagnostics), string.Join("\n", startAgain.Diagnostics));

        // A lock added around the update the other writer locks for, then the other writer's lock removed.
        compilation = Edit(compilation, "Stats.cs", "public void MissFast() { _misses++; }", "public void MissFast() { lock (_gate) { _misses++; } }");
        var lockAdded = await AnalyseAsync(compilation, "Stats.cs");
        Assert.Equal(Index(compilation, "Stats.cs"), lockAdded.OverlaidTree);
        Assert.NotEqual(startAgain.Diagnostics, lockAdded.Diagnostics);

        compilation = Edit(compilation, "Stats.cs", "public void Miss() { lock (_gate) { _misses++; } }", "public void Miss() { _misses++; }");
        var lockRemoved = await AnalyseAsync(compilation, "Stats.cs");
        Assert.Equal(Index(compilation, "Stats.cs"), lockRemoved.OverlaidTree);
        Assert.NotEqual(lockAdded.Diagnostics, lockRemoved.Diagnostics);

        // The delegate start in Bus gone (the handoffs from Subscriber in another tree no longer start there), and back.
        compilation = Edit(compilation, "Bus.cs", "Task.Run(() => handler());", "handler();");
        var noDelegateStart = await AnalyseAsync(compilation, "Bus.cs");
        Assert.Equal(Index(compilation, "Bus.cs"), noDelegateStart.OverlaidTree);
        Assert.DoesNotContain(noDelegateStart.Diagnostics, d => d.Contains("_received", StringComparison.Ordinal));
        compilation = Edit(compilation, "Bus.cs", "handler();", "Task.Run(() => handler());");
        var delegateStartAgain = await AnalyseAsync(compilation, "Bus.cs");
        Assert.Contains(delegateStartAgain.Diagnostics, d => d.Contains("_received", StringComparison.Ordinal));

        // The first of two parts and two registrations edited: which one counts depends on the merge order.
        compilation = Edit(compilation, "GaugeA.cs", "public void Set() { OnChanged(); _changes++; }", "public void Set() { OnChanged(); _changes += 2; }");
        await AnalyseAsync(compilation, "GaugeA.cs");
        compilation = Edit(compilation, "Registrations.cs", "services.AddSingleton<Gauge>(); ", string.Empty);
        var registrationRemoved = await AnalyseAsync(compilation, "Registrations.cs");
        Assert.Contains(registrationRemoved.Diagnostics, d => d.StartsWith("TALLY005 GaugeB.cs", StringComparison.Ordinal) && d.Contains("[MoreRegistrations.cs@", StringComparison.Ordinal));
        compilation = Edit(compilation, "Registrations.cs", "public static void AddAll(IServiceCollection services) { ", "public static void AddAll(IServiceCollection services) { services.AddSingleton<Gauge>(); ");
        var registrationBack = await AnalyseAsync(compilation, "Registrations.cs");
        Assert.Equal(Index(compilation, "Registrations.cs"), registrationBack.OverlaidTree);
        Assert.Contains(registrationBack.Diagnostics, d => d.StartsWith("TALLY005 GaugeB.cs", StringComparison.Ordinal) && d.Contains("[Registrations.cs@", StringComparison.Ordinal));

        // A semaphore that no longer excludes (a count of three).
        compilation = Edit(compilation, "Throttle.cs", "new SemaphoreSlim(1, 1)", "new SemaphoreSlim(3, 3)");
        var semaphoreOfThree = await AnalyseAsync(compilation, "Throttle.cs");
        Assert.Contains(semaphoreOfThree.Diagnostics, d => d.StartsWith("TALLY003 Throttle.cs", StringComparison.Ordinal) && d.Contains("'_done'", StringComparison.Ordinal));

        // Delegates posted to an exclusive scheduler in another tree (their escaping calls are dropped), then a plain one.
        compilation = Edit(compilation, "Journal.cs", "_entries++;", "_entries += 1;");
        var journalEdited = await AnalyseAsync(compilation, "Journal.cs");
        Assert.Equal(Index(compilation, "Journal.cs"), journalEdited.OverlaidTree);
        compilation = Edit(compilation, "SerialQueue.cs", "None, _exclusive);", "None, TaskScheduler.Default);");
        var notSerial = await AnalyseAsync(compilation, "SerialQueue.cs");
        Assert.Equal(Index(compilation, "SerialQueue.cs"), notSerial.OverlaidTree);
        Assert.NotEqual(journalEdited.Diagnostics.Where(d => d.Contains("Journal.cs", StringComparison.Ordinal)), notSerial.Diagnostics.Where(d => d.Contains("Journal.cs", StringComparison.Ordinal)));

        // A file removed, then one added: the trees no longer line up with the kept merge, so everything is merged anew.
        compilation = compilation.RemoveSyntaxTrees(compilation.SyntaxTrees.Single(t => t.FilePath == "Subscriber.cs"));
        var removed = await AnalyseAsync(compilation, edited: null);
        Assert.Equal(-1, removed.OverlaidTree);
        Assert.DoesNotContain(removed.Diagnostics, d => d.Contains("Subscriber.cs", StringComparison.Ordinal));

        compilation = compilation.AddSyntaxTrees(Parse("Subscriber.cs", Files.Single(f => f.Path == "Subscriber.cs").Text));
        var added = await AnalyseAsync(compilation, edited: null);
        Assert.Equal(-1, added.OverlaidTree);
        Assert.Contains(added.Diagnostics, d => d.Contains("_received", StringComparison.Ordinal));

        // And an overlay again after that.
        compilation = Edit(compilation, "Subscriber.cs", "_received++;", "_received += 1;");
        var overlayAgain = await AnalyseAsync(compilation, "Subscriber.cs");
        Assert.Equal(Index(compilation, "Subscriber.cs"), overlayAgain.OverlaidTree);
    }

    /// <summary>
    /// The compilation's model (through the cache, as the analyzer gets it) against a full merge of the same summaries,
    /// query by query; its diagnostics, per document and for the whole compilation, against those of a fresh compilation
    /// of the same files (new trees, so nothing is reused).
    /// </summary>
    private static async Task<Analysed> AnalyseAsync(CSharpCompilation compilation, string? edited)
    {
        if (edited != null)
        {
            // What the IDE runs first after an edit: the edited document alone, on the new compilation.
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == edited);
            var withAnalyzers = compilation.WithAnalyzers(TallyAnalysis.Analyzers(), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
            var document = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None);
            var fresh = Recompile(compilation);
            var freshDocument = await fresh.WithAnalyzers(TallyAnalysis.Analyzers(), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
                .GetAnalyzerSemanticDiagnosticsAsync(fresh.GetSemanticModel(fresh.SyntaxTrees.Single(t => t.FilePath == edited)), null, CancellationToken.None);
            Assert.Equal(string.Join("\n", TallyAnalysis.Lines(freshDocument)), string.Join("\n", TallyAnalysis.Lines(document)));
        }

        var options = new TallyOptionsCache(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty).AnalyzerConfigOptionsProvider);
        var known = KnownSymbols.Create(compilation);
        var incremental = new ModelBuild(compilation, known, options).Value;
        var summaries = compilation.SyntaxTrees.Select(t => TreeSummaryCache.Get(compilation, t, known, options.Get(t), CancellationToken.None)).ToList();
        var full = new ConcurrencyModel(summaries);
        Assert.Equal(-1, full.OverlaidTree);
        Assert.Equal(Describe(full, summaries), Describe(incremental, summaries));

        var whole = await TallyAnalysis.WholeCompilationAsync(compilation);
        var freshWhole = await TallyAnalysis.WholeCompilationAsync(Recompile(compilation));
        Assert.Empty(whole.Crashes);
        var lines = TallyAnalysis.Lines(whole.Diagnostics);
        Assert.Equal(string.Join("\n", TallyAnalysis.Lines(freshWhole.Diagnostics)), string.Join("\n", lines));
        return new Analysed(incremental.OverlaidTree, lines);
    }

    /// <summary>Every answer of the model about every key the summaries mention, as text.</summary>
    private static string Describe(ConcurrencyModel model, IReadOnlyList<TreeSummary> summaries)
    {
        var lines = new List<string>();
        foreach (string storage in summaries.SelectMany(s => s.Writes).Select(w => w.StorageKey).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            lines.Add($"writes {storage}: " + string.Join(", ", model.WritesOf(storage).Select(w => $"{w.FunctionKey} {w.Kind} {w.Location.SourceTree?.FilePath}@{w.Location.SourceSpan} {Describe(w.Lock)} outer [{string.Join("; ", w.OuterLocks.Select(l => Describe(l)))}] held [{string.Join("; ", model.HeldLocks(w).Select(l => Describe(l)))}] {w.Description}")));
        }

        var functions = summaries.SelectMany(s => s.Functions.Select(f => f.Key).Concat(s.Calls.SelectMany(c => new[] { c.CallerKey, c.CalleeKey })).Concat(s.Entries.Select(e => e.FunctionKey)).Concat(s.Handoffs.Select(h => h.FunctionKey)));
        foreach (string function in functions.Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            var fact = model.Function(function);
            var reach = model.ReachOf(function);
            lines.Add($"function {function}: {fact?.Name} {fact?.Flags} {fact?.AssertedLock?.Location.SourceSpan} locks [{string.Join("; ", model.LocksOf(function).Select(l => Describe(l)))}] from caller {reach.FromCaller} main only {reach.MainOnly}");
            if (fact?.TypeKey is { } typeKey)
            {
                foreach (string storage in summaries.SelectMany(s => s.Writes).Where(w => w.FunctionKey == function).Select(w => w.StorageKey).Distinct().OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (model.SynchronizationReaching(typeKey, function, storage) is { } synchronization)
                    {
                        lines.Add($"  synchronised for {storage} by {synchronization.Fact.FunctionKey} {synchronization.Path}");
                    }
                }
            }
            lines.AddRange(reach.Entries.Select(e => $"  reached by {e.Entry.FunctionKey} {e.Entry.Description} {e.Entry.Location.SourceTree?.FilePath}@{e.Entry.Location.SourceSpan} {e.Entry.Multiplicity} {e.Entry.ContextKey} distance {e.Distance} many {e.Many} via {e.ViaName} owned {e.ThroughOwned}"));
        }

        foreach (string type in summaries.SelectMany(s => s.Registrations.Select(r => r.TypeKey).Concat(s.TypeSynchronization.Keys).Concat(s.DelegateStarts.Keys).Concat(s.Handoffs.Select(h => h.TypeKey))).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            var singleton = model.TryGetSingleton(type, out var registration) ? $"{registration.How} {registration.Location.SourceTree?.FilePath}@{registration.Location.SourceSpan}" : "no";
            var synchronized = model.TryGetTypeSynchronization(type, out var evidence) ? $"{evidence.Description} {evidence.Location.SourceSpan}" : "no";
            synchronized += string.Concat(model.SynchronizationsOf(type).Select(f => $"; {f.FunctionKey} {f.Evidence.Description} {f.Evidence.Location.SourceTree?.FilePath}@{f.Evidence.Location.SourceSpan} on [{string.Join(", ", f.Objects)}]"));
            lines.Add($"type {type}: singleton {singleton}, per request {model.IsPerRequest(type)}, synchronized {synchronized}");
        }

        foreach (string semaphore in summaries.SelectMany(s => s.SemaphoreCounts.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            lines.Add($"semaphore {semaphore}: exclusive {model.IsExclusive(new LockFact(semaphore, exclusive: true, Location.None))}");
        }

        return string.Join("\n", lines);
    }

    private static string Describe(LockFact? held) => held is { } l ? $"lock {l.Key} {l.Exclusive} {l.Location.SourceSpan} in {l.TakenIn}" : "no lock";

    private static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> files)
        => ProgramCompiler.Compile(files.Select(f => Parse(f.Path, f.Text)), OutputKind.DynamicallyLinkedLibrary);

    /// <summary>The same files parsed anew: a compilation that shares no tree, and so no cached summary or merge.</summary>
    private static CSharpCompilation Recompile(CSharpCompilation compilation)
        => Compile(compilation.SyntaxTrees.Select(t => (t.FilePath, t.GetText().ToString())));

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ProgramCompiler.ParseOptions, path);

    /// <summary>The IDE's edit: the document's text changed, its tree reparsed incrementally, the tree replaced in place.</summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string find, string replacement)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText();
        int at = text.ToString().IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in {path}");
        var edited = tree.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(at, find.Length), replacement)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static int Index(Compilation compilation, string path) => compilation.SyntaxTrees.ToList().FindIndex(t => t.FilePath == path);

    private sealed record Analysed(int OverlaidTree, ImmutableArray<string> Diagnostics);
}
