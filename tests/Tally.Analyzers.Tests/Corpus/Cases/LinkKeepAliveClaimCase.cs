namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// The state hand-off (clean), in the shape of a database-style link (docs/real-code-heldout.md, the connector's
/// keep-alive): one link runs one operation at a time. Opening and each operation claim the link under its sync object
/// (check the state, set it away from the free value, leave the lock), write frames through the link's frame writer
/// without the lock, and give the link back by writing the free state. A one-shot keep-alive timer, re-armed after
/// every operation, gives up when the sync object is taken and pings only while the link is free. The frame writer,
/// an internal helper type of its own file, moves its cursor and counts frames with plain <c>+=</c>/<c>++</c>; every
/// path to it is the keep-alive (the lock held and the link free) or a claimant. Expected: nothing reported.
/// </summary>
internal static class LinkKeepAliveClaimCase
{
    public static CorpusCase Case { get; } = new("LinkKeepAliveClaim", """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Links
        {
            public enum LinkState { Closed, Opening, Ready, Executing, Broken }

            public sealed class LinkConnection : IDisposable
            {
                private const byte PingCode = 0x50;
                private const byte StartupCode = 0x53;

                private readonly object _sync = new object();
                private readonly FrameWriter _writer;
                private readonly Timer _keepAlive;
                private readonly TimeSpan _period;
                private LinkState _state;

                public LinkConnection(Stream stream, TimeSpan period)
                {
                    _writer = new FrameWriter(stream, 8192);
                    _period = period;
                    _state = LinkState.Closed;
                    _keepAlive = new Timer(OnKeepAlive, null, Timeout.Infinite, Timeout.Infinite);
                }

                public async Task OpenAsync(string database, CancellationToken cancellationToken)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Closed)
                        {
                            throw new InvalidOperationException("The link is already open.");
                        }

                        _state = LinkState.Opening;
                    }

                    try
                    {
                        _writer.WriteHeader(StartupCode, database.Length);
                        _writer.WriteText(database);
                        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        lock (_sync)
                        {
                            _state = LinkState.Broken;
                        }

                        throw;
                    }

                    lock (_sync)
                    {
                        _state = LinkState.Ready;
                        _keepAlive.Change(_period, Timeout.InfiniteTimeSpan);
                    }
                }

                public async Task ExecuteAsync(byte code, string text, CancellationToken cancellationToken)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Ready)
                        {
                            throw new InvalidOperationException("An operation is already in progress.");
                        }

                        _state = LinkState.Executing;
                        _keepAlive.Change(Timeout.Infinite, Timeout.Infinite);
                    }

                    try
                    {
                        _writer.WriteHeader(code, text.Length);
                        _writer.WriteText(text);
                        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        lock (_sync)
                        {
                            _state = LinkState.Ready;
                            _keepAlive.Change(_period, Timeout.InfiniteTimeSpan);
                        }
                    }
                }

                public void Dispose()
                {
                    lock (_sync)
                    {
                        _state = LinkState.Broken;
                    }

                    _keepAlive.Dispose();
                }

                private void OnKeepAlive(object? state)
                {
                    if (!Monitor.TryEnter(_sync))
                    {
                        return;
                    }

                    try
                    {
                        if (_state != LinkState.Ready)
                        {
                            return;
                        }

                        _writer.WriteHeader(PingCode, 0);
                        _writer.Flush();
                        _keepAlive.Change(_period, Timeout.InfiniteTimeSpan);
                    }
                    catch (IOException)
                    {
                        _state = LinkState.Broken;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Links
            {
                internal sealed class FrameWriter
                {
                    private readonly Stream _stream;
                    private readonly byte[] _buffer;
                    private int _position;
                    private int _framesWritten;

                    public FrameWriter(Stream stream, int size)
                    {
                        _stream = stream;
                        _buffer = new byte[size];
                    }

                    public void WriteHeader(byte code, int length)
                    {
                        _buffer[_position] = code;
                        _position += 1;
                        BitConverter.TryWriteBytes(_buffer.AsSpan(_position), length);
                        _position += sizeof(int);
                        _framesWritten++;
                    }

                    public void WriteText(string text)
                    {
                        _position += Encoding.UTF8.GetBytes(text, 0, text.Length, _buffer, _position);
                    }

                    public void Flush()
                    {
                        _stream.Write(_buffer, 0, _position);
                        _position = 0;
                    }

                    public async Task FlushAsync(CancellationToken cancellationToken)
                    {
                        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
                        _position = 0;
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.StateClaimHandOff,
        Clean = true,
    };
}
