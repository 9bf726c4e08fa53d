using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An accept callback that arms the next accept itself (<c>BeginAccept...(OnAccepted)</c>, and <c>OnAccepted</c> calls
/// it again through calls on <c>this</c>) runs once per accepted connection, and a thread start it reaches whose task
/// nobody waits for is started again by the next completion while the earlier copies still run: a repeated start, like
/// one in a loop, so an update in the started code is certain. A receive re-armed on one connection, a callback that
/// does not arm the next accept, and a start the callback waits for before it re-arms stay as before.
/// </summary>
public class ReArmedAcceptStartTests
{
    [Fact]
    public async Task SessionCountRaisedInATaskRunPerAcceptAndLoweredOneCallDown_IsCertainInBoth()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class SessionHost
            {
                private readonly TcpListener _server = new TcpListener(System.Net.IPAddress.Any, 9000);
                private int _sessions;

                public void Open()
                {
                    _server.Start();
                    Listen();
                }

                public int Sessions => _sessions;

                private void Listen()
                {
                    _server.BeginAcceptTcpClient(new AsyncCallback(Accepted), null);
                }

                private void Accepted(IAsyncResult ar)
                {
                    try
                    {
                        var client = _server.EndAcceptTcpClient(ar);
                        Welcome(client);
                    }
                    catch (SocketException)
                    {
                    }

                    Listen();
                }

                private void Welcome(TcpClient client)
                {
                    Task pending = Task.Run(() =>
                    {
                        _sessions++;
                        Task.Run(async () => await Serve(client));
                    });
                }

                private async Task Serve(TcpClient client)
                {
                    try
                    {
                        await client.GetStream().ReadAsync(new byte[16], 0, 16);
                    }
                    finally
                    {
                        _sessions--;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("Certain", d.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        });
    }

    [Fact]
    public async Task ClientCountRaisedAfterAHandshakeCallbackPerAcceptAndGuardedByARegistrationCheck_IsCertainInBoth()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Net.Security;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class SecureHost
            {
                private readonly TcpListener _server = new TcpListener(System.Net.IPAddress.Any, 9443);
                private readonly ConcurrentDictionary<int, SslStream> _streams = new ConcurrentDictionary<int, SslStream>();
                private int _clients;

                public void Open()
                {
                    _server.Start();
                    Listen();
                }

                public int Clients => _clients;

                private void Listen() => _server.BeginAcceptTcpClient(Accepted, null);

                private void Accepted(IAsyncResult ar)
                {
                    try
                    {
                        var stream = new SslStream(_server.EndAcceptTcpClient(ar).GetStream());
                        stream.BeginAuthenticateAsServer(null, Authenticated, stream);
                    }
                    catch (SocketException)
                    {
                    }

                    Listen();
                }

                private void Authenticated(IAsyncResult ar)
                {
                    var stream = (SslStream)ar.AsyncState;
                    stream.EndAuthenticateAsServer(ar);
                    if (!stream.IsAuthenticated)
                    {
                        return;
                    }

                    Admit(stream);
                }

                private void Admit(SslStream stream)
                {
                    _ = Task.Run(() =>
                    {
                        if (!_streams.TryAdd(stream.GetHashCode(), stream))
                        {
                            return;
                        }

                        _clients++;
                        Task.Run(() => Pump(stream));
                    });
                }

                private void Pump(SslStream stream)
                {
                    try
                    {
                        stream.ReadByte();
                    }
                    finally
                    {
                        _clients--;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("Certain", d.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        });
    }

    [Fact]
    public async Task SocketAcceptCallbackThatReArmsDirectlyAndQueuesEachPeer_IsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading;

            public class Gateway
            {
                private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                private long _accepted;

                public void Run() => _socket.BeginAccept(OnAccept, null);

                public long Accepted => _accepted;

                private void OnAccept(IAsyncResult result)
                {
                    var peer = _socket.EndAccept(result);
                    ThreadPool.QueueUserWorkItem(_ => { _accepted += 1; peer.Dispose(); });
                    _socket.BeginAccept(OnAccept, null);
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ReceiveReArmedOnOneConnectionWithATaskRunPerMessage_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public class Connection
            {
                private readonly Stream _stream;
                private readonly byte[] _buffer = new byte[512];
                private int _messages;

                public Connection(Stream stream) => _stream = stream;

                public int Messages => _messages;

                public void Begin() => Receive();

                private void Receive() => _stream.BeginRead(_buffer, 0, _buffer.Length, OnRead, null);

                private void OnRead(IAsyncResult result)
                {
                    var count = _stream.EndRead(result);
                    Task.Run(() =>
                    {
                        _messages++;
                        Handle(count);
                    });
                    Receive();
                }

                private void Handle(int count)
                {
                    try
                    {
                        System.Console.WriteLine(count);
                    }
                    finally
                    {
                        _messages--;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task AcceptCallbackThatDoesNotArmTheNextAccept_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class OneShotListener
            {
                private readonly TcpListener _server = new TcpListener(System.Net.IPAddress.Any, 9001);
                private int _admitted;

                public void Open()
                {
                    _server.Start();
                    _server.BeginAcceptTcpClient(Accepted, null);
                }

                public int Admitted => _admitted;

                private void Accepted(IAsyncResult ar)
                {
                    var client = _server.EndAcceptTcpClient(ar);
                    Task.Run(() => { _admitted++; client.Dispose(); });
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task AcceptCallbackThatAwaitsItsStartBeforeReArming_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class SerialListener
            {
                private readonly TcpListener _server = new TcpListener(System.Net.IPAddress.Any, 9002);
                private int _handled;

                public void Open()
                {
                    _server.Start();
                    Listen();
                }

                public int Handled => _handled;

                private void Listen() => _server.BeginAcceptTcpClient(Accepted, null);

                private async void Accepted(IAsyncResult ar)
                {
                    var client = _server.EndAcceptTcpClient(ar);
                    await Task.Run(() => { _handled++; client.Dispose(); });
                    Listen();
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task AcceptCallbackThatWaitsForTheStartedTaskBeforeReArming_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class BlockingListener
            {
                private readonly TcpListener _server = new TcpListener(System.Net.IPAddress.Any, 9003);
                private int _handled;

                public void Open()
                {
                    _server.Start();
                    Listen();
                }

                public int Handled => _handled;

                private void Listen() => _server.BeginAcceptTcpClient(Accepted, null);

                private void Accepted(IAsyncResult ar)
                {
                    var client = _server.EndAcceptTcpClient(ar);
                    var work = Task.Run(() => { _handled++; client.Dispose(); });
                    Console.WriteLine("accepted"); // runs beside the work: without it the start is joined at once, no start at all
                    work.Wait();
                    Listen();
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task SocketEventArgsReceiveChainWithATaskRunPerMessage_IsNotCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class Channel
            {
                private readonly Socket _socket;
                private readonly SocketAsyncEventArgs _receive = new SocketAsyncEventArgs();
                private int _frames;

                public Channel(Socket socket)
                {
                    _socket = socket;
                    _receive.SetBuffer(new byte[256], 0, 256);
                    _receive.Completed += (s, e) => Process(e);
                }

                public int Frames => _frames;

                public void Start()
                {
                    if (!_socket.ReceiveAsync(_receive))
                    {
                        Process(_receive);
                    }
                }

                private void Process(SocketAsyncEventArgs e)
                {
                    var length = e.BytesTransferred;
                    Task.Run(() =>
                    {
                        _frames++;
                        Handle(length);
                    });
                    Start();
                }

                private void Handle(int length)
                {
                    try
                    {
                        System.Console.WriteLine(length);
                    }
                    finally
                    {
                        _frames--;
                    }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties["Certainty"] == "Certain" || d.Severity == DiagnosticSeverity.Warning);
    }
}
