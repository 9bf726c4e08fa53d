using System;
using System.Threading;

namespace Tally.Benchmarks
{
    /// <summary>
    /// A fixed set of threads started once, parked on a barrier, and released together for every invocation, so
    /// no thread start-up is ever timed. The calling (benchmark) thread is worker 0; the others are background
    /// threads. Each worker runs the same loop with an equal share of the operations.
    /// </summary>
    internal sealed class WorkerCrew : IDisposable
    {
        private readonly Thread[] _threads;
        private readonly Barrier _start;
        private readonly Barrier _done;
        private Action<int>? _work;
        private int _share;
        private volatile bool _stopping;

        public WorkerCrew(int threads)
        {
            Count = threads;
            _start = new Barrier(threads);
            _done = new Barrier(threads);
            _threads = new Thread[threads - 1];
            for (int i = 0; i < _threads.Length; i++)
            {
                _threads[i] = new Thread(WorkerLoop) { IsBackground = true, Name = "bench-worker-" + (i + 1) };
                _threads[i].Start();
            }
        }

        public int Count { get; }

        /// <summary>Runs <paramref name="work"/>(totalOps / Count) on every worker at once and waits for all.</summary>
        public void Run(Action<int> work, int totalOps)
        {
            _work = work;
            _share = totalOps / Count;
            if (Count == 1)
            {
                work(_share);
                return;
            }

            _start.SignalAndWait();
            work(_share);
            _done.SignalAndWait();
        }

        public void Dispose()
        {
            _stopping = true;
            if (Count > 1)
            {
                _start.SignalAndWait();
            }

            foreach (Thread thread in _threads)
            {
                thread.Join();
            }

            _start.Dispose();
            _done.Dispose();
        }

        private void WorkerLoop()
        {
            while (true)
            {
                _start.SignalAndWait();
                if (_stopping)
                {
                    return;
                }

                _work!(_share);
                _done.SignalAndWait();
            }
        }
    }
}
