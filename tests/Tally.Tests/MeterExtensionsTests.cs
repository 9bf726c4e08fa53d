using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using Xunit;

namespace Tally.Tests
{
    public class MeterExtensionsTests
    {
        [Fact]
        public void EachCounterKind_IsPublishedWithItsNameUnitAndDescription_AndReadThroughAListener()
        {
            using var meter = new Meter(nameof(EachCounterKind_IsPublishedWithItsNameUnitAndDescription_AndReadThroughAListener));
            var atomic = new AtomicCounter(3);
            var striped = new StripedCounter();
            striped.Add(5);
            var perThread = new PerThreadCounter();
            perThread.Add(7);
            Instrument[] instruments =
            {
                meter.CreateObservableCounter("atomic", atomic, "{request}", "atomic requests"),
                meter.CreateObservableCounter("striped", striped, "By", "striped bytes"),
                meter.CreateObservableCounter("perthread", perThread, "{hit}", "per-thread hits"),
                meter.CreateObservableUpDownCounter("atomic.updown", atomic),
                meter.CreateObservableUpDownCounter("striped.updown", striped),
                meter.CreateObservableUpDownCounter("perthread.updown", perThread),
            };

            Assert.All(instruments.Take(3), i => Assert.IsType<ObservableCounter<long>>(i));
            Assert.All(instruments.Skip(3), i => Assert.IsType<ObservableUpDownCounter<long>>(i));
            Assert.Equal(new[] { "{request}", "By", "{hit}", null, null, null }, instruments.Select(i => i.Unit));
            Assert.Equal("per-thread hits", instruments[2].Description);

            using var listener = new Recorder(meter);
            Assert.Equal(
                new Dictionary<string, long>
                {
                    ["atomic"] = 3, ["striped"] = 5, ["perthread"] = 7,
                    ["atomic.updown"] = 3, ["striped.updown"] = 5, ["perthread.updown"] = 7,
                },
                listener.Collect());

            atomic.Increment();
            striped.Add(10);
            perThread.Add(100);
            Dictionary<string, long> second = listener.Collect();
            Assert.Equal(4, second["atomic"]);
            Assert.Equal(15, second["striped.updown"]);
            Assert.Equal(107, second["perthread"]);
        }

        [Fact]
        public void UpDownCounters_ReportDecrementsAndNegativeValues()
        {
            using var meter = new Meter(nameof(UpDownCounters_ReportDecrementsAndNegativeValues));
            var inFlight = new PerThreadCounter();
            var queued = new StripedCounter();
            var open = new AtomicCounter();
            meter.CreateObservableUpDownCounter("in_flight", inFlight);
            meter.CreateObservableUpDownCounter("queued", queued);
            meter.CreateObservableUpDownCounter("open", open);
            using var listener = new Recorder(meter);

            inFlight.Increment();
            inFlight.Increment();
            inFlight.Decrement();
            queued.Add(-4);
            open.Decrement();
            Dictionary<string, long> values = listener.Collect();
            Assert.Equal(1, values["in_flight"]);
            Assert.Equal(-4, values["queued"]);
            Assert.Equal(-1, values["open"]);
        }

        [Fact]
        public void ObservingWhileThreadsCount_SeesARisingTotal_AndTheExactTotalAtTheEnd()
        {
            using var meter = new Meter(nameof(ObservingWhileThreadsCount_SeesARisingTotal_AndTheExactTotalAtTheEnd));
            var requests = new PerThreadCounter();
            meter.CreateObservableCounter("requests", requests);
            using var listener = new Recorder(meter);
            const int writers = 4, perWriter = 200_000;
            var seen = new List<long>();
            Concurrently.WhileWriting(
                writers,
                _ =>
                {
                    for (int i = 0; i < perWriter; i++)
                    {
                        requests.Increment();
                    }
                },
                () => seen.Add(listener.Collect()["requests"]));

            Assert.NotEmpty(seen);
            Assert.Equal(seen.OrderBy(v => v), seen);
            Assert.All(seen, v => Assert.InRange(v, 0, writers * perWriter));
            Assert.Equal(writers * perWriter, listener.Collect()["requests"]);
        }

