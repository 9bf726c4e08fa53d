namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 1 (reported): a report builder runs <c>Parallel.ForEach(orders, o => _stats.Record(o))</c>; the statistics
/// type, in another file, updates its totals without synchronisation. Parallel iterations call <c>Record</c> on the
/// one instance at once: lost updates of <c>_count</c> and <c>_revenue</c>. The per-call local <c>lines</c> is not
/// shared and stays silent.
/// </summary>
internal static class CrossTypeParallelCase
{
    public static CorpusCase Case { get; } = new("CrossTypeParallel", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Reports
        {
            public sealed class SalesReportBuilder
            {
                private readonly OrderStatistics _stats = new OrderStatistics();

                public OrderStatistics Build(IEnumerable<Order> orders)
                {
                    Parallel.ForEach(orders, order => _stats.Record(order));
                    return _stats;
                }
            }

            public sealed record Order(int Id, decimal Amount, int Lines);
        }
        """)
    {
        Pattern = Issue9Patterns.CrossTypeParallelForEach,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Reports
            {
                public sealed class OrderStatistics
                {
                    private int _count;
                    private decimal _revenue;

                    public int Count => _count;

                    public decimal Revenue => _revenue;

                    public void Record(Order order)
                    {
                        int lines = 0;
                        lines += order.Lines;
                        {|TALLY003:_count++|};
                        {|TALLY003:_revenue += order.Amount|};
                    }
                }
            }
            """,
        },
    };
}
