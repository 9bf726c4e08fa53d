using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 after a swap that runs once per object (held-out fresh26, Reaqtor's quote factory): a private method swaps a
/// private delegate field with <c>Interlocked.Exchange</c> and calls the field again, and its only call is inside
/// <c>if (Interlocked.Increment(ref count) == Threshold)</c> in a lambda made by the constructor, over a local of the
/// constructor. Only one increment returns the threshold, and nothing else writes the field after construction, so the
/// re-read returns this swap's value: inferred. A gate that is not as wide as the field, a gate written otherwise, a call
/// outside the gate, the method taken as a delegate, or another writer of the field stay certain.
/// </summary>
public class ReadAfterOnceGatedSwapTests
{
    private const string Creator = """
        using System;
        using System.Threading;

        public sealed class Creator
        {
            private const int Threshold = 4;
            private static int s_compiled;
            private int _uses;
            private Func<int, string> _make;

            public Creator(Func<int, string> slow, Func<Func<int, string>> compile)
            {
                var count = 0;
                _make = arg =>
                {
                    if (Interlocked.Increment(ref count) == Threshold)
                    {
                        return Speedup(compile, arg);
                    }

                    return slow(arg);
                };
            }

            public string Make(int arg) => _make(arg);

            public void Reset() { }

            private string Speedup(Func<Func<int, string>> compile, int arg)
            {
                Interlocked.Exchange(ref _make, compile());
                return _make(arg);
            }
        }
        """;

    private static async Task AssertCertaintyAsync(string source, string certainty)
        => CertaintyAssert.SingleOf("TALLY007", certainty, await Verify.GetDiagnosticsAsync(source, CertaintyAssert.InferredShown));

    [Fact]
    public Task SwapCalledOnlyWhenTheConstructorsCounterReachesTheThreshold_IsInferred() => AssertCertaintyAsync(Creator, "Inferred");

    [Fact]
    public Task SwapGatedByAnInstanceFieldCounter_IsInferred() => AssertCertaintyAsync(Creator
        .Edit("if (Interlocked.Increment(ref count) == Threshold)", "if (Threshold == Interlocked.Increment(ref _uses))"), "Inferred");

    [Fact]
    public Task SwapGatedByAStaticCounter_IsInferred() => AssertCertaintyAsync(Creator
        .Edit("if (Interlocked.Increment(ref count) == Threshold)", "if (Interlocked.Increment(ref s_compiled) == 1)"), "Inferred");

    [Fact]
    public Task SwapAlsoCalledOutsideTheGate_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("public void Reset() { }", "public void Reset() => Speedup(() => a => a.ToString(), 0);"), "Certain");

    [Fact]
    public Task SwapTakenAsADelegate_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("public void Reset() { }", "public Func<Func<Func<int, string>>, int, string> Reset() => Speedup;"), "Certain");

    [Fact]
    public Task FieldAlsoWrittenAfterConstruction_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("public void Reset() { }", "public void Reset() => _make = a => a.ToString();"), "Certain");

    [Fact]
    public Task GateCounterAlsoReset_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("if (Interlocked.Increment(ref count) == Threshold)", "if (Interlocked.Increment(ref _uses) == Threshold)")
        .Edit("public void Reset() { }", "public void Reset() => _uses = 0;"), "Certain");

    [Fact]
    public Task GateCounterDeclaredInTheCallingMethod_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("public string Make(int arg) => _make(arg);", """
            public string Make(int arg)
            {
                var local = 0;
                if (Interlocked.Increment(ref local) == 1)
                {
                    return Speedup(() => a => a.ToString(), arg);
                }

                return _make(arg);
            }
            """)
        .Edit("return Speedup(compile, arg);", "return slow(arg);"), "Certain");

    [Fact]
    public Task GateTestedWithAnotherCondition_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("if (Interlocked.Increment(ref count) == Threshold)", "if (Interlocked.Increment(ref count) >= Threshold)"), "Certain");

    [Fact]
    public Task GateCounterDeclaredInALoopOfTheConstructor_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("var count = 0;", "for (var i = 0; i < 2; i++) { var count = 0;")
        .Edit("};", "}; }"), "Certain");

    [Fact]
    public Task GateCounterDeclaredInADeconstructingForEachOfTheConstructor_IsCertain() => AssertCertaintyAsync(Creator
        .Edit("var count = 0;", "foreach (var (i, j) in new[] { (1, 2), (3, 4) }) { var count = i - j;")
        .Edit("};", "}; }"), "Certain");
}
