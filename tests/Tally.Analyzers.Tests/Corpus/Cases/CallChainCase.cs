namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Concurrent code that reaches the update through two calls within the type (Task.Run → Pump → Drain): TALLY003.
/// A helper type's own counter, reached only through another type, has no evidence and stays silent.
/// </summary>
internal static class CallChainCase
{
    public static CorpusCase Case { get; } = new("CallChain", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Pumps
        {
            public sealed class Batch
            {
                private readonly List<int> _items = new List<int>();
                private int _size;

                public void Add(int item)
                {
                    _items.Add(item);
                    _size++;
                }

                public int Size => _size;
            }

            public sealed class Pump
            {
                private readonly Queue<int> _pending = new Queue<int>();
                private int _drained;
                private int _batches;

                public Task StartAsync() => Task.Run(() => Run());

                private void Run()
                {
                    var batch = new Batch();
                    while (_pending.Count > 0)
                    {
                        Drain(batch);
                    }
                }

                private void Drain(Batch batch)
                {
                    batch.Add(_pending.Dequeue());
                    {|TALLY003:_drained++|};
                    if (batch.Size % 100 == 0)
                    {
                        {|TALLY003:_batches += 1|};
                    }
                }
            }
        }
        """);
}
