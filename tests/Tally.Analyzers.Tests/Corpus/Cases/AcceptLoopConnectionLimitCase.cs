namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fresh-sample false-alarm family R (clean): a message server's accept loop counts connections with
/// <c>Interlocked.Increment</c> and then reads the count again to compare it with the configured maximum: at the limit it
/// logs and stops listening, near it it warns, and either way it goes on to serve the client. Clients disconnect on
/// their own threads and decrement the count. The re-read asks whether the server is full now, for a side action on
/// the server's state; the value the increment returned is no more right for that, and nothing is handed out from it.
/// Expected: nothing reported.
/// </summary>
internal static class AcceptLoopConnectionLimitCase
{
    public static CorpusCase Case { get; } = new("AcceptLoopConnectionLimit", """
        using System;
        using System.Net;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Messaging
        {
            public sealed class MessageServer : IDisposable
            {
                private readonly ServerSettings _settings;
                private readonly TcpListener _listener;
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private int _connections;
                private volatile bool _listening;

                public MessageServer(ServerSettings settings)
                {
                    _settings = settings;
                    _listener = new TcpListener(IPAddress.Loopback, settings.Port);
                }

                public int Connections => Volatile.Read(ref _connections);

                public void Start()
                {
                    _listener.Start();
                    _listening = true;
                    _ = Task.Run(() => AcceptLoopAsync(_stop.Token));
                }

                private async Task AcceptLoopAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        if (!_listening)
                        {
                            await Task.Delay(100, token).ConfigureAwait(false);
                            if (Volatile.Read(ref _connections) < _settings.MaxConnections)
                            {
                                _listener.Start();
                                _listening = true;
                            }

                            continue;
                        }

                        var socket = await _listener.AcceptTcpClientAsync(token).ConfigureAwait(false);
                        var session = new ClientSession(socket, this);

                        Interlocked.Increment(ref _connections);
                        if (_connections >= _settings.MaxConnections && _settings.EnforceLimit)
                        {
                            _settings.Logger?.Invoke(LogLevel.Info, "limit of " + _settings.MaxConnections + " reached (" + _connections + " open), pausing");
                            _listening = false;
                            _listener.Stop();
                        }
                        else if (_connections >= _settings.MaxConnections)
                        {
                            _settings.Logger?.Invoke(LogLevel.Warning, _connections + " connections, over the limit, not enforced");
                        }

                        _ = session.RunAsync(token);
                    }
                }

                internal void SessionEnded(ClientSession session)
                {
                    Interlocked.Decrement(ref _connections);
                    _settings.Logger?.Invoke(LogLevel.Info, "session " + session.Id + " ended");
                }

                public void Dispose()
                {
                    _stop.Cancel();
                    _listener.Stop();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ReadAfterIncrementComparedWithLimit,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Messaging
            {
                public enum LogLevel
                {
                    Info,
                    Warning,
                }

                public sealed class ServerSettings
                {
                    public int Port { get; set; } = 9000;

                    public int MaxConnections { get; set; } = 1000;

                    public bool EnforceLimit { get; set; } = true;

                    public Action<LogLevel, string>? Logger { get; set; }
                }
            }
            """,
            """
            using System;
            using System.Net.Sockets;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Messaging
            {
                internal sealed class ClientSession
                {
                    private readonly TcpClient _client;
                    private readonly MessageServer _server;

                    public ClientSession(TcpClient client, MessageServer server)
                    {
                        _client = client;
                        _server = server;
                        Id = Guid.NewGuid();
                    }

                    public Guid Id { get; }

                    public async Task RunAsync(CancellationToken token)
                    {
                        var buffer = new byte[4096];
                        try
                        {
                            var stream = _client.GetStream();
                            while (await stream.ReadAsync(buffer, token).ConfigureAwait(false) > 0)
                            {
                            }
                        }
                        catch (OperationCanceledException)
                        {
                        }
                        finally
                        {
                            _client.Dispose();
                            _server.SessionEnded(this);
                        }
                    }
                }
            }
            """,
        },
    };
}
