namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A dedicated thread and PLINQ updating shared state (TALLY003); per-thread state through ThreadLocal and objects
/// created inside the concurrent code and never shared are not reported.
/// </summary>
internal static class ThreadsAndPlinqCase
{
    public static CorpusCase Case { get; } = new("ThreadsAndPlinq", """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Compute
        {
            public sealed class Summary
            {
                public int Count { get; set; }
                public long Total;
            }

            public sealed class Crawler
            {
                private readonly ThreadLocal<int> _perThread = new ThreadLocal<int>(() => 0);
                private int _iterations;
                private Thread? _thread;

                public void Start()
                {
                    _thread = new Thread(Work) { IsBackground = true };
                    _thread.Start();
                }

                private void Work()
                {
                    while (_iterations < 1000)
                    {
                        {|TALLY003:_iterations++|};
                        _perThread.Value++;
                    }
                }

                public static int CountLong(IEnumerable<string> pages)
                {
                    int longPages = 0;
                    pages.AsParallel().ForAll(page =>
                    {
                        if (page.Length > 10000)
                        {
                            {|TALLY003:longPages++|};
                        }
                    });
                    return longPages;
                }

                public static Task<long> AverageAsync(int[] values)
                {
                    return Task.Run(() =>
                    {
                        var summary = new Summary();
                        foreach (var value in values)
                        {
                            summary.Count++;
                            summary.Total += value;
                        }

                        return summary.Total / System.Math.Max(1, summary.Count);
                    });
                }
            }
        }
        """);
}
