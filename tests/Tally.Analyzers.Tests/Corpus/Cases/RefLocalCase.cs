namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 7 (reported): updates through <c>ref</c> locals that alias a shared field (<c>ref long total = ref _total</c>)
/// and a shared array element (<c>ref int bucket = ref _histogram[i]</c>, where many values land in one bucket) in a
/// <c>Parallel.ForEach</c> body: lost updates. A ref to an element of a per-call array stays silent.
/// </summary>
internal static class RefLocalCase
{
    public static CorpusCase Case { get; } = new("RefLocal", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Histograms
        {
            public sealed class Histogram
            {
                private readonly int[] _buckets = new int[16];
                private long _total;

                public void AddAll(IEnumerable<int> values)
                {
                    Parallel.ForEach(values, value =>
                    {
                        ref int bucket = ref _buckets[value & 15];
                        {|TALLY003:bucket++|};
                        ref long total = ref _total;
                        {|TALLY003:total += value|};
                    });
                }

                public static int[] CountSequentially(IEnumerable<int> values)
                {
                    var counts = new int[16];
                    foreach (int value in values)
                    {
                        ref int slot = ref counts[value & 15];
                        slot++;
                    }

                    return counts;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RefLocalShape,
    };
}
