using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// <c>base.Next</c> and <c>base.Take()</c> run the base class's own member, not an override: the lock an override holds
/// around its base call covers the base member's update. A virtual accessor reached through <c>base</c> is no virtual
/// dispatch, exactly as a method called through <c>base</c> is not.
/// </summary>
public class BaseMemberCallTests
{
    private const string Sequence = """
        using System.Threading.Tasks;

        internal class Sequence
        {
            private int _next;

            public virtual int Next { get { return _next++; } }

            public virtual int Take() { return _next++; }
        }

        internal sealed class LockedSequence : Sequence
        {
            private readonly object _gate = new object();

            public override int Next { get { lock (_gate) { return base.Next; } } }

            public override int Take() { lock (_gate) { return base.Take(); } }
        }

        internal sealed class Numberer
        {
            private readonly LockedSequence _sequence = new LockedSequence();

            public void NumberAll(int[] slots)
                => Parallel.For(0, slots.Length, i => slots[i] = _sequence.Next + _sequence.Take());
        }
        """;

    [Fact]
    public Task BaseAccessorAndBaseMethodCalledInsideTheOverridesLock_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Sequence);

    [Fact]
    public async Task BaseAccessorCalledOutsideTheOverridesLock_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Sequence.Edit(
            "public override int Next { get { lock (_gate) { return base.Next; } } }",
            "public override int Next { get { return base.Next; } }"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task BaseMethodCalledOutsideTheOverridesLock_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Sequence.Edit(
            "public override int Take() { lock (_gate) { return base.Take(); } }",
            "public override int Take() { return base.Take(); }"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}
