namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 3 (reported): <c>Task.WhenAll(urls.Select(async url => ...))</c> in a library (no synchronisation context):
/// the code after each <c>await</c> runs on thread-pool threads at the same time, and updates the mirror's counters
/// without synchronisation: lost updates. The lambda's own local stays silent.
/// </summary>
internal static class WhenAllSelectCase
{
    public static CorpusCase Case { get; } = new("WhenAllSelect", """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Corpus.Mirror
        {
            public sealed class PackageMirror
            {
                private readonly HttpClient _http;
                private int _downloaded;
                private long _bytes;

                public PackageMirror(HttpClient http) => _http = http;

                public async Task<int> MirrorAsync(IEnumerable<Uri> packages)
                {
                    await Task.WhenAll(packages.Select(async uri =>
                    {
                        byte[] content = await _http.GetByteArrayAsync(uri).ConfigureAwait(false);
                        int chunks = 0;
                        chunks += content.Length / 4096;
                        {|TALLY003:_downloaded++|};
                        {|TALLY003:_bytes += content.Length|};
                    })).ConfigureAwait(false);
                    return _downloaded;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.WhenAllSelectAsync,
    };
}
