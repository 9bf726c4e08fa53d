namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh-sample false-alarm family T (clean): a networking library keeps its reader and buffer pools in
/// <c>[ThreadStatic]</c> fields, each made by the thread's first use, so every thread has its own pools. The pool type
/// is documented as not thread-safe and counts its free objects with plain <c>++</c>/<c>--</c>; socket completions on
/// pool threads and the application's sends on its own threads each use their thread's pool. Expected: nothing reported.
/// </summary>
internal static class PerThreadBufferPoolCase
{
    public static CorpusCase Case { get; } = new("PerThreadBufferPool", """
        using System;

        namespace Corpus.Networking
        {
            /// <summary>A pool for one thread's use: not thread-safe, held by thread-static fields only.</summary>
            internal sealed class ObjectPool<T>
                where T : class
            {
                private readonly T[] _free;
                private readonly Func<T> _create;

                public ObjectPool(int capacity, Func<T> create)
                {
                    _free = new T[capacity];
                    _create = create;
                }

                public int Count { get; private set; }

                public T Get()
                {
                    if (Count > 0)
                    {
                        var item = _free[--Count];
                        _free[Count] = null!;
                        return item;
                    }

                    return _create();
                }

                public bool Return(T item)
                {
                    if (Count == _free.Length)
                    {
                        return false;
                    }

                    _free[Count++] = item;
                    return true;
                }
            }

            internal static class ObjectCache
            {
                [ThreadStatic]
                private static ObjectPool<byte[]> s_buffers;

                [ThreadStatic]
                private static ObjectPool<PacketReader> s_readers;

                private static void Initialize()
                {
                    if (s_buffers == null)
                    {
                        s_buffers = new ObjectPool<byte[]>(16, () => new byte[1500]);
                        s_readers = new ObjectPool<PacketReader>(8, () => new PacketReader());
                    }
                }

                public static byte[] GetBuffer()
                {
                    Initialize();
                    return s_buffers.Get();
                }

                public static void ReturnBuffer(byte[] buffer)
                {
                    Initialize();
                    s_buffers.Return(buffer);
                }

                public static PacketReader GetReader()
                {
                    Initialize();
                    return s_readers.Get();
                }

                public static void ReturnReader(PacketReader reader)
                {
                    Initialize();
                    s_readers.Return(reader);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ThreadStaticPool,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Net;
            using System.Net.Sockets;

            namespace Corpus.Networking
            {
                public sealed class PacketReader
                {
                    private byte[] _data = Array.Empty<byte>();
                    private int _position;

                    internal void Load(byte[] data, int length)
                    {
                        _data = data;
                        _position = 0;
                    }

                    public byte ReadByte() => _data[_position++];
                }

                public sealed class UdpConnection : IDisposable
                {
                    private readonly Socket _socket;
                    private readonly SocketAsyncEventArgs _receive = new SocketAsyncEventArgs();
                    private readonly EndPoint _remote;

                    public UdpConnection(Socket socket, EndPoint remote)
                    {
                        _socket = socket;
                        _remote = remote;
                        _receive.Completed += ReceiveCompleted;
                    }

                    public event Action<PacketReader>? MessageReceived;

                    public void StartReceiving()
                    {
                        _receive.SetBuffer(ObjectCache.GetBuffer(), 0, 1500);
                        _receive.RemoteEndPoint = _remote;
                        if (!_socket.ReceiveFromAsync(_receive))
                        {
                            ReceiveCompleted(_socket, _receive);
                        }
                    }

                    public void Send(byte[] payload, int length)
                    {
                        var buffer = ObjectCache.GetBuffer();
                        Buffer.BlockCopy(payload, 0, buffer, 0, Math.Min(length, buffer.Length));
                        _socket.SendTo(buffer, 0, Math.Min(length, buffer.Length), SocketFlags.None, _remote);
                        ObjectCache.ReturnBuffer(buffer);
                    }

                    public void Dispose() => _socket.Dispose();

                    private void ReceiveCompleted(object? sender, SocketAsyncEventArgs e)
                    {
                        var reader = ObjectCache.GetReader();
                        reader.Load(e.Buffer!, e.BytesTransferred);
                        MessageReceived?.Invoke(reader);
                        ObjectCache.ReturnReader(reader);
                        ObjectCache.ReturnBuffer(e.Buffer!);
                        StartReceiving();
                    }
                }
            }
            """,
        },
    };
}
