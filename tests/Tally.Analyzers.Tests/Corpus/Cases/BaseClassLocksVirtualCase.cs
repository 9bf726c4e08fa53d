namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): an abstract aggregator calls its protected abstract <c>AddCore</c> only under its own lock;
/// a derived class in another file updates its totals in the override. Fed from a Parallel.ForEach. Expected: nothing
/// reported; the override only runs under the base class's lock.
/// </summary>
internal static class BaseClassLocksVirtualCase
{
    public static CorpusCase Case { get; } = new("BaseClassLocksVirtual", """
        using System.Collections.Generic;

        namespace Corpus.Aggregation
        {
            public abstract class Aggregator<T>
            {
                private readonly object _lock = new object();

                public void Add(T item)
                {
                    lock (_lock)
                    {
                        AddCore(item);
                    }
                }

                public void AddRange(IEnumerable<T> items)
                {
                    lock (_lock)
                    {
                        foreach (var item in items)
                        {
                            AddCore(item);
                        }
                    }
                }

                public TResult Read<TResult>(System.Func<Aggregator<T>, TResult> read)
                {
                    lock (_lock)
                    {
                        return read(this);
                    }
                }

                protected abstract void AddCore(T item);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.BaseClassLocksAroundVirtual,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Aggregation
            {
                public sealed class LatencyAggregator : Aggregator<long>
                {
                    private long _sum;
                    private int _count;
                    private int _slow;

                    public double Average => _count == 0 ? 0 : (double)_sum / _count;

                    protected override void AddCore(long item)
                    {
                        _sum += item;
                        _count++;
                        if (item > 1000)
                        {
                            _slow += 1;
                        }
                    }
                }

                public static class LatencyReport
                {
                    public static double Average(IEnumerable<long> samples)
                    {
                        var aggregator = new LatencyAggregator();
                        Parallel.ForEach(samples, sample => aggregator.Add(sample));
                        return aggregator.Read(a => ((LatencyAggregator)a).Average);
                    }
                }
            }
            """,
        },
    };
}
