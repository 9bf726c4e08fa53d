using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock on the object a call is made on: <c>lock (stats) { stats.Update(completed); }</c>. To the caller the lock object
/// is a local (per call, it proves nothing about the caller's state), but the callee runs on that very object, so for
/// the callee it is <c>lock (this)</c>: an internal method whose every caller locks its receiver runs under its own
/// object's lock (fourth fresh sample, family H, a tracker serialising announces per torrent). Reported twins: a lock
/// on another local, a receiver reassigned inside the lock or by a lambda, a caller without the lock, a public method
/// of a public type (outside code may call it without the lock).
/// </summary>
public class ReceiverLockTests
{
    private const string Tracker = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Tracker
        {
            private readonly Dictionary<string, TorrentStats> _torrents = new Dictionary<string, TorrentStats>();

            public void Serve(IEnumerable<KeyValuePair<string, bool>> announces)
                => Parallel.ForEach(announces, a => Announce(a.Key, a.Value));

            private void Announce(string infoHash, bool completed)
            {
                TorrentStats stats = Find(infoHash);
                lock (stats)
                {
                    stats.Update(completed);
                    stats.Prune();
                }
            }

            private TorrentStats Find(string infoHash)
            {
                lock (_torrents)
                {
                    if (!_torrents.TryGetValue(infoHash, out var found))
                    {
                        found = new TorrentStats();
                        _torrents.Add(infoHash, found);
                    }

                    return found;
                }
            }
        }

        internal sealed class TorrentStats
        {
            private readonly List<string> _peers = new List<string>();
            private int _announces;

            public int Downloaded { get; private set; }

            internal void Update(bool completed)
            {
                _announces++;
                if (completed)
                {
                    Downloaded++;
                }
            }

            internal void Prune()
            {
                lock (_peers)
                {
                    _peers.Clear();
                }
            }
        }
        """;

    [Fact]
    public Task InternalMethodWhoseEveryCallerLocksItsReceiver_IsNotReported() => Verify.VerifyAnalyzerAsync(Tracker);

    [Fact]
    public Task InternalMethodCalledUnderALockOnAnotherLocal_IsReported() => Verify.VerifyAnalyzerAsync(Tracker
        .Edit("lock (stats)", "var gate = Find(infoHash);\n        lock (gate)")
        .Edit("_announces++;", "{|TALLY005:_announces++|};")
        .Edit("Downloaded++;", "{|TALLY005:Downloaded++|};"));

    [Fact]
    public Task InternalMethodWhoseReceiverIsReassignedInsideTheLock_IsReported() => Verify.VerifyAnalyzerAsync(Tracker
        .Edit("stats.Update(completed);", "stats = Find(infoHash + \"/\");\n            stats.Update(completed);")
        .Edit("_announces++;", "{|TALLY005:_announces++|};")
        .Edit("Downloaded++;", "{|TALLY005:Downloaded++|};"));

    [Fact]
    public Task InternalMethodWhoseReceiverALambdaReassigns_IsReported() => Verify.VerifyAnalyzerAsync(Tracker
        .Edit("TorrentStats stats = Find(infoHash);", "TorrentStats stats = Find(infoHash);\n        ThreadPool.QueueUserWorkItem(_ => stats = new TorrentStats());")
        .Edit("_announces++;", "{|TALLY005:_announces++|};")
        .Edit("Downloaded++;", "{|TALLY005:Downloaded++|};"));

    [Fact]
    public Task InternalMethodAlsoCalledWithoutTheLock_IsReported() => Verify.VerifyAnalyzerAsync(Tracker
        .Edit("            stats.Prune();\n        }", "            stats.Prune();\n        }\n\n        stats.Update(false);")
        .Edit("_announces++;", "{|TALLY005:_announces++|};")
        .Edit("Downloaded++;", "{|TALLY005:Downloaded++|};"));

    [Fact]
    public Task PublicMethodOfAPublicTypeWhoseCallersLockItsReceiver_IsReported() => Verify.VerifyAnalyzerAsync(Tracker
        .Edit("internal sealed class TorrentStats", "public sealed class TorrentStats")
        .Edit("internal void Update(bool completed)", "public void Update(bool completed)")
        .Edit("_announces++;", "{|TALLY005:_announces++|};")
        .Edit("Downloaded++;", "{|TALLY005:Downloaded++|};"));
}
