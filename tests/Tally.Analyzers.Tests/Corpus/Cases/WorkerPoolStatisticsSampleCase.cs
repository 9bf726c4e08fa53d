namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Third fresh sample's false-alarm family R (clean): a worker pool samples its statistics (queue length, items done)
/// into pluggable performance counters. When an item is queued it passes the plain total of finished items; when an
/// item finishes, its worker counts it with <c>Interlocked.Increment</c> (result dropped) and passes the total read
/// again. The counters' <c>Sample</c> takes "the total now" (the queueing call hands over a value no step of its thread
/// produced), which the re-read gives; nothing is handed out from this thread's own step. A usage event raised with the
/// free-buffer total, plain in one method and re-read after <c>Interlocked.Add</c> in another, is the same shape.
/// Expected: nothing reported.
/// </summary>
internal static class WorkerPoolStatisticsSampleCase
{
    public static CorpusCase Case { get; } = new("WorkerPoolStatisticsSample", """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Workers
        {
            public sealed class WorkerPool : IDisposable
            {
                private readonly IPoolCounters _counters;
                private readonly Queue<Action> _queue = new Queue<Action>();
                private readonly List<Thread> _workers = new List<Thread>();
                private long _itemsDone;
                private int _inFlight;
                private volatile bool _stopping;

                public WorkerPool(int workers, IPoolCounters? counters)
                {
                    _counters = counters ?? NullPoolCounters.Instance;
                    for (var i = 0; i < workers; i++)
                    {
                        var worker = new Thread(Work) { IsBackground = true };
                        _workers.Add(worker);
                        worker.Start();
                    }
                }

                public long ItemsDone => Interlocked.Read(ref _itemsDone);

                public void Enqueue(Action item)
                {
                    lock (_queue)
                    {
                        _queue.Enqueue(item);
                        Monitor.Pulse(_queue);
                    }

                    ItemQueued();
                }

                private void ItemQueued()
                {
                    _counters.Sample(_queue.Count, _itemsDone);
                    Interlocked.Increment(ref _inFlight);
                }

                private void ItemDone()
                {
                    Interlocked.Decrement(ref _inFlight);
                    Interlocked.Increment(ref _itemsDone);
                    if (!_stopping)
                    {
                        _counters.Sample(_queue.Count, _itemsDone);
                    }
                }

                private void Work()
                {
                    while (!_stopping)
                    {
                        Action item;
                        lock (_queue)
                        {
                            while (_queue.Count == 0 && !_stopping)
                            {
                                Monitor.Wait(_queue);
                            }

                            if (_stopping)
                            {
                                return;
                            }

                            item = _queue.Dequeue();
                        }

                        try
                        {
                            item();
                        }
                        finally
                        {
                            ItemDone();
                        }
                    }
                }

                public void Dispose()
                {
                    _stopping = true;
                    lock (_queue)
                    {
                        Monitor.PulseAll(_queue);
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ReadAfterInterlockedAsCurrentValue,
        Clean = true,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Workers
            {
                public interface IPoolCounters
                {
                    void Sample(long queued, long done);
                }

                internal sealed class NullPoolCounters : IPoolCounters
                {
                    public static readonly NullPoolCounters Instance = new NullPoolCounters();

                    public void Sample(long queued, long done)
                    {
                    }
                }
            }
            """,
            """
            using System.Collections.Concurrent;
            using System.Threading;

            namespace Corpus.Workers
            {
                public delegate void BufferUsageHandler(long bytesInUse, long bytesFree);

                public sealed class BufferManager
                {
                    private readonly ConcurrentBag<byte[]> _free = new ConcurrentBag<byte[]>();
                    private readonly int _blockSize;
                    private long _bytesInUse;
                    private long _bytesFree;

                    public BufferManager(int blockSize) => _blockSize = blockSize;

                    public event BufferUsageHandler? UsageReport;

                    public byte[] Rent()
                    {
                        if (_free.TryTake(out var block))
                        {
                            Interlocked.Add(ref _bytesFree, -block.Length);
                        }
                        else
                        {
                            block = new byte[_blockSize];
                        }

                        Interlocked.Add(ref _bytesInUse, block.Length);
                        this.UsageReport?.Invoke(this._bytesInUse, this._bytesFree);
                        return block;
                    }

                    public void Return(byte[] block)
                    {
                        Interlocked.Add(ref _bytesInUse, -block.Length);
                        _free.Add(block);
                        Interlocked.Add(ref _bytesFree, block.Length);
                        this.UsageReport?.Invoke(this._bytesInUse, this._bytesFree);
                    }

                    public void Trim()
                    {
                        while (_free.TryTake(out var block))
                        {
                            Interlocked.Add(ref _bytesFree, -block.Length);
                        }

                        ReportUsage();
                    }

                    public void ReportUsage() => this.UsageReport?.Invoke(this._bytesInUse, this._bytesFree);
                }
            }
            """,
        },
    };
}
