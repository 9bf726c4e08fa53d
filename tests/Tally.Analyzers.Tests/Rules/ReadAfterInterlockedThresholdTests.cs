using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 and a re-read that stands for "the count now": after <c>Interlocked.Increment(ref _open)</c>, the field
/// compared with a limit (<c>&lt; &lt;= &gt; &gt;=</c>) in the condition of an <c>if</c> whose branches only act on
/// shared state (pause a listener, log) and go on as the thread would have anyway. A relational test of the returned
/// value is true for every thread past the limit, so it singles out no thread; the re-read only also sees the steps
/// others made since. Where the re-read stands for this thread's own result (an equality that picks one thread, a
/// branch that leaves or undoes the step, an id, a value returned), it is still reported.
/// </summary>
public class ReadAfterInterlockedThresholdTests
{
    private const string Acceptor = """
        using System;
        using System.Threading;

        public sealed class Acceptor
        {
            private readonly int _max;
            private readonly Action<string>? _logger;
            private int _open;
            private bool _listening = true;

            public Acceptor(int max, Action<string>? logger)
            {
                _max = max;
                _logger = logger;
            }

            public void Accepted()
            {
                Interlocked.Increment(ref _open);
                if (_open >= _max && _listening)
                {
                    _logger?.Invoke("limit " + _max + " reached (now " + _open + "), pausing");
                    _listening = false;
                }
                else if (_open > _max - 10)
                {
                    _logger?.Invoke("close to the limit: " + _open);
                }

                Serve();
            }

            public void Closed() => Interlocked.Decrement(ref _open);

            private void Serve()
            {
            }
        }
        """;

    [Fact]
    public Task CountComparedWithALimitForASideActionAndLogged_IsNotReported() => Verify.VerifyAnalyzerAsync(Acceptor);

    [Fact]
    public Task CountComparedWithALimitInANegatedCondition_IsNotReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("if (_open >= _max && _listening)", "if (!(_open < _max) && _listening)"));

    [Fact]
    public Task CountComparedForEqualityWithTheLimit_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("if (_open >= _max && _listening)", "if ({|TALLY007:_open|} == _max && _listening)"));

    [Fact]
    public Task CountComparedWithALimitInABranchThatLeaves_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("if (_open >= _max && _listening)", "if ({|TALLY007:_open|} >= _max && _listening)")
        .Edit("_listening = false;", "_listening = false;\n            return;"));

    [Fact]
    public Task CountComparedWithALimitInABranchThatUndoesTheStep_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("if (_open >= _max && _listening)", "if ({|TALLY007:_open|} >= _max && _listening)")
        .Edit("_listening = false;", "Interlocked.Decrement(ref _open);"));

    [Fact]
    public Task CountComparedWithAnotherReadOfItself_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("if (_open >= _max && _listening)", "if ({|TALLY007:_open|} >= _max + _open / 2 && _listening)"));

    [Fact]
    public Task CountComparedInAConditionalExpressionWhoseValueIsKept_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("Serve();", "var busy = {|TALLY007:_open|} >= _max ? 1 : 0;\n            Serve();"));

    [Fact]
    public Task CountComparedForASideActionButAlsoUsedAsAnId_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("Serve();", "Serve({|TALLY007:_open|});")
        .Edit("private void Serve()", "private void Serve(int ticket)"));

    [Fact]
    public Task CountHandedToADelegateThatIsNoLogger_IsReported() => Verify.VerifyAnalyzerAsync(Acceptor
        .Edit("private readonly Action<string>? _logger;", "private readonly Action<string>? _logger;\n    private readonly Action<int>? _publish = null;")
        .Edit("Serve();", "_publish?.Invoke({|TALLY007:_open|});\n            Serve();"));
}
