namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean, held-out family A): a metrics point store. Recording threads find their point through a lookup
/// table they lock and count dropped measurements with Interlocked; the reader's collection, one at a time under the
/// reader's collect lock, builds the export batch and reclaims stale points through a helper that locks the same
/// lookup table. The helper's lock excludes the recording threads, which never touch the batch count; the count is the
/// collecting thread's own. The collect lock is six calls above the count, further than the model follows locks, as in
/// the real reader. Expected: nothing reported.
/// </summary>
internal static class MetricBatchCollectCase
{
    public static CorpusCase Case { get; } = new("MetricBatchCollect", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Metrics
        {
            internal sealed class PointStore
            {
                private readonly Dictionary<string, int> _lookup = new Dictionary<string, int>();
                private readonly long[] _values = new long[128];
                private readonly int[] _batch = new int[128];
                private readonly bool[] _idle = new bool[128];
                private readonly bool _delta;
                private int _batchSize;
                private long _dropped;

                internal PointStore(bool delta) => _delta = delta;

                internal long Dropped => Interlocked.Read(ref _dropped);

                internal void Record(string tags, long value)
                {
                    int index;
                    lock (_lookup)
                    {
                        if (!_lookup.TryGetValue(tags, out index))
                        {
                            if (_lookup.Count == _values.Length)
                            {
                                Interlocked.Increment(ref _dropped);
                                return;
                            }

                            index = _lookup.Count;
                            _lookup[tags] = index;
                        }
                    }

                    Interlocked.Add(ref _values[index], value);
                }

                internal int Snapshot()
                {
                    _batchSize = 0;
                    if (_delta)
                    {
                        SnapshotDelta();
                    }
                    else
                    {
                        SnapshotCumulative();
                    }

                    return _batchSize;
                }

                internal BatchView GetBatch() => new BatchView(_batch, _batchSize);

                private void SnapshotDelta()
                {
                    for (var i = 0; i < _values.Length; i++)
                    {
                        if (_idle[i])
                        {
                            Reclaim(i);
                            continue;
                        }

                        _batch[_batchSize] = i;
                        _batchSize++;
                    }
                }

                private void SnapshotCumulative()
                {
                    for (var i = 0; i < _values.Length; i++)
                    {
                        _batch[_batchSize] = i;
                        _batchSize++;
                    }
                }

                private void Reclaim(int index)
                {
                    lock (_lookup)
                    {
                        string stale = null;
                        foreach (var entry in _lookup)
                        {
                            if (entry.Value == index)
                            {
                                stale = entry.Key;
                            }
                        }

                        if (stale != null)
                        {
                            _lookup.Remove(stale);
                        }
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CollectBatchBesideRecordersLock,
        Clean = true,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Metrics
            {
                internal readonly struct BatchView
                {
                    private readonly int[] _indexes;

                    public BatchView(int[] indexes, int count)
                    {
                        _indexes = indexes;
                        Count = count;
                    }

                    public int Count { get; }

                    public int this[int i] => _indexes[i];
                }

                internal sealed class Metric
                {
                    private readonly PointStore _store;

                    internal Metric(bool delta) => _store = new PointStore(delta);

                    internal void Add(string tags, long value) => _store.Record(tags, value);

                    internal int Snapshot() => _store.Snapshot();

                    internal BatchView Points() => _store.GetBatch();
                }
            }
            """,
            """
            using System.Collections.Generic;

            namespace Corpus.Metrics
            {
                /// <summary>One collection at a time: <see cref="Collect"/> holds the collect lock around the whole export.</summary>
                public class MetricReader
                {
                    private readonly object _collectLock = new object();
                    private readonly List<Metric> _metrics = new List<Metric>();
                    private int _exported;

                    internal void Register(Metric metric)
                    {
                        lock (_collectLock)
                        {
                            _metrics.Add(metric);
                        }
                    }

                    public bool Collect()
                    {
                        lock (_collectLock)
                        {
                            return CollectObservedAndExport();
                        }
                    }

                    private bool CollectObservedAndExport()
                    {
                        ObserveCallbacks();
                        return OnCollect();
                    }

                    private void ObserveCallbacks()
                    {
                    }

                    /// <summary>Called by <see cref="Collect"/>, under the collect lock.</summary>
                    protected virtual bool OnCollect() => ProcessMetrics();

                    private bool ProcessMetrics()
                    {
                        var batch = GetMetricsBatch();
                        _exported += batch.Count;
                        return batch.Count > 0;
                    }

                    private List<BatchView> GetMetricsBatch()
                    {
                        var batch = new List<BatchView>();
                        foreach (var metric in _metrics)
                        {
                            if (metric.Snapshot() > 0)
                            {
                                batch.Add(metric.Points());
                            }
                        }

                        return batch;
                    }
                }
            }
            """,
        },
    };
}