        [Fact]
        public void Observing_AllocatesNothing()
        {
            using var meter = new Meter(nameof(Observing_AllocatesNothing));
            var atomic = new AtomicCounter(1);
            var striped = new StripedCounter();
            var perThread = new PerThreadCounter();
            perThread.Increment();
            meter.CreateObservableCounter("a", atomic);
            meter.CreateObservableCounter("s", striped);
            meter.CreateObservableCounter("p", perThread);
            meter.CreateObservableUpDownCounter("a2", atomic);
            meter.CreateObservableUpDownCounter("s2", striped);
            meter.CreateObservableUpDownCounter("p2", perThread);
            long sum = 0;
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter == meter)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => sum += value);
            listener.Start();
            listener.RecordObservableInstruments();

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                listener.RecordObservableInstruments();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(201 * 4, sum);
        }

        [Fact]
        public void ObservationsOnManyThreadsAndNested_EachReportTheirOwnCounter()
        {
            // Every observation reuses its thread's spare enumerable: concurrent and nested (an observation started
            // from a listener callback) observations must still each report their own counter's value.
            using var meter = new Meter(nameof(ObservationsOnManyThreadsAndNested_EachReportTheirOwnCounter));
            var counters = Enumerable.Range(1, 5).Select(i => new AtomicCounter(i * 1000)).ToArray();
            var byName = new Dictionary<string, long>();
            for (int i = 0; i < counters.Length; i++)
            {
                meter.CreateObservableUpDownCounter("c" + i, counters[i]);
                byName["c" + i] = counters[i].Value;
            }

            int wrong = 0, observed = 0;
            var nesting = new ThreadLocal<bool>();
            MeterListener? listenerRef = null;
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter == meter)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listenerRef = listener;
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                Interlocked.Increment(ref observed);
                if (byName[instrument.Name] != value)
                {
                    Interlocked.Increment(ref wrong);
                }

                if (instrument.Name == "c2" && !nesting.Value)
                {
                    nesting.Value = true;
                    listenerRef.RecordObservableInstruments();
                    nesting.Value = false;
                }
            });
            listener.Start();

            Concurrently.Run(4, _ =>
            {
                for (int i = 0; i < 2_000; i++)
                {
                    listener.RecordObservableInstruments();
                }
            });

            Assert.Equal(0, wrong);
            Assert.Equal(4 * 2_000 * 5 * 2, observed);
        }

        [Fact]
        public void NullMeterOrCounter_Throws()
        {
            using var meter = new Meter(nameof(NullMeterOrCounter_Throws));
            Assert.Throws<ArgumentNullException>("meter", () => MeterExtensions.CreateObservableCounter(null!, "x", new PerThreadCounter()));
            Assert.Throws<ArgumentNullException>("counter", () => meter.CreateObservableCounter("x", (StripedCounter)null!));
            Assert.Throws<ArgumentNullException>("counter", () => meter.CreateObservableUpDownCounter("x", (AtomicCounter)null!));
        }

        /// <summary>A listener for one meter that returns the last value of each instrument per collection.</summary>
        private sealed class Recorder : IDisposable
        {
            private readonly MeterListener _listener = new();
            private readonly Dictionary<string, long> _values = new();

            public Recorder(Meter meter)
            {
                _listener.InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter == meter)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                };
                _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _values[instrument.Name] = value);
                _listener.Start();
            }

            public Dictionary<string, long> Collect()
            {
                _values.Clear();
                _listener.RecordObservableInstruments();
                return new Dictionary<string, long>(_values);
            }

            public void Dispose() => _listener.Dispose();
        }
    }
}
