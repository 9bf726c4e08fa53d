using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A callback handed to a library method that passes it on to the constructor of a command object, which keeps it in a
/// field and invokes it from code started per command (mined bug set, miss shape M1: a database client's scan that
/// queues one command per node on the thread pool, each calling the caller's record callback). Certain when every
/// copy invokes one delegate value on one object (StoredCallbackIdentityTests), inferred otherwise.
/// </summary>
public class StoredCallbackTests
{
    internal const string Command = """
        public delegate void RowCallback(string key, long value);

        public abstract class BatchCommand
        {
            public void Execute() => ReadAll();

            private void ReadAll()
            {
                for (var i = 0; i < 3; i++)
                {
                    OnRow("k" + i, i);
                }
            }

            protected abstract void OnRow(string key, long value);
        }

        public sealed class ListCommand : BatchCommand
        {
            private readonly string _node;
            private readonly RowCallback _callback;

            public ListCommand(string node, RowCallback callback)
            {
                _node = node;
                _callback = callback;
            }

            protected override void OnRow(string key, long value) => _callback(_node + key, value);
        }
        """;

    internal const string Pool = """
        using System.Collections.Generic;
        using System.Threading;

        public sealed class CommandRunner
        {
            private readonly List<BatchCommand> _commands = new List<BatchCommand>();

            public void Add(BatchCommand command) => _commands.Add(command);

            public void RunAll()
            {
                for (var i = 0; i < _commands.Count; i++)
                {
                    var command = _commands[i];
                    ThreadPool.QueueUserWorkItem(_ => command.Execute());
                }
            }
        }
        """;

    [Fact]
    public async Task ACallbackAScanHelperStoresInOneCommandPerNodeQueuedOnTheThreadPool_IsReported_AsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
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

            public sealed class ListingCheck
            {
                private long _rows;

                public void Run(StoreClient client) => client.ListAll(OnRow);

                private void OnRow(string key, long value)
                {
                    _rows++;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Command, Pool } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task AMethodGroupAClientHandsToEachCommandItQueues_IsReported_AsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class CountingClient
            {
                private readonly string[] _nodes = { "a", "b", "c" };
                private long _seen;

                public long Seen => _seen;

                public void CountAll()
                {
                    var runner = new CommandRunner();
                    foreach (var node in _nodes)
                    {
                        runner.Add(new ListCommand(node, Count));
                    }

                    runner.RunAll();
                }

                private void Count(string key, long value)
                {
                    _seen += value;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Command, Pool } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task ACallbackPassedOnThroughTwoHelperMethodsIntoTheCommands_IsReported_AsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class StoreClient
            {
                private readonly string[] _nodes = { "a", "b", "c" };

                public void ListAll(string prefix, RowCallback callback) => ListNodes(_nodes, prefix, callback);

                private static void ListNodes(string[] nodes, string prefix, RowCallback callback)
                {
                    var runner = new CommandRunner();
                    foreach (var node in nodes)
                    {
                        runner.Add(new ListCommand(prefix + node, callback));
                    }

                    runner.RunAll();
                }
            }
            """, new TestOptions
        {
            AdditionalSources = new[]
            {
                Command, Pool, """
                public sealed class ListingCheck
                {
                    private long _rows;

                    public void Run(StoreClient client) => client.ListAll("p", OnRow);

                    private void OnRow(string key, long value)
                    {
                        _rows++;
                    }
                }
                """,
            },
        });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task ACallbackStoredInACommandThatRunsOnTheCallersThread_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class StoreClient
            {
                private readonly string[] _nodes = { "a", "b", "c" };

                public void ListAll(RowCallback callback)
                {
                    foreach (var node in _nodes)
                    {
                        new ListCommand(node, callback).Execute();
                    }
                }
            }

            public sealed class ListingCheck
            {
                private long _rows;

                public void Run(StoreClient client) => client.ListAll(OnRow);

                private void OnRow(string key, long value)
                {
                    _rows++;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Command } });

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ACallbackStoredInOneCommandStartedOnce_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public sealed class StoreClient
            {
                private readonly Thread _reader;

                public StoreClient(RowCallback callback)
                {
                    var command = new ListCommand("a", callback);
                    _reader = new Thread(command.Execute);
                    _reader.Start();
                }
            }

            public sealed class ListingCheck
            {
                private long _rows;
                private StoreClient _client;

                public ListingCheck()
                {
                    _client = new StoreClient(OnRow);
                }

                private void OnRow(string key, long value)
                {
                    _rows++;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Command } });

        Assert.Empty(diagnostics);
    }
}
