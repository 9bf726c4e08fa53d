using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace RacySample
{
    /// <summary>
    /// Runs a race so that it shows, even on a busy machine: several threads released together by a barrier, each
    /// updating for the same stretch of time (long enough to span many scheduler time slices, so the threads overlap
    /// whether they get cores of their own or take turns on one), and the round repeated until it has lost an update or
    /// <see cref="MaxRounds"/> rounds ran. After the fix no round loses anything, so every round runs.
    /// </summary>
    internal static class Race
    {
        /// <summary>
        /// Threads per round: at least 8, so that when the machine is busy and our threads take turns on a core, the
        /// thread that runs next is often another of ours, which is when an update half done by the preempted one is lost.
        /// </summary>
        public static readonly int Threads = Math.Max(8, Environment.ProcessorCount);

        public static readonly TimeSpan RoundLength = TimeSpan.FromMilliseconds(100);

        /// <summary>At most 6 seconds per race: on a quiet machine the first round loses updates, on a very busy one a few more may be needed.</summary>
        public const int MaxRounds = 60;

        /// <summary>
        /// Calls <paramref name="update"/> (with 0, 1, 2, ...) on <see cref="Threads"/> threads that start together and
        /// stop after <see cref="RoundLength"/>; returns how many calls each thread made.
        /// </summary>
        public static long[] OnThreads(Action<long> update)
        {
            var calls = new long[Threads];
            var threads = new Thread[Threads];
            using var start = new Barrier(Threads);
            for (int t = 0; t < Threads; t++)
            {
                int number = t;
                threads[t] = new Thread(() =>
                {
                    start.SignalAndWait();
                    var clock = Stopwatch.StartNew();
                    long i = 0;
                    while ((i & 1023) != 0 || clock.Elapsed < RoundLength)
                    {
                        update(i);
                        i++;
                    }

                    calls[number] = i;
                });
                threads[t].Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            return calls;
        }

        /// <summary>
        /// Runs rounds of <paramref name="round"/> until <paramref name="lost"/> says updates were lost (given every
        /// round's call counts so far), at most <see cref="MaxRounds"/>; returns every round's call counts.
        /// </summary>
        public static List<long[]> Repeat(Func<long[]> round, Func<List<long[]>, bool> lost)
        {
            var rounds = new List<long[]>();
            do
            {
                rounds.Add(round());
            }
            while (rounds.Count < MaxRounds && !lost(rounds));

            return rounds;
        }

        /// <summary>How many calls all threads made in all rounds.</summary>
        public static long Calls(List<long[]> rounds) => rounds.Sum(calls => calls.Sum());

        /// <summary>How many of the calls 0..n-1 of each thread in each round are a multiple of <paramref name="every"/>: ceil(n / every), summed.</summary>
        public static long EveryNth(List<long[]> rounds, int every) => rounds.Sum(calls => calls.Sum(n => (n + every - 1) / every));
    }
}
