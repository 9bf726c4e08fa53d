namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Race kept (reported), in the shape of an HTTP client over a socket connection (docs/real-code-fresh2.md, the true
/// finding next to family L): the receive completion chain of the connection parses the response into a reusable
/// <c>Reply</c>, and a request arms a one-shot timeout timer whose callback resets that reply on a timer thread. The
/// receive chain does not overlap with itself, but the timer's reset runs while a body is still arriving: the parser's
/// read-modify-writes can write back a value read before the reset. Expected: the parser's updates reported.
/// </summary>
internal static class ResponseTimeoutDuringReceiveCase
{
    public static CorpusCase Case { get; } = new("ResponseTimeoutDuringReceive", """
        using System;
        using System.Net.Sockets;
        using System.Threading;

        namespace Corpus.Http
        {
            public sealed class ReplyClient : IDisposable
            {
                private readonly Socket _socket;
                private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();
                private Timer? _timeout;

                public ReplyClient(Socket socket)
                {
                    _socket = socket;
                    _receiveArgs.SetBuffer(new byte[8192], 0, 8192);
                    _receiveArgs.Completed += OnReceiveCompleted;
                }

                public Reply Reply { get; } = new Reply();

                public void Request(TimeSpan timeout)
                {
                    _timeout?.Dispose();
                    _timeout = new Timer(_ => Reply.Reset(), null, timeout, Timeout.InfiniteTimeSpan);
                    if (!_socket.ReceiveAsync(_receiveArgs))
                    {
                        OnReceiveCompleted(this, _receiveArgs);
                    }
                }

                private void OnReceiveCompleted(object? sender, SocketAsyncEventArgs e)
                {
                    if (e.SocketError != SocketError.Success || e.BytesTransferred == 0)
                    {
                        return;
                    }

                    if (Reply.Feed(e.Buffer!, e.Offset, e.BytesTransferred))
                    {
                        _timeout?.Dispose();
                    }
                    else if (!_socket.ReceiveAsync(e))
                    {
                        OnReceiveCompleted(sender, e);
                    }
                }

                public void Dispose()
                {
                    _timeout?.Dispose();
                    _receiveArgs.Dispose();
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            namespace Corpus.Http
            {
                /// <summary>A reply parsed as it arrives: a status line digit by digit, then a body of a declared length.</summary>
                public sealed class Reply
                {
                    private int _bodyLength;
                    private int _bodyReceived;

                    public int Status { get; private set; }

                    public bool Complete => _bodyLength > 0 && _bodyReceived >= _bodyLength;

                    public bool Feed(byte[] buffer, int offset, int count)
                    {
                        for (var i = offset; i < offset + count; i++)
                        {
                            var b = buffer[i];
                            if (_bodyLength == 0 && b >= (byte)'0' && b <= (byte)'9')
                            {
                                {|TALLY003:Status *= 10|};
                                {|TALLY003:Status += b - '0'|};
                            }
                            else if (_bodyLength == 0)
                            {
                                _bodyLength = b;
                            }
                            else
                            {
                                {|TALLY003:_bodyReceived++|};
                            }
                        }

                        return Complete;
                    }

                    public void Reset()
                    {
                        Status = 0;
                        _bodyLength = 0;
                        _bodyReceived = 0;
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.LatentResponseTimeoutReset,
    };
}
