using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Tally.Internal
{
    /// <summary>
    /// The one measurement an observable instrument reports for a counter, as a reusable enumerable, so that an
    /// observation allocates nothing.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A <c>Func&lt;long&gt;</c> callback makes .NET 8-10 allocate a one-element array and its enumerator on every
    /// observation. The <c>Func&lt;IEnumerable&lt;Measurement&lt;long&gt;&gt;&gt;</c> callback returns this object instead: it is
    /// its own enumerator, reads the counter on the first <see cref="MoveNext"/>, and goes back to its thread's
    /// spare slot when the runtime's <c>foreach</c> disposes it.
    /// </para>
    /// <para>
    /// Each thread keeps one spare. An observation takes it (so a nested observation on the same thread gets a
    /// fresh one) and the dispose returns it; an enumerable never disposed only costs later allocations, never a
    /// wrong value. The runtime enumerates the result once, on the thread that called the callback, and keeps no
    /// reference to it.
    /// </para>
    /// </remarks>
    internal sealed class SingleMeasurement : IEnumerable<Measurement<long>>, IEnumerator<Measurement<long>>
    {
        [ThreadStatic]
        private static SingleMeasurement? t_spare;

        private Func<long>? _read;
        private bool _measured;
        private Measurement<long> _current;

        /// <summary>The current measurement (valid after <see cref="MoveNext"/> returned true).</summary>
        public Measurement<long> Current => _current;

        object IEnumerator.Current => _current;

        /// <summary>An enumerable of one measurement: the value <paramref name="read"/> returns when enumerated.</summary>
        /// <param name="read">Reads the counter.</param>
        /// <returns>This thread's spare, or a new one if it is in use.</returns>
        internal static IEnumerable<Measurement<long>> Of(Func<long> read)
        {
            SingleMeasurement measurement = t_spare ?? new SingleMeasurement();
            t_spare = null;
            measurement._read = read;
            measurement._measured = false;
            return measurement;
        }

        /// <summary>Itself: each <see cref="Of"/> result is enumerated once.</summary>
        public IEnumerator<Measurement<long>> GetEnumerator() => this;

        IEnumerator IEnumerable.GetEnumerator() => this;

        /// <summary>Reads the counter the first time; false afterwards.</summary>
        public bool MoveNext()
        {
            if (_measured || _read is null)
            {
                return false;
            }

            _current = new Measurement<long>(_read());
            _measured = true;
            return true;
        }

        /// <summary>Not supported: the runtime never resets.</summary>
        public void Reset() => throw new NotSupportedException();

        /// <summary>Forgets the counter and becomes this thread's spare.</summary>
        public void Dispose()
        {
            _read = null;
            t_spare = this;
        }
    }
}
