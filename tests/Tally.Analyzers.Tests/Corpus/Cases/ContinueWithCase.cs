namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a downloader starts every download and attaches a <c>ContinueWith</c> continuation that updates
/// its counters; continuations run on the thread pool, many at once, while the loop is still counting started
/// downloads: lost updates.
/// </summary>
internal static class ContinueWithCase
{
    public static CorpusCase Case { get; } = new("ContinueWith", """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Corpus.Downloads
        {
            public sealed class BulkDownloader
            {
                private readonly HttpClient _http;
                private int _pending;
                private int _failed;
                private long _bytes;

                public BulkDownloader(HttpClient http) => _http = http;

                public Task DownloadAll(IEnumerable<Uri> uris)
                {
                    var all = new List<Task>();
                    foreach (var uri in uris)
                    {
                        {|TALLY003:_pending++|};
                        all.Add(_http.GetByteArrayAsync(uri).ContinueWith(t =>
                        {
                            {|TALLY003:_pending--|};
                            if (t.IsFaulted)
                            {
                                {|TALLY003:_failed++|};
                            }
                            else
                            {
                                {|TALLY003:_bytes += t.Result.Length|};
                            }
                        }, TaskScheduler.Default));
                    }

                    return Task.WhenAll(all);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ContinueWithCallback,
    };
}
