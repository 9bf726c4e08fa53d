using System.Runtime.CompilerServices;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>
    /// The cost of reading a counter's value on one thread, with no concurrent writers. The striped counters are
    /// striped before timing: once at the cap contention reaches on this machine, once at 64 cells (the cap on a
    /// machine with 32 or more processors).
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

            // Eight threads each leave a value behind and stay alive while the reads are measured.
            _threadLocal = new ThreadLocal<StrongBox<long>>(() => new StrongBox<long>(), trackAllValues: true);
            using var ready = new CountdownEvent(8);
            for (int t = 0; t < 8; t++)
            {
                var thread = new Thread(() =>
                {
                    _threadLocal.Value!.Value += 5;
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
            $"// cells: striped={_striped.CellCount} striped64={_striped64.CellCount}");

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
