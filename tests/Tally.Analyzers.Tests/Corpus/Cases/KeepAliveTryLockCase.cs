namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Held-out false-alarm family C (clean): a wire session whose keep-alive timer callback gives up when a send holds
/// the session's lock (<c>if (!Monitor.TryEnter(_sync)) return;</c>, then <c>try</c>/<c>finally</c>), and whose
/// sends write the same frame writer under <c>lock (_sync)</c>. The frame writer, a helper type of its own file, moves
/// its cursor and counts frames with plain <c>+=</c>/<c>++</c>; every path to it holds the one lock, the timer's
/// through a try-lock whose failure returns. Expected: nothing reported.
/// </summary>
internal static class KeepAliveTryLockCase
{
    public static CorpusCase Case { get; } = new("KeepAliveTryLock", """
        using System;
        using System.IO;
        using System.Threading;

        namespace Corpus.Wire
        {
            public sealed class WireSession : IDisposable
            {
                private readonly object _sync = new object();
                private readonly FrameWriter _writer;
                private readonly Timer _keepAlive;
                private int _keepAlivesSent;
                private int _keepAlivesSkipped;

                public WireSession(Stream stream, TimeSpan period)
                {
                    _writer = new FrameWriter(stream, 4096);
                    _keepAlive = new Timer(SendKeepAlive, null, period, period);
                }

                public int KeepAlivesSent => Volatile.Read(ref _keepAlivesSent);

                public void Send(ReadOnlySpan<byte> payload)
                {
                    lock (_sync)
                    {
                        _writer.BeginFrame(1);
                        _writer.WriteInt32(payload.Length);
                        _writer.WriteBytes(payload);
                        _writer.EndFrame();
                        _writer.Flush();
                    }
                }

                private void SendKeepAlive(object? state)
                {
                    // A send in progress keeps the connection alive by itself: skip this round.
                    if (!Monitor.TryEnter(_sync))
                    {
                        return;
                    }

                    try
                    {
                        _writer.BeginFrame(0);
                        _writer.EndFrame();
                        _writer.Flush();
                        _keepAlivesSent++;
                    }
                    catch (IOException)
                    {
                        _keepAlivesSkipped++;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }

                public void Dispose() => _keepAlive.Dispose();
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.Buffers.Binary;
            using System.IO;

            namespace Corpus.Wire
            {
                /// <summary>Not thread-safe: its session serialises every use.</summary>
                internal sealed class FrameWriter
                {
                    private readonly Stream _stream;
                    private readonly byte[] _buffer;
                    private int _position;
                    private int _frameStart;
                    private long _framesWritten;
                    private long _bytesFlushed;

                    public FrameWriter(Stream stream, int size)
                    {
                        _stream = stream;
                        _buffer = new byte[size];
                    }

                    public void BeginFrame(byte kind)
                    {
                        _frameStart = _position;
                        _buffer[_position] = kind;
                        _position += 5;
                    }

                    public void WriteInt32(int value)
                    {
                        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
                        _position += sizeof(int);
                    }

                    public void WriteBytes(ReadOnlySpan<byte> bytes)
                    {
                        bytes.CopyTo(_buffer.AsSpan(_position));
                        _position += bytes.Length;
                    }

                    public void EndFrame()
                    {
                        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_frameStart + 1), _position - _frameStart - 5);
                        _framesWritten++;
                    }

                    public void Flush()
                    {
                        _stream.Write(_buffer, 0, _position);
                        _bytesFlushed += _position;
                        _position = 0;
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.TryLockFailureSkips,
        Clean = true,
    };
}
