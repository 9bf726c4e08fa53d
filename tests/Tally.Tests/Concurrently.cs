using System;
using System.Threading;

namespace Tally.Tests
{
    /// <summary>Runs a body on several dedicated threads released together by a barrier, and rethrows failures.</summary>
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
    }
}
