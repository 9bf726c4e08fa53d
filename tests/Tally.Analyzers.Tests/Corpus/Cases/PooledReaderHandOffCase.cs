namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean, third fresh sample family A, the taker's side; second fresh sample, a driver's pooled write
/// stream): a datagram server with pooled readers and buffers. The receive thread takes a reader from the reader pool
/// (through the reader's own sized factory, which rewinds it with its <c>Position</c> setter), fills it from the socket
/// and queues it; the processing thread hands each queued reader to the application, which reads it byte by byte (the
/// read head moves with <c>++</c>) and recycles it. The send side drains a queue on one task at a time, taking a frame
/// buffer from the buffer pool lazily into a local and truncating it when a message fails to serialise; the
/// application appends a trailer to each flushed buffer. Each reader and
/// buffer has one holder at a time: the taker writes it before it hands it on. Expected: nothing reported.
/// </summary>
internal static class PooledReaderHandOffCase
{
    public static CorpusCase Case { get; } = new("PooledReaderHandOff", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Datagrams.Readers
        {
            /// <summary>Spare objects of one kind, shared by every thread of the server.</summary>
            public sealed class ObjectPool<T> where T : class
            {
                private readonly List<T> _items = new List<T>();
                private readonly Func<T> _make;

                public ObjectPool(Func<T> make) => _make = make;

                public T GetObject()
                {
                    lock (_items)
                    {
                        if (_items.Count == 0)
                        {
                            return _make();
                        }

                        var last = _items[_items.Count - 1];
                        _items.RemoveAt(_items.Count - 1);
                        return last;
                    }
                }

                public void PutObject(T item)
                {
                    lock (_items)
                    {
                        _items.Add(item);
                    }
                }
            }

            public sealed class MessageReader
            {
                public static readonly ObjectPool<MessageReader> ReaderPool = new ObjectPool<MessageReader>(() => new MessageReader());

                public byte[] Buffer = Array.Empty<byte>();
                public int Length;
                private int _position;
                private int _readHead;

                public int Position
                {
                    get => _position;
                    set
                    {
                        _position = value;
                        _readHead = value;
                    }
                }

                public int Remaining => Length - _position;

                public static MessageReader GetSized(int size)
                {
                    var reader = ReaderPool.GetObject();
                    if (reader.Buffer.Length < size)
                    {
                        reader.Buffer = new byte[size];
                    }

                    reader.Length = 0;
                    reader.Position = 0;
                    return reader;
                }

                public byte ReadByte()
                {
                    _position++;
                    return Buffer[_readHead++];
                }

                public ushort ReadUInt16() => (ushort)(ReadByte() | ReadByte() << 8);

                public void Recycle() => ReaderPool.PutObject(this);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PooledObjectTaken,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Concurrent;
            using System.Net;
            using System.Net.Sockets;
            using System.Threading;

            namespace Corpus.Datagrams.Readers
            {
                public sealed class DatagramListener : IDisposable
                {
                    private readonly Socket _socket;
                    private readonly BlockingCollection<MessageReader> _received = new BlockingCollection<MessageReader>(256);
                    private readonly Thread _receiveThread;
                    private readonly Thread _processThread;
                    private volatile bool _active = true;

                    public DatagramListener(Socket socket)
                    {
                        _socket = socket;
                        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true };
                        _processThread = new Thread(ProcessLoop) { IsBackground = true };
                    }

                    public event Action<MessageReader> DataReceived;

                    public int ReceiveBufferSize { get; set; } = 1500;

                    public void Start()
                    {
                        _receiveThread.Start();
                        _processThread.Start();
                    }

                    private void ReceiveLoop()
                    {
                        while (_active)
                        {
                            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
                            var message = MessageReader.GetSized(ReceiveBufferSize);
                            try
                            {
                                message.Length = _socket.ReceiveFrom(message.Buffer, 0, message.Buffer.Length, SocketFlags.None, ref remote);
                            }
                            catch (SocketException)
                            {
                                message.Recycle();
                                continue;
                            }

                            _received.Add(message);
                        }
                    }

                    private void ProcessLoop()
                    {
                        foreach (var message in _received.GetConsumingEnumerable())
                        {
                            try
                            {
                                DataReceived?.Invoke(message);
                            }
                            finally
                            {
                                message.Recycle();
                            }
                        }
                    }

                    public void Dispose()
                    {
                        _active = false;
                        _received.CompleteAdding();
                    }
                }
            }
            """,
            """
            using System;
            using System.Collections.Concurrent;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Datagrams.Readers
            {
                public sealed class FrameBuffer
                {
                    private byte[] _bytes = new byte[4096];
                    private long _length;

                    public long Length => _length;

                    public void Append(byte[] data)
                    {
                        if (_length + data.Length > _bytes.Length)
                        {
                            Array.Resize(ref _bytes, (int)(_length + data.Length) * 2);
                        }

                        Buffer.BlockCopy(data, 0, _bytes, (int)_length, data.Length);
                        _length += data.Length;
                    }

                    public void SetLength(long length)
                    {
                        var dropped = _length - length;
                        _length -= dropped;
                    }
                }

                /// <summary>Helpers for the application's <c>Flushed</c> handlers.</summary>
                public static class FrameWriter
                {
                    private static readonly byte[] Trailer = { 0x0D, 0x0A };

                    public static void WriteTrailer(FrameBuffer buffer) => buffer.Append(Trailer);
                }

                public sealed class BufferPool
                {
                    public FrameBuffer GetBuffer() => new FrameBuffer();
                }

                public sealed class FrameSender
                {
                    private readonly BufferPool _bufferPool = new BufferPool();
                    private readonly ConcurrentQueue<Func<byte[]>> _pending = new ConcurrentQueue<Func<byte[]>>();
                    private int _draining;

                    public event Action<FrameBuffer> Flushed;

                    public void Send(Func<byte[]> serialize)
                    {
                        _pending.Enqueue(serialize);
                        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
                        {
                            Task.Factory.StartNew(Drain, TaskCreationOptions.LongRunning);
                        }
                    }

                    private void Drain()
                    {
                        FrameBuffer buffer = null;
                        while (_pending.TryDequeue(out var serialize))
                        {
                            var start = buffer?.Length ?? 0;
                            try
                            {
                                buffer = buffer ?? _bufferPool.GetBuffer();
                                buffer.Append(serialize());
                            }
                            catch (InvalidDataException)
                            {
                                buffer?.SetLength(start);
                            }
                        }

                        Volatile.Write(ref _draining, 0);
                        if (buffer != null)
                        {
                            Flushed?.Invoke(buffer);
                        }
                    }
                }
            }
            """,
        },
    };
}
