using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A library's public event often hands its handlers on to a private one in its <c>add</c> accessor (to check or log
/// subscriptions) and raises the private one: a handler added to the public event runs wherever the private one is
/// raised (mined bug set, the WatsonTcp throughput test: a handler of the server's message event, raised per message by
/// a receiver started per client, against the sending loop). Like every path through an event, the overlap is inferred:
/// which server the handler was added to is not known.
/// </summary>
public class EventForwardingTests
{
    private const string Server = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Message : EventArgs
        {
            public byte[] Data = Array.Empty<byte>();
        }

        public sealed class Server
        {
            private event EventHandler<Message> _received;

            public event EventHandler<Message> Received
            {
                add { if (value == null) throw new ArgumentNullException(nameof(value)); _received += value; }
                remove { _received -= value; }
            }

            public void Serve(IEnumerable<int> clients)
            {
                foreach (var client in clients)
                {
                    Task.Run(() => Receive(client));
                }
            }

            private void Receive(int client)
            {
                var message = new Message();
                _received?.Invoke(this, message);
            }
        }
        """;

    private const string PollingServer = """
        using System;

        public sealed class Message : EventArgs
        {
            public byte[] Data = Array.Empty<byte>();
        }

        public sealed class Server
        {
            private event EventHandler<Message> _received;

            public event EventHandler<Message> Received
            {
                add { _received += value; }
                remove { _received -= value; }
            }

            public void Poll() => _received?.Invoke(this, new Message());
        }
        """;

    [Fact]
    public async Task HandlerOfAForwardingEventRaisedByReceiversStartedPerClient_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class Throughput
            {
                private long _bytesReceived;

                public void Run(Server server)
                {
                    server.Received += OnReceived;
                    server.Serve(new[] { 1, 2, 3 });
                }

                private void OnReceived(object sender, Message message)
                {
                    _bytesReceived += message.Data.Length;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Server } });

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
        CertaintyAssert.AllInferred(diagnostics); // which instance a handler was added to is not known (TreeSummarizer.Events.cs)
    }

    [Fact]
    public Task LambdaHandlerOfAForwardingEventRaisedByReceiversStartedPerClient_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Throughput
            {
                private int _messages;

                public void Run(Server server)
                {
                    server.Received += (sender, message) => {|TALLY003:_messages++|};
                    server.Serve(new[] { 1, 2, 3 });
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Server } });

    [Fact]
    public Task HandlerOfAForwardingEventRaisedOnlyByTheCallersOwnPolling_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Throughput
            {
                private long _bytesReceived;

                public void Run(Server server)
                {
                    server.Received += OnReceived;
                    for (var i = 0; i < 10; i++)
                    {
                        server.Poll();
                    }
                }

                private void OnReceived(object sender, Message message)
                {
                    _bytesReceived += message.Data.Length;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { PollingServer } });
}
