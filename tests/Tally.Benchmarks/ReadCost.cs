using System.Runtime.CompilerServices;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>
    /// The cost of reading a counter's value on one thread, with no concurrent writers. The striped counters are
    /// striped before timing: once at the cap contention reaches on this machine, once at 64 cells (the cap on a
    /// machine with 32 or more processors). The per-thread counters have been updated by 1, 8 and 64 live threads; a read sums every slot of the
    /// counter's array (the highest slot rounded up to a power of two, at least 4).
    /// </summary>
    [MemoryDiagnoser]
    public class ReadCost
    {
        private sealed class Box
        {
            public long Value;
        }

        private readonly Box _box = new() { Value = 42 };
        private readonly AtomicCounter _atomic = new(42);
        private readonly StripedCounter _unstriped = new();
        private readonly StripedCounter _striped = new();
        private readonly StripedCounter _striped64 = new();
        private ThreadLocal<StrongBox<long>>? _threadLocal;
        private readonly PerThreadCounter _perThread1 = new();
        private readonly PerThreadCounter _perThread8 = new();
        private readonly PerThreadCounter _perThread64 = new();

        [GlobalSetup]
        public void Setup()
        {
            _unstriped.Add(42);
            _striped.GrowTo(Tally.StripedCounter.MaxCells);
            _striped64.GrowTo(64, ignoreCap: true);
            for (int i = 0; i < 100; i++)
            {
                _striped.Add(i);
                _striped64.Add(i);
            }

            // Eight threads (64 for the biggest per-thread counter) each leave a value behind and stay alive while
            // the reads are measured.
            _threadLocal = new ThreadLocal<StrongBox<long>>(() => new StrongBox<long>(), trackAllValues: true);
            _perThread1.Add(5);
            using var ready = new CountdownEvent(64);
            for (int t = 0; t < 64; t++)
            {
                bool oneOfEight = t < 8;
                var thread = new Thread(() =>
                {
                    if (oneOfEight)
                    {
                        _threadLocal.Value!.Value += 5;
                        _perThread8.Add(5);
                    }

                    _perThread64.Add(5);
                    ready.Signal();
                    Thread.Sleep(Timeout.Infinite);
                })
                { IsBackground = true };
                thread.Start();
            }

            ready.Wait();
        }

        [GlobalCleanup]
        public void Cleanup() => System.Console.WriteLine(
            $"// cells: striped={_striped.CellCount} striped64={_striped64.CellCount} perThread1={_perThread1.SlotCapacity} slots " +
            $"perThread8={_perThread8.SlotCapacity} slots perThread64={_perThread64.SlotCapacity} slots");

        [Benchmark(Description = "Volatile.Read(field)", Baseline = true)]
        public long RawVolatileRead() => Volatile.Read(ref _box.Value);

        [Benchmark(Description = "AtomicCounter.Value")]
        public long AtomicCounterValue() => _atomic.Value;

        [Benchmark(Description = "StripedCounter.Value (1 cell)")]
        public long StripedValueUnstriped() => _unstriped.Value;

        [Benchmark(Description = "StripedCounter.Value (cap here)")]
        public long StripedValueStriped() => _striped.Value;

        [Benchmark(Description = "StripedCounter.Value (64 cells)")]
        public long StripedValue64() => _striped64.Value;

        [Benchmark(Description = "PerThreadCounter.Value (1 thread)")]
        public long PerThreadValue1() => _perThread1.Value;

        [Benchmark(Description = "PerThreadCounter.Value (8 threads)")]
        public long PerThreadValue8() => _perThread8.Value;

        [Benchmark(Description = "PerThreadCounter.Value (64 threads)")]
        public long PerThreadValue64() => _perThread64.Value;

        [Benchmark(Description = "ThreadLocal.Values sum (8 threads)")]
        public long ThreadLocalSum()
        {
            long sum = 0;
            foreach (StrongBox<long> box in _threadLocal!.Values)
            {
                sum += box.Value;
            }

            return sum;
        }
    }
}
