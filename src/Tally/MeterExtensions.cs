using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Tally.Internal;

namespace Tally
{
    /// <summary>
    /// Publishes Tally counters as <see cref="System.Diagnostics.Metrics"/> observable instruments, which
    /// OpenTelemetry, Prometheus exporters, <c>dotnet-counters</c> and any <see cref="MeterListener"/> read when they
    /// collect. The counter is read only then; updates cost what they always cost.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Counter or up-down counter.</b> In .NET metrics, OpenTelemetry and Prometheus a "counter" is monotonic: it
    /// reports a cumulative total that only goes up, and backends compute rates from its differences. Use
    /// <c>CreateObservableCounter</c> only for a Tally counter that is never decremented, never given a negative
    /// amount, and never drained or reset. Every Tally counter accepts decrements; for one that goes down (requests
    /// in flight, items queued, open connections) use <c>CreateObservableUpDownCounter</c>.
    /// </para>
    /// <para>
    /// <b>Never drain a counter behind a cumulative instrument.</b> <see cref="StripedCounter.Drain"/>,
    /// <see cref="PerThreadCounter.Drain"/>, the <c>Reset</c> methods and <see cref="AtomicCounter.Exchange"/> take the
    /// total back down; a backend reads that drop as a counter reset (a process restart) and the drained amount
    /// vanishes from every rate and sum it computes. The observable instrument already reports per-interval
    /// changes to whoever wants them; drain only counters that you publish yourself, per interval.
    /// </para>
    /// <para>
    /// <b>Cost.</b> Observing reads the counter's <c>Value</c> (see each counter for its cost: one read, one read per
    /// cell, one read per thread under a lock) and allocates nothing: the callback returns a reused, per-thread
    /// enumerable of one measurement instead of the array that a <c>Func&lt;long&gt;</c> callback costs on .NET 8-10.
    /// Creating the instrument allocates it and two delegates, once.
    /// </para>
    /// <para>
    /// On net8.0 and later the instruments are the runtime's own; on netstandard2.0 they come from the
    /// System.Diagnostics.DiagnosticSource package (8.0), which the Tally package depends on for that target.
    /// </para>
    /// </remarks>
    public static class MeterExtensions
    {
        /// <summary>
        /// Publishes <paramref name="counter"/> as a monotonic <see cref="ObservableCounter{T}"/>. Only for a counter
        /// that never goes down (no <c>Decrement</c>, negative <c>Add</c>, <c>Exchange</c> or <c>Reset</c>); see
        /// <see cref="MeterExtensions"/>.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests</c>.</param>
        /// <param name="counter">The counter whose <see cref="AtomicCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c> or <c>By</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableCounter<long> CreateObservableCounter(
            this Meter meter, string name, AtomicCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>
        /// Publishes <paramref name="counter"/> as a monotonic <see cref="ObservableCounter{T}"/>. Only for a counter
        /// that never goes down (no <c>Decrement</c>, negative <c>Add</c>, <c>Drain</c> or <c>Reset</c>); see
        /// <see cref="MeterExtensions"/>. Each observation is a sum taken while others write.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests</c>.</param>
        /// <param name="counter">The counter whose <see cref="StripedCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c> or <c>By</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableCounter<long> CreateObservableCounter(
            this Meter meter, string name, StripedCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>
        /// Publishes <paramref name="counter"/> as a monotonic <see cref="ObservableCounter{T}"/>. Only for a counter
        /// that never goes down (no <c>Decrement</c>, negative <c>Add</c>, <c>Drain</c> or <c>Reset</c>); see
        /// <see cref="MeterExtensions"/>. Each observation is a sum taken while others write.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests</c>.</param>
        /// <param name="counter">The counter whose <see cref="PerThreadCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c> or <c>By</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableCounter<long> CreateObservableCounter(
            this Meter meter, string name, PerThreadCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>
        /// Publishes <paramref name="counter"/> as an <see cref="ObservableUpDownCounter{T}"/>: a value that goes up
        /// and down (in flight, queued, open), reported as it is at each collection.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests.active</c>.</param>
        /// <param name="counter">The counter whose <see cref="AtomicCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableUpDownCounter<long> CreateObservableUpDownCounter(
            this Meter meter, string name, AtomicCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableUpDownCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>
        /// Publishes <paramref name="counter"/> as an <see cref="ObservableUpDownCounter{T}"/>: a value that goes up
        /// and down, reported at each collection as a sum taken while others write.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests.active</c>.</param>
        /// <param name="counter">The counter whose <see cref="StripedCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableUpDownCounter<long> CreateObservableUpDownCounter(
            this Meter meter, string name, StripedCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableUpDownCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>
        /// Publishes <paramref name="counter"/> as an <see cref="ObservableUpDownCounter{T}"/>: a value that goes up
        /// and down, reported at each collection as a sum taken while others write.
        /// </summary>
        /// <param name="meter">The meter that owns the instrument.</param>
        /// <param name="name">The instrument name, e.g. <c>myapp.requests.active</c>.</param>
        /// <param name="counter">The counter whose <see cref="PerThreadCounter.Value"/> is reported.</param>
        /// <param name="unit">The unit, e.g. <c>{request}</c>.</param>
        /// <param name="description">What the instrument counts.</param>
        /// <returns>The published instrument.</returns>
        public static ObservableUpDownCounter<long> CreateObservableUpDownCounter(
            this Meter meter, string name, PerThreadCounter counter, string? unit = null, string? description = null)
        {
            ThrowIfNull(meter, counter);
            return meter.CreateObservableUpDownCounter<long>(name, Observe(() => counter.Value), unit, description);
        }

        /// <summary>The instrument callback: one reused measurement of <paramref name="read"/>'s value.</summary>
        private static Func<IEnumerable<Measurement<long>>> Observe(Func<long> read) => () => SingleMeasurement.Of(read);

        private static void ThrowIfNull(Meter meter, object counter)
        {
            if (meter is null)
            {
                throw new ArgumentNullException(nameof(meter));
            }

            if (counter is null)
            {
                throw new ArgumentNullException(nameof(counter));
            }
        }
    }
}
