using System;
using System.Threading.Tasks;

namespace RacySample
{
    /// <summary>
    /// Runs each race and prints how many updates were expected and how many arrived. Before the fix, some updates
    /// are usually lost (how many depends on the machine); after <c>dotnet format analyzers</c>, every count is exact.
    /// </summary>
    internal static class Program
    {
        private const int Iterations = 1_000_000;

        private static int Main()
        {
            int inexact = 0;

            // 1. A static request counter, updated from Parallel.For (through RequestStats.Record).
            Parallel.For(0, Iterations, i => RequestStats.Record(failed: i % 10 == 0));
            inexact += Report("static request counter", Iterations, RequestStats.Requests);
            inexact += Report("static failure counter", Iterations / 10, RequestStats.Failures);

            // 2. A volatile field updated with +=.
            var meter = new DownloadMeter();
            Parallel.For(0, Iterations, i => meter.OnChunk(2));
            inexact += Report("volatile byte total", 2 * Iterations, meter.BytesReceived);

            // 3. A local captured by the Parallel.For body: every iteration updates the same variable.
            int matches = 0;
            Parallel.For(0, Iterations, i =>
            {
                if (i % 3 == 0)
                {
                    matches++; // expect: TALLY003
                }
            });
            inexact += Report("captured local", (Iterations + 2) / 3, matches);

            // 4. A class that uses Interlocked for one counter and ++ for the other.
            var tracker = new JobTracker();
            Parallel.For(0, Iterations, i =>
            {
                tracker.OnStarted();
                tracker.OnFinished();
            });
            inexact += Report("jobs started (Interlocked)", Iterations, tracker.Started);
            inexact += Report("jobs finished (++)", Iterations, tracker.Finished);

            // Not a race: a local updated by one thread only. Tally does not flag it.
            long checksum = 0;
            for (int i = 0; i < 1000; i++)
            {
                checksum += i;
            }

            inexact += Report("single-threaded sum", 499_500, checksum);

            Console.WriteLine(inexact == 0
                ? "All counts are exact."
                : $"{inexact} count(s) lost updates. Run `dotnet format analyzers` on this project to fix them.");
            return 0;
        }

        private static int Report(string what, long expected, long actual)
        {
            string verdict = expected == actual ? "exact" : $"LOST {expected - actual}";
            Console.WriteLine($"{what,-28} expected {expected,9}, actual {actual,9}  {verdict}");
            return expected == actual ? 0 : 1;
        }
    }
}
