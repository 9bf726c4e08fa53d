using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A public method whose every call in the compilation holds a lock of the callee's own object, reached on the call's
/// receiver: <c>lock (registry.Gate) { registry.NextId(); }</c>, where <c>Gate</c> only returns the registry's readonly
/// lock field (fresh21, Spice86: an id counter of a singleton taken by its one caller inside the singleton's lock). In
/// the callee that is <c>lock (this._gate)</c>, so the compilation's callers exclude each other; but code outside the
/// compilation may call the public method without the lock, so the update stays reported, as inferred (hidden by
/// default) instead of certain. Reported as before, certain: a caller without the lock, a lock on another object (the
/// caller's own, or another registry's), a lock field that is not readonly, a receiver field that is not readonly, and
/// another writer of the counter without the lock.
/// </summary>
public class ReceiverFieldLockTests
{
    private const string Registry = """
        using Microsoft.Extensions.DependencyInjection;

        public sealed class BreakpointRegistry
        {
            private readonly object _gate = new object();
            private int _nextId = 1;

            public object Gate => _gate;

            public int NextId() => {|TALLY005:_nextId++|};
        }

        public sealed class BreakpointTools
        {
            private readonly BreakpointRegistry _registry;
            private readonly object _ownGate = new object();

            public BreakpointTools(BreakpointRegistry registry) => _registry = registry;

            public string Add(int address)
            {
                lock (_registry.Gate)
                {
                    return _registry.NextId() + "@" + address;
                }
            }
        }

        public static class Setup
        {
            public static void Register(IServiceCollection services) => services.AddSingleton<BreakpointRegistry>();
        }
        """;

    private static readonly TestOptions AspNet = new TestOptions { AspNetCore = true };

    [Fact]
    public Task PublicMethodWhoseOnlyCallerLocksTheReceiversLockProperty_IsReported_AsInferred() => AssertInferred(Registry);

    [Fact]
    public Task PublicMethodWhoseOnlyCallerLocksTheReceiversReadonlyLockField_IsReported_AsInferred() => AssertInferred(Registry
        .Edit("private readonly object _gate", "internal readonly object _gate")
        .Edit("lock (_registry.Gate)", "lock (_registry._gate)"));

    [Fact]
    public Task PublicMethodCalledOnAParameterInsideItsLock_IsReported_AsInferred() => AssertInferred(Registry
        .Edit("public string Add(int address)", "public static string AddTo(BreakpointRegistry registry, int address)")
        .Edit("lock (_registry.Gate)", "lock (registry.Gate)")
        .Edit("return _registry.NextId()", "return registry.NextId()"));

    [Fact]
    public Task PublicMethodCalledOnThisInsideTheTypesOwnLock_IsReported_AsInferred() => AssertInferred(Registry
        .Edit("public object Gate => _gate;", "public int Reserve()\n    {\n        lock (_gate)\n        {\n            return NextId();\n        }\n    }")
        .Edit("lock (_registry.Gate)\n        {\n            return _registry.NextId()", "{\n            return _registry.Reserve()"));

    [Fact]
    public Task PublicMethodCalledInsideTheLockInALambda_IsReported_AsInferred() => AssertInferred(Registry
        .Edit("public string Add(int address)\n    {", "public string Add(int address) => Run(() =>\n    {")
        .Edit("            return _registry.NextId() + \"@\" + address;\n        }\n    }", "            return _registry.NextId() + \"@\" + address;\n        }\n    });\n\n    private static string Run(System.Func<string> tool) => tool();"));

    [Fact]
    public Task TwoPublicWritersWhoseCallersAllHoldTheReceiversLock_AreReported_AsInferred() => AssertInferred(Registry
        .Edit("public object Gate => _gate;", "public object Gate => _gate;\n\n    public void Rewind() => {|TALLY005:_nextId--|};")
        .Edit("return _registry.NextId() + \"@\" + address;", "var id = _registry.NextId();\n            _registry.Rewind();\n            return id + \"@\" + address;"));

    [Fact]
    public Task PublicMethodWhoseCounterAnotherWriterUpdatesUnderTheSameLockField_IsReported_AsInferred() => AssertInferred(Registry
        .Edit("public object Gate => _gate;", "public object Gate => _gate;\n\n    public void Skip()\n    {\n        lock (_gate)\n        {\n            _nextId++;\n        }\n    }")
        .Edit("{|TALLY005:_nextId++|}", "{|TALLY001:_nextId++|}"));

    [Fact]
    public Task PublicMethodAlsoCalledWithoutTheLock_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("    public string Add(int address)", "    public int Peek() => _registry.NextId();\n\n    public string Add(int address)"));

    [Fact]
    public Task PublicMethodCalledUnderTheCallersOwnLock_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("lock (_registry.Gate)", "lock (_ownGate)"));

    [Fact]
    public Task PublicMethodCalledUnderTheLockOfAnotherRegistry_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("private readonly object _ownGate = new object();", "private readonly BreakpointRegistry _other = new BreakpointRegistry();")
        .Edit("lock (_registry.Gate)", "lock (_other.Gate)"));

    [Fact]
    public Task PublicMethodCalledUnderALockFieldThatIsNotReadonly_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("private readonly object _gate", "private object _gate"));

    [Fact]
    public Task PublicMethodCalledOnAReceiverFieldThatIsNotReadonly_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("private readonly BreakpointRegistry _registry;", "private BreakpointRegistry _registry;"));

    [Fact]
    public Task PublicMethodWhoseCounterAnotherWriterUpdatesWithoutTheLock_IsReported_AsCertain() => AssertCertain(Registry
        .Edit("public object Gate => _gate;", "public object Gate => _gate;\n\n    public void Skip() => {|TALLY005:_nextId++|};"));

    private static async Task AssertInferred(string markup)
    {
        await Verify.VerifyAnalyzerAsync(markup, AspNet);
        CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(markup, AspNet));
    }

    private static async Task AssertCertain(string markup)
    {
        await Verify.VerifyAnalyzerAsync(markup, AspNet);
        var diagnostics = await Verify.GetDiagnosticsAsync(markup, AspNet);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }
}
