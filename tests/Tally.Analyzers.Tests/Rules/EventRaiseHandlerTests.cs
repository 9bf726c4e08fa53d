using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Code that raises an event of the compilation (<c>Received?.Invoke(this, e)</c>), or invokes a delegate field others
/// add handlers to with <c>+=</c>, calls every handler subscribed to it there: a server's per-client loops that raise
/// a request event run the server's handler, and what it updates, on every client's thread at once. Which instance a
/// handler was subscribed on is not known, so such findings are inferred, never certain.
/// </summary>
public class EventRaiseHandlerTests
{
    private const string Header = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class RequestArgs : EventArgs
        {
            public RequestArgs(string body) => Body = body;
            public string Body { get; }
        }

        """;

    /// <summary>A channel that starts a loop per accepted client; each loop raises the request with <paramref name="raise"/>.</summary>
    private static string Channel(string raise, string start = "_ = Task.Run(() => ClientLoop(token), token);", string declaration = "public event EventHandler<RequestArgs>? RequestReceived;") => $$"""
        public interface IRequestChannel
        {
            event EventHandler<RequestArgs>? RequestReceived;
        }

        public sealed class TcpRequestChannel : IRequestChannel
        {
            {{declaration}}

            public async Task AcceptLoop(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(10, token);
                    {{start}}
                }
            }

            private async Task ClientLoop(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(1, token);
                    var args = new RequestArgs("read");
                    {{raise}}
                }
            }
        }

        """;

    private const string Server = """
        public sealed class Server
        {
            private int _served;

            public Server(IRequestChannel channel)
            {
                channel.RequestReceived += HandleRequest;
            }

            private void HandleRequest(object? sender, RequestArgs e)
            {
                if (e.Body.Length > 0)
                {
                    _served++;
                }
            }
        }
        """;

    [Theory]
    [InlineData("RequestReceived?.Invoke(this, args);")]
    [InlineData("if (RequestReceived != null) RequestReceived(this, args);")]
    [InlineData("var handler = RequestReceived; handler?.Invoke(this, args);")]
    public async Task AnUpdateInAHandlerOfAnEventEveryClientLoopRaises_IsReported_AsInferred(string raise)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Channel(raise) + Server);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("_served", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
        Assert.NotEqual(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task AHandlerAddedAsALambdaOnTheConcreteChannel_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Channel("RequestReceived?.Invoke(this, args);") + """
            public sealed class Server
            {
                private int _served;

                public Server(TcpRequestChannel channel)
                {
                    channel.RequestReceived += (sender, e) => _served++;
                }
            }
            """);

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task AHandlerAddedToADelegateFieldTheLoopsInvoke_IsReported()
    {
        var channel = Channel("OnRequest?.Invoke(args.Body);", declaration: "public Action<string>? OnRequest;")
            .Replace("event EventHandler<RequestArgs>? RequestReceived;", string.Empty, System.StringComparison.Ordinal);
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + channel + """
            public sealed class Server
            {
                private int _served;

                public Server(TcpRequestChannel channel)
                {
                    channel.OnRequest += Handle;
                }

                private void Handle(string body) => _served += body.Length;
            }
            """);

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task TheSameEventRaisedOnlyFromOrdinaryCalls_IsSilent()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            public interface IRequestChannel
            {
                event EventHandler<RequestArgs>? RequestReceived;
            }

            public sealed class ConsoleChannel : IRequestChannel
            {
                public event EventHandler<RequestArgs>? RequestReceived;

                public void Feed(string line) => RequestReceived?.Invoke(this, new RequestArgs(line));
            }

            """ + Server);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AHandlerOfAnotherEventOfTheSameName_IsSilent()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Channel("RequestReceived?.Invoke(this, args);") + """
            public sealed class ConsoleChannel
            {
                public event EventHandler<RequestArgs>? RequestReceived;

                public void Feed(string line) => RequestReceived?.Invoke(this, new RequestArgs(line));
            }

            public sealed class Server
            {
                private int _served;

                public Server(ConsoleChannel channel)
                {
                    channel.RequestReceived += HandleRequest;
                }

                private void HandleRequest(object? sender, RequestArgs e)
                {
                    if (e.Body.Length > 0)
                    {
                        _served++;
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AHandlerRemovedWithMinusEquals_IsNotASubscription()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Channel("RequestReceived?.Invoke(this, args);") + """
            public sealed class Server
            {
                private int _served;

                public Server(IRequestChannel channel)
                {
                    channel.RequestReceived -= HandleRequest;
                }

                private void HandleRequest(object? sender, RequestArgs e)
                {
                    if (e.Body.Length > 0)
                    {
                        _served++;
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AnEventDeclaredButNeverRaisedInTheCompilation_AddsNoReach()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Channel("_ = args;") + Server);

        Assert.Empty(diagnostics);
    }
}
