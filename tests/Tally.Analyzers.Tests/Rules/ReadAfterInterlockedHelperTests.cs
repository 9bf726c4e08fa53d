using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;
using VerifyFix = Tally.Analyzers.Tests.Verification.CodeFixVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer, Tally.CodeFixes.InterlockedMisuse.InterlockedMisuseCodeFixProvider>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 through a private helper of the same type whose only statement is the Interlocked step
/// (<c>AddCore(n); return _value;</c> with <c>AddCore</c> doing <c>Interlocked.Add(ref _value, n)</c>, or
/// <c>Step(ref _value, n)</c> with the field passed by reference): the read that follows in the same block is the
/// same re-read as after the Interlocked call itself. A helper that does anything else, may be overridden, or runs its
/// step under a lock is not followed.
/// </summary>
public class ReadAfterInterlockedHelperTests
{
    private static string Counter(string helper, string step = "AddCore(delta);") => $$"""
        using System.Threading;

        public sealed class Counter
        {
            private readonly object _gate = new object();
            private int _value;

            public int Add(int delta)
            {
                {{step}}
                return [|_value|];
            }

            {{helper}}
        }
        """;

    [Theory]
    [InlineData("private void AddCore(int delta) { Interlocked.Add(ref _value, delta); }")]
    [InlineData("private void AddCore(int delta) => Interlocked.Add(ref _value, delta);")]
    [InlineData("private void AddCore(int delta) { _ = Interlocked.Add(ref this._value, delta); }")]
    public Task AReReadAfterAPrivateHelperWhoseOnlyStatementIsTheInterlockedStep_IsReported(string helper)
        => Verify.VerifyAnalyzerAsync(Counter(helper).Replace("[|_value|]", "{|TALLY007:_value|}", System.StringComparison.Ordinal));

    [Fact]
    public Task AReReadAfterAHelperTakingTheFieldByReference_IsReported()
        => Verify.VerifyAnalyzerAsync(Counter("private static void Step(ref int location, int delta) => Interlocked.Add(ref location, delta);", "Step(ref _value, delta);")
            .Replace("[|_value|]", "{|TALLY007:_value|}", System.StringComparison.Ordinal));

    [Theory]
    [InlineData("private void AddCore(int delta) { Interlocked.Add(ref _value, delta); _value = System.Math.Max(_value, 0); }")]
    [InlineData("private void AddCore(int delta) { Interlocked.Add(ref _value, delta); System.Console.WriteLine(delta); }")]
    [InlineData("private void AddCore(int delta) { lock (_gate) { Interlocked.Add(ref _value, delta); } }")]
    [InlineData("private void AddCore(int delta) { if (delta != 0) Interlocked.Add(ref _value, delta); }")]
    [InlineData("public void AddCore(int delta) { Interlocked.Add(ref _value, delta); }")]
    [InlineData("private void AddCore(int delta) { Interlocked.Add(ref _value, _value + delta); }")]
    public Task AHelperThatDoesMoreIsPublicOrLocksOrIsConditional_IsNotFollowed(string helper)
        => Verify.VerifyAnalyzerAsync(Counter(helper).Replace("[|_value|]", "_value", System.StringComparison.Ordinal));

    [Fact]
    public Task AHelperStepOnAnotherField_IsNotFollowed()
        => Verify.VerifyAnalyzerAsync(Counter("private int _other; private void AddCore(int delta) => Interlocked.Add(ref _other, delta);")
            .Replace("[|_value|]", "_value", System.StringComparison.Ordinal));

    [Fact]
    public Task AReReadAfterAHelper_HasNoFix_TheHelperReturnsNothingToUse()
        => VerifyFix.VerifyNoFixAsync(Counter("private void AddCore(int delta) => Interlocked.Add(ref _value, delta);")
            .Replace("[|_value|]", "{|TALLY007:_value|}", System.StringComparison.Ordinal));
}
