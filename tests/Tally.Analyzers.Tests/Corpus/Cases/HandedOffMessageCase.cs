namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a pipeline counts in-flight messages with Interlocked and hands each message from the
/// publishing thread to a single delivery thread through a blocking queue. The message's attempt count and flags are
/// changed only by whoever owns it at the time (the publisher before the hand-off, the delivery loop after it; the
/// queue orders the two). Expected: nothing reported.
/// </summary>
internal static class HandedOffMessageCase
{
    public static CorpusCase Case { get; } = new("HandedOffMessage", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;

        namespace Corpus.Messaging
        {
            public sealed class DeliveryPipeline : IDisposable
            {
                private readonly BlockingCollection<Envelope> _outbox = new BlockingCollection<Envelope>();
                private readonly Action<Envelope> _transport;
                private readonly Thread _deliverer;
                private int _inFlight;

                public DeliveryPipeline(Action<Envelope> transport)
                {
                    _transport = transport;
                    _deliverer = new Thread(DeliverLoop) { IsBackground = true, Name = "deliverer" };
                    _deliverer.Start();
                }

                public int InFlight => Volatile.Read(ref _inFlight);

                public void Publish(string topic, byte[] body)
                {
                    var envelope = new Envelope(topic, body);
                    envelope.Flags |= EnvelopeFlags.Stamped;
                    envelope.Attempts++;
                    Interlocked.Increment(ref _inFlight);
                    _outbox.Add(envelope);
                }

                private void DeliverLoop()
                {
                    foreach (var envelope in _outbox.GetConsumingEnumerable())
                    {
                        try
                        {
                            _transport(envelope);
                            envelope.Flags |= EnvelopeFlags.Delivered;
                        }
                        catch (Exception)
                        {
                            envelope.Flags |= EnvelopeFlags.Failed;
                            envelope.Attempts++;
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _inFlight);
                        }
                    }
                }

                public void Dispose()
                {
                    _outbox.CompleteAdding();
                    _deliverer.Join();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedHandedOffMessage,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Messaging
            {
                [Flags]
                public enum EnvelopeFlags
                {
                    None = 0,
                    Stamped = 1,
                    Delivered = 2,
                    Failed = 4,
                }

                /// <summary>A message; owned by one stage of the pipeline at a time.</summary>
                public sealed class Envelope
                {
                    public Envelope(string topic, byte[] body)
                    {
                        Topic = topic;
                        Body = body;
                    }

                    public string Topic { get; }

                    public byte[] Body { get; }

                    public EnvelopeFlags Flags;

                    public int Attempts;
                }
            }
            """,
        },
    };
}
