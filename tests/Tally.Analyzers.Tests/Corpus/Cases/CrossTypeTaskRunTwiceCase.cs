namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 1 (reported): a benchmark harness starts <c>Task.Run(() => worker.Spin(n))</c> twice on the same worker; the
/// worker (another type, another file) counts iterations and collisions without synchronisation. The two tasks run
/// <c>Spin</c> at the same time: lost updates.
/// </summary>
internal static class CrossTypeTaskRunTwiceCase
{
    public static CorpusCase Case { get; } = new("CrossTypeTaskRunTwice", """
        using System.Threading.Tasks;

        namespace Corpus.Stress
        {
            public static class ContentionHarness
            {
                public static async Task<long> RunAsync(int iterations)
                {
                    var worker = new HashWorker();
                    var first = Task.Run(() => worker.Spin(iterations));
                    var second = Task.Run(() => worker.Spin(iterations));
                    await Task.WhenAll(first, second);
                    return worker.Iterations;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CrossTypeTaskRunTwice,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Stress
            {
                public sealed class HashWorker
                {
                    private readonly int[] _table = new int[1024];
                    private long _iterations;
                    private int _collisions;

                    public long Iterations => _iterations;

                    public void Spin(int count)
                    {
                        for (int i = 0; i < count; i++)
                        {
                            int slot = (i * 31) & 1023;
                            if (_table[slot] != 0)
                            {
                                {|TALLY003:_collisions++|};
                            }

                            _table[slot] = i;
                            {|TALLY003:_iterations++|};
                        }
                    }
                }
            }
            """,
        },
    };
}
