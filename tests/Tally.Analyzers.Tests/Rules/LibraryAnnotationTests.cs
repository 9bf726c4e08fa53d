using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>The annotations that ship in the Tally library are the ones the analyzer's default options name.</summary>
public class LibraryAnnotationTests
{
    [Fact]
    public Task SingleWriterAndApproximateCounterFromTheLibrary_SilenceTheField_AndOthersAreStillReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Tally;

            static class Stats
            {
                [SingleWriter]
                private static int s_written;

                [ApproximateCounter]
                private static long s_approximate;

                private static int s_plain;

                public static void Hit()
                {
                    s_written++;
                    s_approximate += 2;
                    {|TALLY004:s_plain++|};
                }
            }
            """, TallyLibrary.With());

    [Fact]
    public Task ThreadSafeFromTheLibrary_MakesTheInstanceShared() =>
        Verify.VerifyAnalyzerAsync("""
            using Tally;

            [ThreadSafe]
            sealed class Meter
            {
                private int _hits;

                public void Hit() { {|TALLY005:_hits++|}; }
            }
            """, TallyLibrary.With());
}
