namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 3 (reported): <c>Parallel.ForEachAsync</c> runs its body for several files at once; the body updates the
/// importer's counters and a captured local without synchronisation: lost updates.
/// </summary>
internal static class ParallelForEachAsyncCase
{
    public static CorpusCase Case { get; } = new("ParallelForEachAsync", """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Import
        {
            public sealed class CsvImporter
            {
                private int _files;
                private long _rows;

                public async Task<int> ImportAsync(IEnumerable<string> paths, CancellationToken token)
                {
                    int emptyFiles = 0;
                    var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token };
                    await Parallel.ForEachAsync(paths, options, async (path, ct) =>
                    {
                        string[] lines = await File.ReadAllLinesAsync(path, ct);
                        if (lines.Length == 0)
                        {
                            {|TALLY003:emptyFiles++|};
                        }

                        {|TALLY003:_files++|};
                        {|TALLY003:_rows += lines.Length|};
                    });
                    return emptyFiles;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ParallelForEachAsync,
    };
}
