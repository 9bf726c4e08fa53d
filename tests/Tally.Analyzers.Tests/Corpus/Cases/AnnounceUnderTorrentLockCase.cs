namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh sample's false-alarm family H, the receiver form (clean): a tracker answers announce requests on pool
/// threads (an HTTP listener's callbacks). It finds the torrent's entry under the table's lock, then serialises every
/// announce for that torrent with <c>lock (entry)</c> and calls the entry's internal <c>Record</c> and <c>Expire</c>
/// inside it. The entry counts completed downloads and announces with plain <c>++</c>; it locks its own peer list for the
/// scrape path, which runs outside the torrent's lock. The lock the tracker takes is on the very object whose fields
/// <c>Record</c> updates: for <c>Record</c> it is <c>lock (this)</c>, held by its only caller. Expected: nothing reported.
/// </summary>
internal static class AnnounceUnderTorrentLockCase
{
    public static CorpusCase Case { get; } = new("AnnounceUnderTorrentLock", """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Threading.Tasks;

        namespace Corpus.Tracker
        {
            public sealed class AnnounceServer : IDisposable
            {
                private readonly Dictionary<string, TorrentEntry> _torrents = new Dictionary<string, TorrentEntry>(StringComparer.Ordinal);
                private readonly HttpListener _listener = new HttpListener();
                private readonly TimeSpan _peerTimeout = TimeSpan.FromMinutes(30);

                public void Start(string prefix)
                {
                    _listener.Prefixes.Add(prefix);
                    _listener.Start();
                    _listener.BeginGetContext(OnContext, null);
                }

                private void OnContext(IAsyncResult result)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = _listener.EndGetContext(result);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    _listener.BeginGetContext(OnContext, null);
                    _ = Task.Run(() => Handle(context));
                }

                private void Handle(HttpListenerContext context)
                {
                    var query = context.Request.QueryString;
                    var request = new AnnounceRequest(query["info_hash"] ?? string.Empty, query["peer_id"] ?? string.Empty, query["event"] == "completed");
                    var entry = EntryFor(request.InfoHash);
                    lock (entry)
                    {
                        entry.Record(request);
                        entry.Expire(DateTime.UtcNow - _peerTimeout);
                    }

                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }

                private TorrentEntry EntryFor(string infoHash)
                {
                    lock (_torrents)
                    {
                        if (!_torrents.TryGetValue(infoHash, out var entry))
                        {
                            entry = new TorrentEntry(infoHash);
                            _torrents.Add(infoHash, entry);
                        }

                        return entry;
                    }
                }

                public void Dispose() => _listener.Close();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CallerLocksTheReceiver,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Generic;

            namespace Corpus.Tracker
            {
                internal sealed class TorrentEntry
                {
                    private readonly Dictionary<string, DateTime> _peers = new Dictionary<string, DateTime>(StringComparer.Ordinal);

                    public TorrentEntry(string infoHash) => InfoHash = infoHash;

                    public string InfoHash { get; }

                    public int Completed { get; private set; }

                    public int Announces { get; private set; }

                    internal void Record(AnnounceRequest request)
                    {
                        Announces++;
                        if (request.Completed)
                        {
                            Completed++;
                        }

                        lock (_peers)
                        {
                            _peers[request.PeerId] = DateTime.UtcNow;
                        }
                    }

                    internal void Expire(DateTime cutoff)
                    {
                        lock (_peers)
                        {
                            var stale = new List<string>();
                            foreach (var peer in _peers)
                            {
                                if (peer.Value < cutoff)
                                {
                                    stale.Add(peer.Key);
                                }
                            }

                            foreach (var peer in stale)
                            {
                                _peers.Remove(peer);
                            }
                        }
                    }

                    internal int PeerCount()
                    {
                        lock (_peers)
                        {
                            return _peers.Count;
                        }
                    }
                }

                internal readonly struct AnnounceRequest
                {
                    public AnnounceRequest(string infoHash, string peerId, bool completed)
                    {
                        InfoHash = infoHash;
                        PeerId = peerId;
                        Completed = completed;
                    }

                    public string InfoHash { get; }

                    public string PeerId { get; }

                    public bool Completed { get; }
                }
            }
            """,
        },
    };
}
