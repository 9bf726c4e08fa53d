namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A worker that starts its loop with <c>Task.Run</c>; the loop (a method of the same type that the Task.Run lambda
/// calls) updates the worker's fields while other threads call <c>Enqueue</c> (TALLY003).
/// </summary>
internal static class BackgroundWorkerCase
{
    public static CorpusCase Case { get; } = new("BackgroundWorker", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Workers
        {
            public sealed class QueueWorker : IDisposable
            {
                private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private Task? _loop;
                private long _processed;
                private int _failures;

                public long Processed => _processed;

                public void Start()
                {
                    _loop = Task.Run(() => RunLoop(_stop.Token));
                }

                public void Enqueue(Action work) => _queue.Add(work);

                private void RunLoop(CancellationToken token)
                {
                    foreach (var work in _queue.GetConsumingEnumerable(token))
                    {
                        try
                        {
                            work();
                            {|TALLY003:_processed++|};
                        }
                        catch (Exception)
                        {
                            {|TALLY003:_failures += 1|};
                        }
                    }
                }

                public void Dispose()
                {
                    _stop.Cancel();
                    _queue.CompleteAdding();
                    _loop?.Wait();
                }
            }
        }
        """);
}
