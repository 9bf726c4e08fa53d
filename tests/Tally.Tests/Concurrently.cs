using System;
using System.Threading;

namespace Tally.Tests
{
    /// <summary>
    /// The concurrency scaffolding of the counter tests: bodies on dedicated threads released together by a barrier,
    /// failures rethrown on the test's thread.
    /// </summary>
    internal static class Concurrently
    {
        /// <summary>Runs <paramref name="body"/>(threadIndex) on <paramref name="threads"/> threads at once and waits for all.</summary>
        public static void Run(int threads, Action<int> body)
        {
            using var start = new Barrier(threads);
            var failures = new Exception?[threads];
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                int index = t;
                workers[t] = new Thread(() =>
                {
                    try
                    {
                        start.SignalAndWait();
                        body(index);
                    }
                    catch (Exception e)
                    {
                        failures[index] = e;
                    }
                })
                { IsBackground = true };
                workers[t].Start();
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            foreach (Exception? failure in failures)
            {
                if (failure is not null)
                {
                    throw new AggregateException(failure);
                }
            }
        }

        /// <summary>
        /// Runs <paramref name="write"/>(writerIndex) on <paramref name="writers"/> threads and, on one more thread
        /// released with them, <paramref name="whileWriting"/> (a read, a drain, a reset) over and over until every
        /// writer has returned. A writer that throws still counts as returned, so the failure surfaces instead of a hang.
        /// </summary>
        public static void WhileWriting(int writers, Action<int> write, Action whileWriting)
        {
            int writersLeft = writers;
            Run(writers + 1, t =>
            {
                if (t == writers)
                {
                    while (Volatile.Read(ref writersLeft) > 0)
                    {
                        whileWriting();
                    }

                    return;
                }

                try
                {
                    write(t);
                }
                finally
                {
                    Interlocked.Decrement(ref writersLeft);
                }
            });
        }
    }
}
