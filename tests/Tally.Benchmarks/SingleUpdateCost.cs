using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>
    /// One increment per call, on one thread, each behind a call the JIT may not inline: unlike the loops of
    /// <see cref="IncrementThroughput"/>, nothing (such as the thread-static lookup of
    /// <see cref="PerThreadCounter"/>) can be hoisted out of a loop, as in code that counts one event here and there.
    /// The last row is the floor of any per-thread lookup: a plain increment of a <c>[ThreadStatic]</c> long, which
    /// pays only the runtime's thread-static access (on Linux x64 a call to the C library's <c>__tls_get_addr</c>).
    /// </summary>
    public class SingleUpdateCost
    {
        [System.ThreadStatic]
        private static long t_plain;

        private sealed class Box
        {
            public long Value;
        }

        private readonly Box _box = new();
        private readonly AtomicCounter _atomic = new();
        private readonly StripedCounter _striped = new();
        private readonly PerThreadCounter _perThread = new();

        [Benchmark(Description = "Interlocked.Increment", Baseline = true)]
        public void Interlocked() => InterlockedOnce(_box);

        [Benchmark(Description = "AtomicCounter")]
        public void AtomicCounter() => AtomicOnce(_atomic);

        [Benchmark(Description = "StripedCounter")]
        public void StripedCounter() => StripedOnce(_striped);

        [Benchmark(Description = "PerThreadCounter")]
        public void PerThreadCounter() => PerThreadOnce(_perThread);

        [Benchmark(Description = "[ThreadStatic] long ++ (floor)")]
        public void ThreadStatic() => ThreadStaticOnce();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThreadStaticOnce() => t_plain++;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void InterlockedOnce(Box box) => System.Threading.Interlocked.Increment(ref box.Value);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AtomicOnce(Tally.AtomicCounter counter) => counter.Increment();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void StripedOnce(Tally.StripedCounter counter) => counter.Increment();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void PerThreadOnce(Tally.PerThreadCounter counter) => counter.Increment();
    }
}
