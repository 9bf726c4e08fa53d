namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 6 (reported): a local <c>pending</c> captured by a consumer loop started with <c>Task.Run</c>, which
/// decrements it, while the calling thread increments it as it produces: two threads update one variable without a
/// lock, lost updates on both sides. <c>consumed</c>, written only by the loop and read after it ends, stays silent.
/// </summary>
internal static class CapturedLocalLoopAndMainCase
{
    public static CorpusCase Case { get; } = new("CapturedLocalLoopAndMain", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        namespace Corpus.Pipelines
        {
            public static class ProducerConsumer
            {
                public static async Task<int> RunAsync(int items)
                {
                    var queue = new BlockingCollection<int>();
                    int pending = 0;
                    int consumed = 0;
                    var consumer = Task.Run(() =>
                    {
                        foreach (int item in queue.GetConsumingEnumerable())
                        {
                            {|TALLY003:pending--|};
                            consumed++;
                        }
                    });

                    for (int i = 0; i < items; i++)
                    {
                        queue.Add(i);
                        {|TALLY003:pending++|};
                        if (pending > 1000)
                        {
                            await Task.Delay(1);
                        }
                    }

                    queue.CompleteAdding();
                    await consumer;
                    Console.WriteLine($"{pending} pending");
                    return consumed;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CapturedLocalLoopAndMain,
    };
}
