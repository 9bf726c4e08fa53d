using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace Tally.Tests
{
    /// <summary>
    /// The counters when threads fail around them: exceptions between updates, threads that end by an exception
    /// or an interrupt, threads that exit while the counter's tables grow, and a time-bounded soak with thread churn.
    /// Every scenario checks the exact total.
    /// </summary>
    public class CountersUnderFaultTests
    {
        private static readonly TimeSpan FinalizationTimeout = TimeSpan.FromSeconds(10);

        private readonly ITestOutputHelper _output;

        public CountersUnderFaultTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [MemberData(nameof(AnyCounter.Kinds), MemberType = typeof(AnyCounter))]
        public void ThreadsThatThrowOrAreInterruptedBetweenUpdates_LoseNoUpdate(string kind)
        {
            AnyCounter counter = AnyCounter.Create(kind);
            var exited = new ExitedThreads();
            const int threads = 10, updates = 30_000;
            long expected = 0;
            int endedByFault = 0, interruptsSurvived = 0;
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var random = new Random(t);
                long added = 0;
                int endAt = t % 2 == 0 ? random.Next(updates) : -1;
                try
                {
                    for (int i = 0; i < updates; i++)
                    {
                        long amount = random.Next(-5, 20);
                        counter.Add(amount);
                        added += amount;
                        try
                        {
                            UpdateThenFail(counter, amount, ref added);
                        }
                        catch (InjectedFault)
                        {
                        }

                        if (i % 64 == 0)
                        {
                            try
                            {
                                Thread.Sleep(0); // where an interrupt lands: between updates
                            }
                            catch (ThreadInterruptedException) when (t % 3 != 0)
                            {
                                Interlocked.Increment(ref interruptsSurvived);
                            }
                        }

                        if (i == endAt)
                        {
                            throw new InjectedFault();
                        }
                    }
                }
                catch (Exception e) when (e is InjectedFault or ThreadInterruptedException)
                {
                    // The thread ends by this exception, half-way through its updates.
                    Interlocked.Increment(ref endedByFault);
                }
                finally
                {
                    Interlocked.Add(ref expected, added);
                    exited.Note();
                }
            })
            { IsBackground = true }).ToArray();

            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            var random = new Random(42);
            while (workers.Any(w => w.IsAlive))
            {
                workers[random.Next(threads)].Interrupt();
                Thread.Sleep(1);
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            Assert.InRange(endedByFault, threads / 2, threads);
            Assert.Equal(expected, counter.Value);
            // Once the exited threads' slots are back in the pool (PerThreadCounter), their counts are still there.
            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
            Assert.Equal(expected, counter.Value);
            _output.WriteLine($"{kind}: {endedByFault} threads ended by a fault, {interruptsSurvived} interrupts survived, total {expected}");
        }

        [Fact]
        public void PerThreadCounter_InterruptWhileWaitingForTheLock_CompletesTheUpdate_AndDefersTheInterrupt()
        {
            var counter = new PerThreadCounter();
            bool interruptSurfacedLater = false;
            Exception? unexpected = null;
            var thread = new Thread(() =>
            {
                try
                {
                    counter.Add(5); // first update of a new counter: grows its array, under the counter's lock
                }
                catch (Exception e)
                {
                    unexpected = e;
                    return;
                }

                try
                {
                    Thread.Sleep(Timeout.Infinite);
                }
                catch (ThreadInterruptedException)
                {
                    interruptSurfacedLater = true;
                }
            })
            { IsBackground = true };

            lock (counter.SyncRoot)
            {
                thread.Start();
                SpinWait.SpinUntil(() => (thread.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0, 5_000);
                thread.Interrupt();
                Thread.Sleep(20);
                // The update waits for the lock this thread holds (reentrant, so this read goes through).
                Assert.Equal(0, counter.Value);
            }

            Assert.True(thread.Join(10_000), "the interrupted thread never finished");
            Assert.Null(unexpected);
            Assert.True(interruptSurfacedLater, "the interrupt was swallowed instead of handed back");
            Assert.Equal(5, counter.Value);
        }

        [Fact]
        public void StripedCounter_ThreadsExitWhileTheCellTableGrows_LoseNoUpdate()
        {
            var counter = new StripedCounter();
            const int steady = 3, waves = 16, perWave = 6, perThread = 4_000;
            int steadyRunning = steady;
            long steadyCount = 0;
            var steadyThreads = Enumerable.Range(0, steady).Select(_ => new Thread(() =>
            {
                long mine = 0;
                while (Volatile.Read(ref steadyRunning) == steady)
                {
                    counter.Increment();
                    mine++;
                }

                Interlocked.Add(ref steadyCount, mine);
                Interlocked.Decrement(ref steadyRunning);
            })
            { IsBackground = true }).ToArray();
            foreach (Thread thread in steadyThreads)
            {
                thread.Start();
            }

            for (int wave = 0; wave < waves; wave++)
            {
                var threads = Enumerable.Range(0, perWave).Select(t => new Thread(() =>
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        counter.Add(t + 1);
                    }
                })
                { IsBackground = true }).ToArray();
                foreach (Thread thread in threads)
                {
                    thread.Start();
                }

                // The table doubles while this wave's threads write through the old one and exit.
                int cells = Math.Min(64, 2 << (wave * 6 / waves));
                counter.GrowTo(cells, ignoreCap: true);
                foreach (Thread thread in threads)
                {
                    thread.Join();
                }
            }

            Volatile.Write(ref steadyRunning, steady - 1);
            foreach (Thread thread in steadyThreads)
            {
                thread.Join();
            }

            Assert.Equal(64, counter.CellCount);
            long expected = steadyCount + waves * Enumerable.Range(1, perWave).Sum(t => (long)t * perThread);
            Assert.Equal(expected, counter.Value);
        }

        [Fact]
        public void PerThreadCounter_ThreadsExitWhileListsAndTablesGrow_LoseNoUpdate()
        {
            // New counters keep appearing (each grows its array as threads with higher slots first update it), new
            // threads keep taking slots while others exit and the GC hands their slots, with their counts, to the
            // threads that come next.
            const int counters = 48, workers = 40, rounds = 300;
            var published = new PerThreadCounter[counters];
            var exited = new ExitedThreads();
            int publishedCount = 0;
            var expected = new long[counters];
            bool workersDone = false;
            Concurrently.Run(3, role =>
            {
                if (role == 0)
                {
                    for (int c = 0; c < counters; c++)
                    {
                        published[c] = new PerThreadCounter();
                        Volatile.Write(ref publishedCount, c + 1);
                        Thread.Sleep(1);
                    }
                }
                else if (role == 1)
                {
                    while (!Volatile.Read(ref workersDone))
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        Thread.Sleep(2);
                    }
                }
                else
                {
                    // Workers start and exit until every counter is out and at least `workers` have run.
                    var running = new List<Thread>();
                    for (int w = 0; w < workers || Volatile.Read(ref publishedCount) < counters; w++)
                    {
                        int seed = w;
                        var worker = new Thread(() =>
                        {
                            var random = new Random(seed);
                            var mine = new long[counters];
                            for (int r = 0; r < rounds; r++)
                            {
                                int visible = Volatile.Read(ref publishedCount);
                                for (int c = 0; c < visible; c++)
                                {
                                    int amount = random.Next(1, 4);
                                    published[c].Add(amount);
                                    mine[c] += amount;
                                }
                            }

                            for (int c = 0; c < counters; c++)
                            {
                                Interlocked.Add(ref expected[c], mine[c]);
                            }

                            exited.Note();
                        })
                        { IsBackground = true };
                        worker.Start();
                        running.Add(worker);
                        if (running.Count == 6)
                        {
                            running[0].Join();
                            running.RemoveAt(0);
                        }
                    }

                    foreach (Thread worker in running)
                    {
                        worker.Join();
                    }

                    Volatile.Write(ref workersDone, true);
                }
            });

            for (int c = 0; c < counters; c++)
            {
                Assert.Equal(expected[c], published[c].Value);
            }

            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
            for (int c = 0; c < counters; c++)
            {
                Assert.Equal(expected[c], published[c].Value);
            }
        }

        /// <summary>
        /// Runs for <c>TALLY_SOAK_SECONDS</c> seconds (2 by default, so CI runs a bounded pass): threads keep starting
        /// and ending, update all three counters with random amounts, throw, get interrupted and end half-way, while
        /// one thread drains, one reads and one forces collections. Drained plus remaining must equal added, exactly.
        /// </summary>
        [Fact]
        public void Soak_ThreadChurnWithFaults_KeepsExactTotals()
        {
            TimeSpan duration = TimeSpan.FromSeconds(SoakSeconds());
            string[] kinds = { "Atomic", "Striped", "PerThread" };
            AnyCounter[] counters = kinds.Select(AnyCounter.Create).ToArray();
            var added = new long[counters.Length];
            var drained = new long[counters.Length];
            var exited = new ExitedThreads();
            int started = 0, endedByFault = 0;
            bool stop = false;
            var clock = Stopwatch.StartNew();

            var helpers = new[]
            {
                new Thread(() =>
                {
                    var random = new Random(1);
                    while (!Volatile.Read(ref stop))
                    {
                        int c = random.Next(counters.Length);
                        drained[c] += counters[c].Drain();
                        Thread.Sleep(random.Next(2));
                    }
                }),
                new Thread(() =>
                {
                    long sink = 0;
                    while (!Volatile.Read(ref stop))
                    {
                        foreach (AnyCounter counter in counters)
                        {
                            sink ^= counter.Value;
                        }

                        Thread.Yield();
                    }

                    GC.KeepAlive(sink);
                }),
                new Thread(() =>
                {
                    while (!Volatile.Read(ref stop))
                    {
                        GC.Collect();
                        Thread.Sleep(15);
                    }
                }),
            };
            foreach (Thread helper in helpers)
            {
                helper.IsBackground = true;
                helper.Start();
            }

            var live = new List<Thread>();
            var spawnRandom = new Random(7);
            while (clock.Elapsed < duration)
            {
                live.RemoveAll(t => !t.IsAlive);
                while (live.Count < 6)
                {
                    int seed = Interlocked.Increment(ref started);
                    var worker = new Thread(() => Churn(seed, counters, added, ref endedByFault, exited)) { IsBackground = true };
                    worker.Start();
                    live.Add(worker);
                }

                live[spawnRandom.Next(live.Count)].Interrupt();
                Thread.Sleep(1);
            }

            foreach (Thread worker in live)
            {
                worker.Join();
            }

            Volatile.Write(ref stop, true);
            foreach (Thread helper in helpers)
            {
                helper.Join();
            }

            for (int c = 0; c < counters.Length; c++)
            {
                Assert.True(added[c] == drained[c] + counters[c].Value, $"{kinds[c]}: added {added[c]}, drained {drained[c]}, left {counters[c].Value}");
            }

            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
            for (int c = 0; c < counters.Length; c++)
            {
                Assert.Equal(added[c], drained[c] + counters[c].Value);
            }

            Assert.InRange(started, 20, int.MaxValue);
            Assert.InRange(endedByFault, 1, started);
            _output.WriteLine(
                $"soak {duration.TotalSeconds:0} s: {started} threads, {endedByFault} ended by a fault; added " +
                string.Join(", ", kinds.Select((k, c) => $"{k} {added[c]} (drained {drained[c]})")));
        }

        /// <summary>One short-lived worker of the soak: random updates, faults between them, sometimes a fatal one.</summary>
        private static void Churn(int seed, AnyCounter[] counters, long[] added, ref int endedByFault, ExitedThreads exited)
        {
            var random = new Random(seed);
            var mine = new long[counters.Length];
            int updates = random.Next(100, 20_000);
            int endAt = random.Next(4) == 0 ? random.Next(updates) : -1;
            try
            {
                for (int i = 0; i < updates; i++)
                {
                    int c = random.Next(counters.Length);
                    long amount = random.Next(-1_000, 1_000_000);
                    counters[c].Add(amount);
                    mine[c] += amount;
                    if (i % 128 == 0)
                    {
                        Thread.Sleep(0);
                    }

                    if (i == endAt)
                    {
                        throw new InjectedFault();
                    }
                }
            }
            catch (Exception e) when (e is InjectedFault or ThreadInterruptedException)
            {
                Interlocked.Increment(ref endedByFault);
            }
            finally
            {
                for (int c = 0; c < counters.Length; c++)
                {
                    Interlocked.Add(ref added[c], mine[c]);
                }

                exited.Note();
            }
        }

        /// <summary>Adds <paramref name="amount"/> twice, then throws: the caller keeps counting after the fault.</summary>
        private static void UpdateThenFail(AnyCounter counter, long amount, ref long added)
        {
            counter.Add(amount);
            added += amount;
            counter.Add(-amount);
            added -= amount;
            throw new InjectedFault();
        }

        private static double SoakSeconds()
        {
            string? configured = Environment.GetEnvironmentVariable("TALLY_SOAK_SECONDS");
            return double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
                ? seconds
                : 2;
        }

        private sealed class InjectedFault : Exception
        {
            public InjectedFault()
                : base("fault injected by the test")
            {
            }
        }
    }
}
