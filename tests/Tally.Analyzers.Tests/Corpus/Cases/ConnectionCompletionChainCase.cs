namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean), in the shape of a socket library's connections (docs/real-code-fresh2.md, family L): each
/// connection keeps one <c>SocketAsyncEventArgs</c> per direction in its fields and hangs one handler on both, which
/// dispatches on <c>e.LastOperation</c>. A receive is started when none is pending and again only from the previous
/// completion (processed by the starter itself when it completed synchronously); a send likewise. The receive counters,
/// the frame parser the receive side feeds, and the send counters are each written by one chain of completions; the
/// listener counts accepted connections from its own accept event args. Completions of different connections run at
/// once, on different objects. Expected: nothing reported.
/// </summary>
internal static class ConnectionCompletionChainCase
{
    public static CorpusCase Case { get; } = new("ConnectionCompletionChain", """
        using System;
        using System.Collections.Generic;
        using System.Net.Sockets;

        namespace Corpus.Sockets
        {
            public class PeerConnection
            {
                private readonly Socket _socket;
                private readonly FrameParser _parser = new FrameParser();
                private readonly object _sendGate = new object();
                private readonly Queue<byte[]> _pending = new Queue<byte[]>();
                private SocketAsyncEventArgs _receiveArgs;
                private SocketAsyncEventArgs _sendArgs;
                private bool _receiving;
                private bool _sending;

                public PeerConnection(Socket socket)
                {
                    _socket = socket;
                    _receiveArgs = new SocketAsyncEventArgs();
                    _receiveArgs.SetBuffer(new byte[4096], 0, 4096);
                    _receiveArgs.Completed += OnIoCompleted;
                    _sendArgs = new SocketAsyncEventArgs();
                    _sendArgs.Completed += OnIoCompleted;
                }

                public long BytesReceived { get; private set; }

                public long BytesSent { get; private set; }

                public int FramesReceived => _parser.Frames;

                public void StartReceiving() => TryReceive();

                public void Enqueue(byte[] frame)
                {
                    lock (_sendGate)
                    {
                        _pending.Enqueue(frame);
                        if (_sending)
                        {
                            return;
                        }

                        _sending = true;
                    }

                    TrySend();
                }

                private void TryReceive()
                {
                    if (_receiving)
                    {
                        return;
                    }

                    var again = true;
                    while (again)
                    {
                        again = false;
                        _receiving = true;
                        if (!_socket.ReceiveAsync(_receiveArgs))
                        {
                            again = ProcessReceive(_receiveArgs);
                        }
                    }
                }

                private void TrySend()
                {
                    var again = true;
                    while (again)
                    {
                        again = false;
                        byte[] next;
                        lock (_sendGate)
                        {
                            if (_pending.Count == 0)
                            {
                                _sending = false;
                                return;
                            }

                            next = _pending.Dequeue();
                        }

                        _sendArgs.SetBuffer(next, 0, next.Length);
                        if (!_socket.SendAsync(_sendArgs))
                        {
                            again = ProcessSend(_sendArgs);
                        }
                    }
                }

                private void OnIoCompleted(object? sender, SocketAsyncEventArgs e)
                {
                    switch (e.LastOperation)
                    {
                        case SocketAsyncOperation.Receive:
                            if (ProcessReceive(e))
                            {
                                TryReceive();
                            }

                            break;
                        case SocketAsyncOperation.Send:
                            if (ProcessSend(e))
                            {
                                TrySend();
                            }

                            break;
                        default:
                            throw new InvalidOperationException("Only receives and sends complete here.");
                    }
                }

                private bool ProcessReceive(SocketAsyncEventArgs e)
                {
                    _receiving = false;
                    if (e.SocketError != SocketError.Success || e.BytesTransferred == 0)
                    {
                        return false;
                    }

                    BytesReceived += e.BytesTransferred;
                    _parser.Feed(e.Buffer!, e.Offset, e.BytesTransferred);
                    return true;
                }

                private bool ProcessSend(SocketAsyncEventArgs e)
                {
                    if (e.SocketError != SocketError.Success)
                    {
                        return false;
                    }

                    BytesSent += e.BytesTransferred;
                    return true;
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            namespace Corpus.Sockets
            {
                /// <summary>Splits the received bytes into length-prefixed frames; fed by one connection's receives.</summary>
                public sealed class FrameParser
                {
                    private int _expected = -1;
                    private int _filled;

                    public int Frames { get; private set; }

                    public void Feed(byte[] buffer, int offset, int count)
                    {
                        for (var i = offset; i < offset + count; i++)
                        {
                            if (_expected < 0)
                            {
                                _expected = buffer[i];
                                _filled = 0;
                                continue;
                            }

                            _filled++;
                            if (_filled == _expected)
                            {
                                Frames++;
                                _expected = -1;
                            }
                        }
                    }
                }
            }
            """,
            """
            using System;
            using System.Collections.Concurrent;
            using System.Net.Sockets;

            namespace Corpus.Sockets
            {
                /// <summary>Accepts connections with one accept event args, one accept in flight at a time.</summary>
                public sealed class PeerListener
                {
                    private readonly Socket _listener;
                    private readonly SocketAsyncEventArgs _acceptArgs = new SocketAsyncEventArgs();
                    private readonly ConcurrentDictionary<Guid, PeerConnection> _peers = new ConcurrentDictionary<Guid, PeerConnection>();

                    public PeerListener(Socket listener)
                    {
                        _listener = listener;
                        _acceptArgs.Completed += (sender, e) =>
                        {
                            if (ProcessAccept(e))
                            {
                                StartAccept();
                            }
                        };
                    }

                    public int Accepted { get; private set; }

                    public void Start() => StartAccept();

                    private void StartAccept()
                    {
                        var again = true;
                        while (again)
                        {
                            _acceptArgs.AcceptSocket = null;
                            again = !_listener.AcceptAsync(_acceptArgs) && ProcessAccept(_acceptArgs);
                        }
                    }

                    private bool ProcessAccept(SocketAsyncEventArgs e)
                    {
                        if (e.SocketError != SocketError.Success || e.AcceptSocket == null)
                        {
                            return false;
                        }

                        Accepted++;
                        var peer = new PeerConnection(e.AcceptSocket);
                        _peers.TryAdd(Guid.NewGuid(), peer);
                        peer.StartReceiving();
                        return true;
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.CompletionChainPerEventArgs,
        Clean = true,
    };
}
