using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY002: non-atomic update of a volatile field.</summary>
public class VolatileFieldTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task UpdatesOfVolatileInstanceField_AreReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Connection
            {
                private volatile int _pending;

                public void Send() { {|TALLY002:_pending++|}; }
                public void Done(int n) { {|TALLY002:_pending -= n|}; }
                public void Reset() { {|TALLY002:this._pending = this._pending - 1|}; }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task VolatileStaticField_IsReportedAsVolatile_NotAsStatic() =>
        Verify.VerifyAnalyzerAsync("""
            static class Flags
            {
                private static volatile int s_generation;
                public static void Bump() { {|TALLY002:s_generation++|}; }
            }
            """);

    [Fact]
    public Task PlainReadsAndWritesOfVolatileField_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Worker
            {
                private volatile bool _stop;
                private volatile int _state;

                public void Stop() { _stop = true; _state = 3; }
                public bool IsStopped => _stop && _state == 3;
            }
            """);

    [Fact]
    public Task VolatileFieldUpdatedUnderLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Connection
            {
                private readonly object _gate = new object();
                private volatile int _pending;

                public void Send() { lock (_gate) { _pending++; } }
                public int Pending => _pending;
            }
            """);

    [Fact]
    public Task VolatileFieldAlsoLockedElsewhere_IsReportedAsSynchronizedElsewhere() =>
        Verify.VerifyAnalyzerAsync("""
            class Connection
            {
                private readonly object _gate = new object();
                private volatile int _pending;

                public void Send() { lock (_gate) { _pending++; } }
                public void Done() { {|TALLY001:_pending--|}; }
            }
            """);

    [Fact]
    public Task ElementOfArrayInVolatileField_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Table
            {
                private volatile int[] _counts = new int[8];
                public void Hit(int i) { {|TALLY002:_counts[i]++|}; }
            }
            """);

    [Fact]
    public async Task Diagnostic_PointsAtTheVolatileModifier()
    {
        const string source = """
            class Connection
            {
                private volatile int _pending;
                public void Send() { _pending++; }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Equal("TALLY002", diagnostic.Id);
        Assert.Contains("'_pending'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var modifier = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("volatile", modifier.SourceTree!.GetText().ToString(modifier.SourceSpan));
    }
}
