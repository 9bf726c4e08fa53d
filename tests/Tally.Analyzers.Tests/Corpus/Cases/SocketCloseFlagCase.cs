namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a message socket documented as not thread-safe (one thread uses it). Its readiness events
/// combine handlers into delegate fields in their accessors; the only Interlocked is the close-once flag, because
/// <c>Close</c> may be called from any thread at shutdown. Expected: nothing reported.
/// </summary>
internal static class SocketCloseFlagCase
{
    public static CorpusCase Case { get; } = new("SocketCloseFlag", """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Sockets
        {
            public sealed class ReadyEventArgs : EventArgs
            {
                public ReadyEventArgs(MessageSocket socket) => Socket = socket;

                public MessageSocket Socket { get; }
            }

            /// <summary>Not thread-safe: use a socket from one thread only.</summary>
            public sealed class MessageSocket
            {
                private readonly Queue<byte[]> _inbox = new Queue<byte[]>();
                private readonly List<string> _endpoints = new List<string>();
                private EventHandler<ReadyEventArgs>? _receiveReady;
                private EventHandler<ReadyEventArgs>? _sendReady;
                private int _closed;

                public event EventHandler<ReadyEventArgs> ReceiveReady
                {
                    add => _receiveReady += value;
                    remove => _receiveReady -= value;
                }

                public event EventHandler<ReadyEventArgs> SendReady
                {
                    add => _sendReady += value;
                    remove => _sendReady -= value;
                }

                public bool HasHandlers => _receiveReady != null || _sendReady != null;

                public void Bind(string endpoint) => _endpoints.Add(endpoint);

                public void Connect(string endpoint) => _endpoints.Add(endpoint);

                public void Deliver(byte[] frame)
                {
                    _inbox.Enqueue(frame);
                    _receiveReady?.Invoke(this, new ReadyEventArgs(this));
                }

                public bool TryReceive(out byte[]? frame)
                {
                    if (_inbox.Count == 0)
                    {
                        frame = null;
                        return false;
                    }

                    frame = _inbox.Dequeue();
                    _sendReady?.Invoke(this, new ReadyEventArgs(this));
                    return true;
                }

                public void Close()
                {
                    if (Interlocked.CompareExchange(ref _closed, 1, 0) != 0)
                    {
                        return;
                    }

                    _endpoints.Clear();
                    _inbox.Clear();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.SocketCloseFlag,
        Clean = true,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Sockets
            {
                public sealed class Poller
                {
                    private int _events;

                    public int Events => _events;

                    public void Add(MessageSocket socket)
                    {
                        socket.ReceiveReady += (sender, e) => _events++;
                        socket.SendReady += OnSendReady;
                    }

                    public void Remove(MessageSocket socket) => socket.SendReady -= OnSendReady;

                    private void OnSendReady(object? sender, ReadyEventArgs e)
                    {
                    }
                }
            }
            """,
        },
    };
}
