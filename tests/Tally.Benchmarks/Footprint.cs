using System.Runtime.CompilerServices;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>Memory per counter: the Allocated column is the size of one counter in each state.</summary>
    [MemoryDiagnoser]
    public class Footprint
    {
        [Benchmark(Description = "new AtomicCounter()", Baseline = true)]
        public AtomicCounter NewAtomicCounter() => new();

        [Benchmark(Description = "new StripedCounter() (uncontended)")]
        public StripedCounter NewStripedCounter() => new();

        [Benchmark(Description = "StripedCounter at first contention (2 cells)")]
        public StripedCounter StripedTwoCells()
        {
            var counter = new StripedCounter();
            counter.GrowTo(2);
            return counter;
        }

        [Benchmark(Description = "StripedCounter at the cap here")]
        public StripedCounter StripedAtCap()
        {
            var counter = new StripedCounter();
            counter.GrowTo(StripedCounter.MaxCells);
            return counter;
        }

        [Benchmark(Description = "StripedCounter at 64 cells (32+ CPUs)")]
        public StripedCounter Striped64()
        {
            var counter = new StripedCounter();
            counter.GrowTo(64, ignoreCap: true);
            return counter;
        }

        [Benchmark(Description = "new PerThreadCounter()")]
        public PerThreadCounter NewPerThreadCounter() => new();

        [Benchmark(Description = "new PerThreadCounter() + 1 thread's update")]
        public PerThreadCounter PerThreadOneCell()
        {
            var counter = new PerThreadCounter();
            counter.Increment();
            return counter;
        }

        [Benchmark(Description = "ThreadLocal<StrongBox<long>> + 1 thread's box")]
        public long ThreadLocalOneValue()
        {
            using var local = new ThreadLocal<StrongBox<long>>(() => new StrongBox<long>(), trackAllValues: true);
            local.Value!.Value++;
            return local.Value.Value;
        }
    }
}
