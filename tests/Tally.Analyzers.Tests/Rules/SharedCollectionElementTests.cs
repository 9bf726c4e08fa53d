using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An update of an object the writing code fetched from a collection its own object keeps (a dictionary's
/// <c>TryGetValue</c>, an indexer, <c>GetOrAdd</c>): every copy of code running many at once can reach that element as it
/// reaches <c>this</c>. Reported, inferred (which element each copy writes is not known). An object the call made itself
/// (<c>new</c>, a factory) is not reported.
/// </summary>
public class SharedCollectionElementTests
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

    private const string Totals = """
        public sealed class Totals
        {
            public long Rows;
            public long Sum;
        }
        """;

    [Fact]
    public async Task AnEntryTheScanCallbackFetchesWithTryGetValueFromTheCheckersDictionary_IsReported_AsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public sealed class PerSetCheck
            {
                private readonly Dictionary<string, Totals> _bySet = new Dictionary<string, Totals>();

                public void Run(StoreClient client) => client.ListAll(OnRow);

                private void OnRow(string key, long value)
                {
                    Totals totals;
                    if (!_bySet.TryGetValue(key, out totals))
                    {
                        totals = new Totals();
                    }

                    totals.Rows++;
                    _bySet[key] = totals;
                }
            }
            """, new TestOptions { AdditionalSources = new[] { StoredCallbackTests.Command, StoredCallbackTests.Pool, Client, Totals } });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public async Task AnElementAFanOutReadsThroughTheIndexerAndGetOrAdd_IsReported_AsInferred_NotCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Aggregator
            {
                private readonly List<Totals> _slots = new List<Totals> { new Totals() };
                private readonly ConcurrentDictionary<string, Totals> _byKey = new ConcurrentDictionary<string, Totals>();

                public void Add(string[] keys)
                {
                    Parallel.ForEach(keys, key =>
                    {
                        var slot = _slots[0];
                        slot.Rows++;
                        var totals = _byKey.GetOrAdd(key, _ => new Totals());
                        totals.Sum += key.Length;
                    });
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Totals } });

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Equal("Inferred", diagnostic.Properties["Certainty"]));
    }

    [Fact]
    public async Task ElementsAStartedPollLoopWalksByTheForLoopsIndex_AreNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public sealed class Channel
            {
                public int Failures;
            }

            public sealed class ChannelPoller
            {
                private Channel[] _channels = new Channel[0];

                public void Use(Channel[] channels) => _channels = channels;

                public void Start() => new Thread(Poll).Start();

                private void Poll()
                {
                    for (var i = 0; i < _channels.Length; i++)
                    {
                        var channel = _channels[i];
                        channel.Failures++;
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ANewObjectOrAFactorysObjectTheCallbackUpdates_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public sealed class PerRowCheck
            {
                private readonly List<Totals> _done = new List<Totals>();

                public void Run(StoreClient client) => client.ListAll(OnRow);

                private void OnRow(string key, long value)
                {
                    var fresh = new Totals();
                    fresh.Rows++;
                    var made = Make();
                    made.Sum += value;
                    lock (_done)
                    {
                        _done.Add(fresh);
                        _done.Add(made);
                    }
                }

                private static Totals Make() => new Totals();
            }
            """, new TestOptions { AdditionalSources = new[] { StoredCallbackTests.Command, StoredCallbackTests.Pool, Client, Totals } });

        Assert.Empty(diagnostics);
    }
}
