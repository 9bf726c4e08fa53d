namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// The correct way to aggregate in <c>Parallel.For</c>: per-thread state through localInit/localFinally, merged with
/// Interlocked. Nothing to report.
/// </summary>
internal static class ParallelLocalStateCase
{
    public static CorpusCase Case { get; } = new("ParallelLocalState", """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Batch.Correct
        {
            public static class Histogram
            {
                public static long SumOfSquares(int[] values)
                {
                    long total = 0;
                    Parallel.For(
                        0,
                        values.Length,
                        () => 0L,
                        (i, state, local) =>
                        {
                            local += (long)values[i] * values[i];
                            return local;
                        },
                        local => Interlocked.Add(ref total, local));
                    return total;
                }

                public static int CountEven(int[] values)
                {
                    int count = 0;
                    Parallel.For(
                        0,
                        values.Length,
                        () => 0,
                        (i, state, evens) =>
                        {
                            if (values[i] % 2 == 0)
                            {
                                evens++;
                            }

                            return evens;
                        },
                        evens => Interlocked.Add(ref count, evens));
                    return count;
                }
            }
        }
        """);
}
