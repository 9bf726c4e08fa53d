namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 7 (reported): <c>_peak = Math.Max(_peak, value)</c> (and <c>Math.Min</c>) in a <c>Parallel.ForEach</c> body: a
/// read and a write of the same field, so a larger value written by one thread can be overwritten with a smaller one
/// computed by another: a lost update. The local maximum of the per-call loop stays silent.
/// </summary>
internal static class MathMaxCase
{
    public static CorpusCase Case { get; } = new("MathMax", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Load
        {
            public sealed class LoadAnalyzer
            {
                private int _peak;
                private int _floor = int.MaxValue;

                public (int Peak, int Floor) Analyze(IEnumerable<int[]> windows)
                {
                    Parallel.ForEach(windows, window =>
                    {
                        int local = 0;
                        foreach (int value in window)
                        {
                            local = Math.Max(local, value);
                        }

                        {|TALLY003:_peak = Math.Max(_peak, local)|};
                        {|TALLY003:_floor = Math.Min(_floor, local)|};
                    });
                    return (_peak, _floor);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.MathMaxShape,
    };
}
