namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): a metrics flusher starts its flush loop once, in its constructor, with <c>Task.Run</c>.
/// Producers on any thread only enqueue (and count with Interlocked); the loop alone updates the flush statistics,
/// which other threads only read. Expected: nothing reported; one loop, one writer.
/// </summary>
internal static class LoopStartedOnceTaskRunCase
{
    public static CorpusCase Case { get; } = new("LoopStartedOnceTaskRun", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Telemetry
        {
            public sealed class MetricsFlusher : IAsyncDisposable
            {
                private readonly ConcurrentQueue<double> _samples = new ConcurrentQueue<double>();
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private readonly Task _loop;
                private long _enqueued;
                private long _flushed;
                private int _flushes;
                private int _emptyRounds;

                public MetricsFlusher()
                {
                    _loop = Task.Run(() => FlushLoopAsync(_stop.Token));
                }

                public long Flushed => Volatile.Read(ref _flushed);

                public int Flushes => _flushes;

                public void Record(double value)
                {
                    _samples.Enqueue(value);
                    Interlocked.Increment(ref _enqueued);
                }

                private async Task FlushLoopAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        int batch = 0;
                        while (_samples.TryDequeue(out _))
                        {
                            batch++;
                        }

                        if (batch == 0)
                        {
                            _emptyRounds++;
                        }
                        else
                        {
                            _flushed += batch;
                            _flushes++;
                        }

                        try
                        {
                            await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                }

                public async ValueTask DisposeAsync()
                {
                    _stop.Cancel();
                    await _loop.ConfigureAwait(false);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LoopStartedOnceTaskRun,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Threading.Tasks;

            namespace Corpus.Telemetry
            {
                public static class RequestTimings
                {
                    public static void Record(MetricsFlusher flusher, double[] timings) =>
                        Parallel.ForEach(timings, t => flusher.Record(t));
                }
            }
            """,
        },
    };
}
