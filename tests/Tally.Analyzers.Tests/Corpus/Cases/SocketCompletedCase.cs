namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a socket server gives each accepted connection its own <c>SocketAsyncEventArgs</c> with one
/// shared <c>Completed</c> handler; completions of different connections run on I/O threads at the same time and
/// update the server's byte and receive counters without synchronisation: lost updates.
/// </summary>
internal static class SocketCompletedCase
{
    public static CorpusCase Case { get; } = new("SocketCompleted", """
        using System;
        using System.Net.Sockets;

        namespace Corpus.Servers
        {
            public sealed class EchoServer
            {
                private readonly Socket _listener;
                private long _bytesReceived;
                private int _receives;
                private int _closed;

                public EchoServer(Socket listener) => _listener = listener;

                public long BytesReceived => _bytesReceived;

                public void Accept(Socket client)
                {
                    var args = new SocketAsyncEventArgs();
                    args.SetBuffer(new byte[8192], 0, 8192);
                    args.UserToken = client;
                    args.Completed += OnReceiveCompleted;
                    if (!client.ReceiveAsync(args))
                    {
                        OnReceiveCompleted(client, args);
                    }
                }

                private void OnReceiveCompleted(object? sender, SocketAsyncEventArgs args)
                {
                    var client = (Socket)args.UserToken!;
                    while (true)
                    {
                        if (args.SocketError != SocketError.Success || args.BytesTransferred == 0)
                        {
                            {|TALLY003:_closed++|};
                            client.Dispose();
                            return;
                        }

                        {|TALLY003:_bytesReceived += args.BytesTransferred|};
                        {|TALLY003:_receives++|};
                        if (client.ReceiveAsync(args))
                        {
                            return;
                        }
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.SocketAsyncEventArgsCompleted,
    };
}
