namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 6 (reported): <c>var totals = new WordTotals();</c> then <c>Parallel.For</c>/<c>Parallel.ForEach</c> bodies
/// update its members: the object is new, but it is captured by code that runs concurrently, so it is shared: lost
/// updates. The same object updated in a plain loop (the sequential twin) stays silent.
/// </summary>
internal static class CapturedNewObjectCase
{
    public static CorpusCase Case { get; } = new("CapturedNewObject", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Text
        {
            public sealed class WordTotals
            {
                public int Documents;

                public long Words { get; set; }
            }

            public static class WordCounter
            {
                public static WordTotals CountParallel(IReadOnlyList<string> documents)
                {
                    var totals = new WordTotals();
                    Parallel.For(0, documents.Count, i =>
                    {
                        {|TALLY003:totals.Documents++|};
                        {|TALLY003:totals.Words += documents[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length|};
                    });
                    return totals;
                }

                public static WordTotals CountLines(IEnumerable<string> lines)
                {
                    var totals = new WordTotals();
                    Parallel.ForEach(lines, line => {|TALLY003:totals.Words += line.Length / 5|});
                    return totals;
                }

                public static WordTotals CountSequentially(IReadOnlyList<string> documents)
                {
                    var totals = new WordTotals();
                    foreach (string document in documents)
                    {
                        totals.Documents++;
                        totals.Words += document.Split(' ').Length;
                    }

                    return totals;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.NewObjectCapturedByParallel,
    };
}
