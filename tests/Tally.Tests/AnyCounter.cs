using System;
using Xunit;

namespace Tally.Tests
{
    /// <summary>One face for the three counters, so that a fault scenario runs against each of them.</summary>
    internal abstract class AnyCounter
    {
        /// <summary>The counter kinds, as theory data.</summary>
        public static TheoryData<string> Kinds => new() { "Atomic", "Striped", "PerThread" };

        public abstract long Value { get; }

        public static AnyCounter Create(string kind) => kind switch
        {
            "Atomic" => new Atomic(),
            "Striped" => new Striped(),
            "PerThread" => new PerThread(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown counter kind"),
        };

        public abstract void Add(long value);

        /// <summary>Takes the value out, leaving zero: Exchange(0), Drain(), Drain().</summary>
        public abstract long Drain();

        private sealed class Atomic : AnyCounter
        {
            private readonly AtomicCounter _counter = new();

            public override long Value => _counter.Value;

            public override void Add(long value) => _counter.Add(value);

            public override long Drain() => _counter.Exchange(0);
        }

        private sealed class Striped : AnyCounter
        {
            private readonly StripedCounter _counter = new();

            public override long Value => _counter.Value;

            public override void Add(long value) => _counter.Add(value);

            public override long Drain() => _counter.Drain();
        }

        private sealed class PerThread : AnyCounter
        {
            private readonly PerThreadCounter _counter = new();

            public override long Value => _counter.Value;

            public override void Add(long value) => _counter.Add(value);

            public override long Drain() => _counter.Drain();
        }
    }
}
