using System;
using System.Collections.Generic;

namespace RacySample
{
    /// <summary>
    /// Runs each race and prints how many updates were expected and how many arrived. Before the fix every race loses
    /// updates (each one repeats until it has, see <see cref="Race"/>); after the fix every count is exact.
    /// </summary>
    internal static class Program
    {
        private static int Main()
        {
            Console.WriteLine($"{Race.Threads} threads per race, released together, {Race.RoundLength.TotalMilliseconds} ms per round; a race repeats (at most {Race.MaxRounds} rounds) until it loses an update.");
            int inexact = 0;

            // 1. A static request counter, updated from many threads (through RequestStats.Record).
            List<long[]> rounds = Race.Repeat(
                () => Race.OnThreads(i => RequestStats.Record(failed: i % 5 == 0)),
                r => RequestStats.Requests != Race.Calls(r) && RequestStats.Failures != Race.EveryNth(r, 5));
            inexact += Report("static request counter", Race.Calls(rounds), RequestStats.Requests);
            inexact += Report("static failure counter", Race.EveryNth(rounds, 5), RequestStats.Failures);

            // 2. A volatile field updated with +=.
            var meter = new DownloadMeter();
            rounds = Race.Repeat(() => Race.OnThreads(i => meter.OnChunk(2)), r => meter.BytesReceived != 2 * Race.Calls(r));
            inexact += Report("volatile byte total", 2 * Race.Calls(rounds), meter.BytesReceived);

            // 3. A local captured by code that runs on several threads at once: they all update the same variable.
            //    (Race.OnThreads runs its argument on several threads; samples/RacySample/.editorconfig tells Tally so.)
            long matches = 0;
            rounds = Race.Repeat(
                () => Race.OnThreads(i =>
                {
                    if (i % 3 == 0)
                    {
                        matches++; // expect: TALLY003
                    }
                }),
                r => matches != Race.EveryNth(r, 3));
            inexact += Report("captured local", Race.EveryNth(rounds, 3), matches);

            // 4. A class that uses Interlocked for one counter and ++ for the other.
            var tracker = new JobTracker();
            rounds = Race.Repeat(
                () => Race.OnThreads(i =>
                {
                    tracker.OnStarted();
                    tracker.OnFinished();
                }),
                r => tracker.Finished != Race.Calls(r));
            inexact += Report("jobs started (Interlocked)", Race.Calls(rounds), tracker.Started);
            inexact += Report("jobs finished (++)", Race.Calls(rounds), tracker.Finished);

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
            Console.WriteLine($"{what,-28} expected {expected,10}, actual {actual,10}  {verdict}");
            return expected == actual ? 0 : 1;
        }
    }
}
