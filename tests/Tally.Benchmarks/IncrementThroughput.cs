using System.Runtime.CompilerServices;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>
    /// Total increment throughput of one shared counter at 1, 2, 4 and 8 threads. Every invocation performs
    /// <see cref="TotalOps"/> increments split evenly over the threads, so Mean is the wall-clock time per
    /// increment of the whole crew (lower is better; throughput = 1 / Mean). The baseline is a raw
    /// <see cref="Interlocked.Increment(ref long)"/> on one field.
    /// </summary>
    public class IncrementThroughput
    {
        /// <summary>Increments per invocation, across all threads.</summary>
        public const int TotalOps = 1 << 20;

        private sealed class Box
        {
            public long Value;
        }

        private readonly object _gate = new();
        private Box _racy = new();
        private Box _locked = new();
        private Box _interlocked = new();
        private AtomicCounter _atomic = new();
        private StripedCounter _striped = new();
        private PerThreadCounter _perThread = new();
        private ThreadLocal<StrongBox<long>> _threadLocal = new(() => new StrongBox<long>(), trackAllValues: true);
        private WorkerCrew? _crew;

        // The ideal striping: each thread has its own 128-byte-padded slot, picked once per thread.
        private long[] _shards = new long[16 * 10];
        private int _nextShard;
        [System.ThreadStatic]
        private static int t_shard;

        // The physical limit: each thread increments its own padded slot with a plain add, no atomics at all.
        private long[] _plainShards = new long[16 * 10];
        private int _nextPlainShard;
        [System.ThreadStatic]
        private static int t_plainShard;

        [Params(1, 2, 4, 8)]
        public int Threads { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _racy = new Box();
            _locked = new Box();
            _interlocked = new Box();
            _atomic = new AtomicCounter();
            _striped = new StripedCounter();
            _perThread = new PerThreadCounter();
            _threadLocal = new ThreadLocal<StrongBox<long>>(() => new StrongBox<long>(), trackAllValues: true);
            _shards = new long[16 * (Threads + 2)];
            _nextShard = 0;
            _plainShards = new long[16 * (Threads + 2)];
            _nextPlainShard = 0;
            _crew = new WorkerCrew(Threads);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            // Sum the thread-local boxes before the workers exit: ThreadLocal forgets a dead thread's value.
            long sum = 0;
            foreach (StrongBox<long> box in _threadLocal.Values)
            {
                sum += box.Value;
            }

            _crew?.Dispose();

            // Only the racy counter may lose updates; the others must agree with the raw Interlocked count per op.
            System.Console.WriteLine(
                $"// counts: racy={_racy.Value} lock={_locked.Value} interlocked={_interlocked.Value} " +
                $"atomic={_atomic.Value} striped={_striped.Value} (cells={_striped.CellCount}) perThread={_perThread.Value} " +
                $"(slots={_perThread.SlotCapacity}) threadLocal={sum} sharded={System.Linq.Enumerable.Sum(_shards)} " +
                $"plainSharded={System.Linq.Enumerable.Sum(_plainShards)}");
            _threadLocal.Dispose();
        }

        [Benchmark(Description = "racy ++ (wrong)", OperationsPerInvoke = TotalOps)]
        public void RacyIncrement() => _crew!.Run(RacyLoop, TotalOps);

        [Benchmark(Description = "lock", OperationsPerInvoke = TotalOps)]
        public void Lock() => _crew!.Run(LockLoop, TotalOps);

        [Benchmark(Description = "Interlocked.Increment", Baseline = true, OperationsPerInvoke = TotalOps)]
        public void Interlocked() => _crew!.Run(InterlockedLoop, TotalOps);

        [Benchmark(Description = "AtomicCounter", OperationsPerInvoke = TotalOps)]
        public void AtomicCounter() => _crew!.Run(AtomicLoop, TotalOps);

        [Benchmark(Description = "StripedCounter", OperationsPerInvoke = TotalOps)]
        public void StripedCounter() => _crew!.Run(StripedLoop, TotalOps);

        [Benchmark(Description = "PerThreadCounter", OperationsPerInvoke = TotalOps)]
        public void PerThreadCounter() => _crew!.Run(PerThreadLoop, TotalOps);

        [Benchmark(Description = "Interlocked, own line per thread (ideal)", OperationsPerInvoke = TotalOps)]
        public void ShardedIdeal() => _crew!.Run(ShardedLoop, TotalOps);

        [Benchmark(Description = "plain ++, own line per thread (limit)", OperationsPerInvoke = TotalOps)]
        public void PlainShardedLimit() => _crew!.Run(PlainShardedLoop, TotalOps);

        [Benchmark(Description = "ThreadLocal<StrongBox>", OperationsPerInvoke = TotalOps)]
        public void ThreadLocalSum() => _crew!.Run(ThreadLocalLoop, TotalOps);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void RacyLoop(int ops)
        {
            Box box = _racy;
            for (int i = 0; i < ops; i++)
            {
                box.Value++;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void LockLoop(int ops)
        {
            Box box = _locked;
            object gate = _gate;
            for (int i = 0; i < ops; i++)
            {
                lock (gate)
                {
                    box.Value++;
                }
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void InterlockedLoop(int ops)
        {
            Box box = _interlocked;
            for (int i = 0; i < ops; i++)
            {
                System.Threading.Interlocked.Increment(ref box.Value);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void AtomicLoop(int ops)
        {
            Tally.AtomicCounter counter = _atomic;
            for (int i = 0; i < ops; i++)
            {
                counter.Increment();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void StripedLoop(int ops)
        {
            Tally.StripedCounter counter = _striped;
            for (int i = 0; i < ops; i++)
            {
                counter.Increment();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PerThreadLoop(int ops)
        {
            Tally.PerThreadCounter counter = _perThread;
            for (int i = 0; i < ops; i++)
            {
                counter.Increment();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PlainShardedLoop(int ops)
        {
            if (t_plainShard == 0)
            {
                t_plainShard = 16 * System.Threading.Interlocked.Increment(ref _nextPlainShard);
            }

            long[] shards = _plainShards;
            int slot = t_plainShard;
            for (int i = 0; i < ops; i++)
            {
                shards[slot]++;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ShardedLoop(int ops)
        {
            if (t_shard == 0)
            {
                t_shard = 16 * System.Threading.Interlocked.Increment(ref _nextShard);
            }

            long[] shards = _shards;
            int slot = t_shard;
            for (int i = 0; i < ops; i++)
            {
                System.Threading.Interlocked.Increment(ref shards[slot]);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ThreadLocalLoop(int ops)
        {
            ThreadLocal<StrongBox<long>> local = _threadLocal;
            for (int i = 0; i < ops; i++)
            {
                local.Value!.Value++;
            }
        }
    }
}
