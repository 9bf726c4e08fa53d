using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Read-modify-writes that are not an operator on the storage (issue 9, miss 7 and miss 4): <c>x = Math.Max(x, v)</c>,
/// <c>if (v &gt; x) x = v;</c>, updates through <c>ref</c> locals, and updates of a trivial property over a field. Each
/// is reported like <c>x++</c> when two writers can overlap, and stays silent where <c>x++</c> would.
/// </summary>
public class UpdateShapeTests
{
    [Fact]
    public Task MathMaxAndMinOfAFieldInAParallelBody_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Range
            {
                private int _max;
                private double _min = double.MaxValue;

                public void Scan(int[] values)
                {
                    Parallel.ForEach(values, v =>
                    {
                        {|TALLY003:_max = Math.Max(_max, v)|};
                        {|TALLY003:_min = Math.Min(v, _min)|};
                    });
                }
            }
            """);

    [Fact]
    public Task MathMaxOfAStaticFieldInsideAnArithmeticChain_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            public static class Peak
            {
                private static long s_peak;

                public static void Track(long sample) => {|TALLY004:s_peak = Math.Max(s_peak, sample) * 1|};
            }
            """);

    [Fact]
    public Task MathMaxUnderALockOrOfAFieldNotRead_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Range
            {
                private readonly object _gate = new object();
                private int _max;
                private int _last;

                public void Scan(int[] values)
                {
                    Parallel.ForEach(values, v =>
                    {
                        lock (_gate)
                        {
                            _max = Math.Max(_max, v);
                        }

                        int local = 0;
                        local = Math.Max(local, v);
                        _last = Math.Max(local, v);
                    });
                }
            }
            """);

    [Fact]
    public Task CompareThenAssignOfAFieldInConcurrentCode_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Latency
            {
                private long _max;
                private long _min = long.MaxValue;

                public void Record(long[] samples)
                {
                    Parallel.ForEach(samples, sample =>
                    {
                        if (sample > _max)
                        {
                            {|TALLY003:_max = sample|};
                        }

                        if (_min > sample && sample >= 0) {|TALLY003:_min = sample|};
                    });
                }
            }
            """);

    [Fact]
    public Task CompareThenAssignUnderALock_OrAssigningAnotherValue_OrAnEqualityCheck_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Latency
            {
                private readonly object _gate = new object();
                private long _max;
                private long _last;
                private int _state;

                public void Record(long[] samples)
                {
                    Parallel.ForEach(samples, sample =>
                    {
                        lock (_gate)
                        {
                            if (sample > _max) { _max = sample; }
                        }

                        if (sample > _last) { _last = 0; }
                        if (_state == 0) { _state = 1; }
                    });
                }
            }
            """);

    [Fact]
    public Task ClampWithAnUnsetValue_AnOrOfTheComparison_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class PowerLimits
            {
                private double _ceiling;
                private double _floor;

                public void Apply(double[] caps)
                {
                    Parallel.ForEach(caps, cap =>
                    {
                        if (_ceiling == 0d || _ceiling > cap)
                        {
                            {|TALLY003:_ceiling = cap|};
                        }

                        if (cap < 0 || _floor < cap) {|TALLY003:_floor = cap|};
                    });
                }
            }
            """);

    [Fact]
    public Task OrWithoutAComparisonOfTheAssignedValue_OrUnderALock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class PowerLimits
            {
                private readonly object _gate = new object();
                private double _ceiling;
                private double _last;

                public void Apply(double[] caps, double top)
                {
                    Parallel.ForEach(caps, cap =>
                    {
                        if (_last == 0d || top > 3) { _last = cap; }
                        if (_last > top || cap > 1) { _last = cap; }

                        lock (_gate)
                        {
                            if (_ceiling == 0d || _ceiling > cap) { _ceiling = cap; }
                        }
                    });
                }
            }
            """);

    [Fact]
    public Task CompareThenAssignOfACapturedLocal_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Scanner
            {
                public int Max(int[] values)
                {
                    int max = 0;
                    Parallel.ForEach(values, v => { if (v > max) {|TALLY003:max = v|}; });
                    return max;
                }
            }
            """);

    [Fact]
    public Task UpdatesThroughRefLocalsToASharedFieldAndElement_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Histogram
            {
                private readonly int[] _buckets = new int[8];
                private long _total;

                public void AddAll(int[] values)
                {
                    Parallel.ForEach(values, v =>
                    {
                        ref int bucket = ref _buckets[v & 7];
                        {|TALLY003:bucket++|};
                        ref long total = ref _total;
                        {|TALLY003:total += v|};
                    });
                }
            }
            """);

    [Fact]
    public Task UpdatesThroughRefLocalsToALocalArray_OrARefMadeToReferElsewhere_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Histogram
            {
                private long _total;

                public static int[] Count(int[] values)
                {
                    var counts = new int[8];
                    foreach (int v in values)
                    {
                        ref int slot = ref counts[v & 7];
                        slot++;
                    }

                    return counts;
                }

                public void AddAll(int[] values)
                {
                    Parallel.ForEach(values, v =>
                    {
                        var mine = new long[1];
                        ref long target = ref _total;
                        target = ref mine[0];
                        target += v;
                    });
                }
            }
            """);

    [Fact]
    public Task TrivialPropertiesOverFieldsUpdatedInConcurrentCode_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Stats
            {
                private int _hits;
                private int _misses;

                public int Hits
                {
                    get => _hits;
                    set => _hits = value;
                }

                public int Misses
                {
                    get { return this._misses; }
                    set { this._misses = value; }
                }
            }

            public static class Probe
            {
                public static Stats Run(string[] keys)
                {
                    var stats = new Stats();
                    Parallel.ForEach(keys, key =>
                    {
                        if (key.Length > 3) {|TALLY003:stats.Hits++|};
                        else {|TALLY003:stats.Misses += 1|};
                    });
                    return stats;
                }
            }
            """);

    [Fact]
    public Task PropertiesThatDoMoreThanReadAndWriteOneField_AndSequentialUpdates_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Stats
            {
                private int _hits;
                private int _other;

                public int Checked
                {
                    get => _hits;
                    set => _hits = value < 0 ? 0 : value;
                }

                public int Crossed
                {
                    get => _hits;
                    set => _other = value;
                }

                public int Trivial
                {
                    get => _hits;
                    set => _hits = value;
                }
            }

            public static class Probe
            {
                public static Stats Run(string[] keys)
                {
                    var stats = new Stats();
                    Parallel.ForEach(keys, key =>
                    {
                        stats.Checked++;
                        stats.Crossed++;
                    });

                    var sequential = new Stats();
                    foreach (var key in keys)
                    {
                        sequential.Trivial++;
                    }

                    return sequential;
                }
            }
            """);
}
