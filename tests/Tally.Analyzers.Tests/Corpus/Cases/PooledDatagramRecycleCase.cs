namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean, third fresh sample family A): a datagram library with pooled objects. Outgoing messages come
/// from a generic pool (a stack under a lock, or a new one); the sender fills one through its own methods (position and
/// length moved per byte), sends it and recycles it, which resets the position and gives the message back to the pool.
/// A link's periodic keep-alive timer closes a silent link: it asks the application's callback for a goodbye message,
/// sends it and recycles it. The link's receive thread gives every datagram it has handled back to the peer's free list
/// after clearing its header flags; the send path sets those flags on datagrams it holds. Each message and datagram has
/// one holder at a time, and the resets happen just before the hand-back. Expected: nothing reported.
/// </summary>
internal static class PooledDatagramRecycleCase
{
    public static CorpusCase Case { get; } = new("PooledDatagramRecycle", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Datagrams
        {
            public interface IPooled
            {
                void Recycle();
            }

            /// <summary>Spare objects of one kind, shared by every thread of the library.</summary>
            public sealed class SparePool<T> where T : class, IPooled
            {
                private readonly Stack<T> _spare = new Stack<T>();
                private readonly Func<T> _make;

                public SparePool(Func<T> make) => _make = make;

                public T Take()
                {
                    lock (_spare)
                    {
                        if (_spare.Count > 0)
                        {
                            return _spare.Pop();
                        }
                    }

                    return _make();
                }

                public void Return(T item)
                {
                    lock (_spare)
                    {
                        _spare.Push(item);
                    }
                }
            }

            public sealed class OutgoingMessage : IPooled
            {
                public static readonly SparePool<OutgoingMessage> Spares = new SparePool<OutgoingMessage>(() => new OutgoingMessage(1200));

                private readonly Stack<int> _starts = new Stack<int>();

                public OutgoingMessage(int capacity) => Buffer = new byte[capacity];

                public byte[] Buffer { get; }

                public int Position;

                public int Length;

                public static OutgoingMessage Get()
                {
                    var message = Spares.Take();
                    message.Position = message.Length = 0;
                    return message;
                }

                public void StartSection(byte tag)
                {
                    _starts.Push(Position);
                    Position += 2;
                    Write(tag);
                }

                public void EndSection()
                {
                    var start = _starts.Pop();
                    var size = Position - start - 2;
                    Buffer[start] = (byte)size;
                    Buffer[start + 1] = (byte)(size >> 8);
                }

                public void Write(byte value)
                {
                    Buffer[Position++] = value;
                    if (Position > Length)
                    {
                        Length = Position;
                    }
                }

                public void Write(int value)
                {
                    Write((byte)value);
                    Write((byte)(value >> 8));
                    Write((byte)(value >> 16));
                    Write((byte)(value >> 24));
                }

                public void Recycle()
                {
                    Position = Length = 0;
                    _starts.Clear();
                    Spares.Return(this);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PooledObjectGivenBack,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;

            namespace Corpus.Datagrams
            {
                public sealed class Datagram
                {
                    public readonly byte[] Header = new byte[4];
                    public Datagram NextFree;

                    public void MarkReliable() => Header[0] |= 0x80;

                    public void SetChannel(int channel) => Header[0] = (byte)((Header[0] & 0xF0) | channel);
                }

                public sealed class DatagramPeer
                {
                    private readonly object _freeSync = new object();
                    private Datagram _freeHead;
                    private int _freeCount;

                    public Datagram Take()
                    {
                        lock (_freeSync)
                        {
                            var head = _freeHead;
                            if (head != null)
                            {
                                _freeHead = head.NextFree;
                                _freeCount--;
                                return head;
                            }
                        }

                        return new Datagram();
                    }

                    public void Release(Datagram datagram)
                    {
                        datagram.Header[0] = 0;
                        lock (_freeSync)
                        {
                            datagram.NextFree = _freeHead;
                            _freeHead = datagram;
                            _freeCount++;
                        }
                    }

                    public void SendReliable(Datagram datagram, int channel)
                    {
                        datagram.SetChannel(channel);
                        datagram.MarkReliable();
                    }
                }
            }
            """,
            """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;

            namespace Corpus.Datagrams
            {
                public sealed class DatagramLink : IDisposable
                {
                    private readonly DatagramPeer _peer;
                    private readonly BlockingCollection<Datagram> _received = new BlockingCollection<Datagram>();
                    private Timer _keepAlive;
                    private int _unanswered;

                    public DatagramLink(DatagramPeer peer) => _peer = peer;

                    public Func<OutgoingMessage> OnSilent;

                    public void Open()
                    {
                        _keepAlive = new Timer(OnKeepAlive, null, 1500, 1500);
                        new Thread(ReceiveLoop) { IsBackground = true }.Start();
                    }

                    public void Deliver(Datagram datagram) => _received.Add(datagram);

                    public void Acknowledge() => Interlocked.Exchange(ref _unanswered, 0);

                    private void OnKeepAlive(object state)
                    {
                        if (Interlocked.Increment(ref _unanswered) < 6)
                        {
                            return;
                        }

                        var handler = OnSilent;
                        if (handler == null)
                        {
                            return;
                        }

                        var goodbye = handler();
                        if (goodbye == null)
                        {
                            return;
                        }

                        try
                        {
                            Transmit(goodbye.Buffer, goodbye.Length);
                        }
                        finally
                        {
                            goodbye.Recycle();
                        }
                    }

                    private void ReceiveLoop()
                    {
                        foreach (var datagram in _received.GetConsumingEnumerable())
                        {
                            _peer.Release(datagram);
                        }
                    }

                    private static void Transmit(byte[] bytes, int length)
                    {
                    }

                    public void Dispose()
                    {
                        _keepAlive?.Dispose();
                        _received.CompleteAdding();
                    }
                }
            }
            """,
        },
    };
}
