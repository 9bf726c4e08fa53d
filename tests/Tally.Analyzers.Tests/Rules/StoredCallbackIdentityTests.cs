using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// When the copies of a fan-out all invoke one stored callback value: the delegate is made once on the handing code's
/// object, handed to a method that only passes it on into each command's field, and the commands are started within
/// that method's call. Every copy then writes the callback's object: certain. A delegate made per command from per-item
/// state, or handing code that runs per item on an object each before the commands are started elsewhere, stays inferred.
/// </summary>
public class StoredCallbackIdentityTests
{
    private const string Client = """
        public sealed class StoreClient
        {
            private readonly string[] _nodes = { "a", "b", "c" };

            public void ListAll(RowCallback callback)
            {
                var runner = new CommandRunner();
                foreach (var node in _nodes)
                {
                    runner.Add(new ListCommand(node, callback));
                }

                runner.RunAll();
            }
        }
        """;

    [Fact]
    public async Task ALambdaOnThisHandedToAScanThatQueuesACommandPerNode_IsReported_AsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class RowCounter
            {
                private long _rows;

                public long Rows => _rows;

                public void Count(StoreClient client) => client.ListAll((key, value) => _rows++);
            }
            """, new TestOptions { AdditionalSources = new[] { StoredCallbackTests.Command, StoredCallbackTests.Pool, Client } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task AMethodGroupOnAFieldHandedToTheScan_IsReported_AsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class RowSink
            {
                private long _rows;

                public void OnRow(string key, long value)
                {
                    _rows++;
                }
            }

            public sealed class SinkScan
            {
                private RowSink _sink = new RowSink();

                public void Renew() => _sink = new RowSink();

                public void Scan(StoreClient client) => client.ListAll(_sink.OnRow);
            }
            """, new TestOptions { AdditionalSources = new[] { StoredCallbackTests.Command, StoredCallbackTests.Pool, Client } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task ADelegateMadePerCommandFromEachNodesOwnTally_IsReported_AsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class NodeTally
            {
                private long _rows;

                public void OnRow(string key, long value)
                {
                    _rows++;
                }
            }

            public sealed class TallyingClient
            {
                private readonly string[] _nodes = { "a", "b", "c" };

                public void CountAll()
                {
                    var runner = new CommandRunner();
                    foreach (var node in _nodes)
                    {
                        var tally = new NodeTally();
                        runner.Add(new ListCommand(node, tally.OnRow));
                    }

                    runner.RunAll();
                }
            }
            """, new TestOptions { AdditionalSources = new[] { StoredCallbackTests.Command, StoredCallbackTests.Pool } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task HandingCodeRunPerItemOnANewObjectBeforeTheCommandsStartElsewhere_IsReported_AsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class NodeScanner
            {
                private long _rows;

                public void Queue(QueueingClient client) => client.Enqueue(OnRow);

                private void OnRow(string key, long value)
                {
                    _rows++;
                }
            }

            public sealed class ScanEveryNode
            {
                public void Run(QueueingClient client, string[] nodes)
                {
                    foreach (var node in nodes)
                    {
                        new NodeScanner().Queue(client);
                    }

                    client.RunQueued();
                }
            }
            """, new TestOptions
        {
            AdditionalSources = new[]
            {
                StoredCallbackTests.Command, StoredCallbackTests.Pool, """
                public sealed class QueueingClient
                {
                    private readonly CommandRunner _runner = new CommandRunner();

                    public void Enqueue(RowCallback callback) => _runner.Add(new ListCommand("a", callback));

                    public void RunQueued() => _runner.RunAll();
                }
                """,
            },
        });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }
}
