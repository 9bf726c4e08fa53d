namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>The classic bug: a local captured by a <c>Parallel.For</c> body and updated there (TALLY003).</summary>
internal static class ParallelCapturedLocalCase
{
    public static CorpusCase Case { get; } = new("ParallelCapturedLocal", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Batch
        {
            public static class PrimeCounter
            {
                public static int CountPrimes(int limit)
                {
                    int count = 0;
                    Parallel.For(2, limit, n =>
                    {
                        if (IsPrime(n))
                        {
                            {|TALLY003:count++|};
                        }
                    });
                    return count;
                }

                public static long SumLengths(IEnumerable<string> lines)
                {
                    long total = 0;
                    Parallel.ForEach(lines, line => {|TALLY003:total += line.Length|});
                    return total;
                }

                public static int CountSequential(int limit)
                {
                    int count = 0;
                    for (int n = 2; n < limit; n++)
                    {
                        if (IsPrime(n))
                        {
                            count++;
                        }
                    }

                    return count;
                }

                private static bool IsPrime(int n)
                {
                    for (int d = 2; d * d <= n; d++)
                    {
                        if (n % d == 0)
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }
        }
        """);
}
