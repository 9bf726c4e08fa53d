using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Assigning a property whose setter has a body runs the setter, exactly as reading a property runs its getter
/// (<see cref="PropertyGetterCallTests"/>): the call carries the same facts as a method call on the same receiver, so
/// copies of a fan-out that assign the property of one object reach the setter's update on that object for certain,
/// and copies that each assign their own object's property stay inferred.
/// </summary>
public class PropertySetterCallTests
{
    private const string Gauge = """
        public sealed class Gauge
        {
            private long _value;
            private int _changes;

            public long Value
            {
                get => _value;
                set { _value = value; _changes++; }
            }

            public int Changes => _changes;
        }
        """;

    [Fact]
    public async Task SetterOfOneSharedObjectAssignedByParallelLoopBodies_IsReportedAsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public sealed class Sampler
            {
                private readonly Gauge _gauge = new Gauge();

                public void SampleAll(long[] readings)
                    => Parallel.ForEach(readings, reading => _gauge.Value = reading);
            }
            """, new TestOptions { AdditionalSources = new[] { Gauge } });

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task SetterOfEachLoopItemsOwnObjectAssignedByStartedCopies_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Sampler
            {
                public void ResetAll(List<Gauge> gauges)
                {
                    foreach (var gauge in gauges)
                    {
                        Task.Run(() => Reset(gauge));
                    }
                }

                private static void Reset(Gauge gauge) => gauge.Value = 0;
            }
            """, new TestOptions { AdditionalSources = new[] { Gauge } });

        Assert.NotEmpty(diagnostics);
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public Task AutoPropertyAssignedByParallelLoopBodies_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Latest
            {
                public long Value { get; set; }
            }

            public sealed class Sampler
            {
                private readonly Latest _latest = new Latest();

                public void SampleAll(long[] readings)
                    => Parallel.ForEach(readings, reading => _latest.Value = reading);
            }
            """);
}
