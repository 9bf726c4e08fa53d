namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Tuning-sample false alarm (clean): a metrics exporter base class serialises its exports under its own lock and
/// calls a virtual <c>OnExport</c> there; a discarding exporter in another file overrides the thread-safe entry point
/// with a lock-free fast path (<c>Interlocked.Add</c> of the exported count) when it keeps nothing, and defers to the
/// base's locked path when <c>KeepLast</c> is set, where <c>OnExport</c> adds the same count with <c>+=</c>. The flag is
/// configuration: nothing in the project changes it once the exporter runs. Workers export in parallel (third file).
/// Expected: nothing reported; the two writers run under opposite values of one flag.
/// </summary>
internal static class ExporterModeFlagCase
{
    public static CorpusCase Case { get; } = new("ExporterModeFlag", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Metrics.Export
        {
            public abstract class MetricExporter : IDisposable
            {
                private bool _shutDown;

                protected object ExportLock { get; } = new object();

                public string Name { get; set; } = "exporter";

                public void Export(IReadOnlyList<double> batch)
                {
                    if (batch == null || batch.Count == 0)
                    {
                        return;
                    }

                    ExportThreadSafe(batch);
                }

                protected virtual void ExportThreadSafe(IReadOnlyList<double> batch)
                {
                    lock (ExportLock)
                    {
                        if (_shutDown)
                        {
                            return;
                        }

                        OnExport(batch);
                    }
                }

                protected abstract void OnExport(IReadOnlyList<double> batch);

                public void Dispose()
                {
                    lock (ExportLock)
                    {
                        _shutDown = true;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.FlagModeWriters,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Threading;

            namespace Corpus.Metrics.Export
            {
                public sealed class DiscardingExporter : MetricExporter
                {
                    private long _exportedPoints;
                    private double[] _last = new double[0];

                    /// <summary>Keeps a copy of the last batch (for diagnostics pages); costs a lock per export.</summary>
                    public bool KeepLast { get; set; }

                    public long ExportedPoints => Interlocked.Read(ref _exportedPoints);

                    public IReadOnlyList<double> Last => _last;

                    protected override void ExportThreadSafe(IReadOnlyList<double> batch)
                    {
                        if (!KeepLast)
                        {
                            Interlocked.Add(ref _exportedPoints, batch.Count);
                            return;
                        }

                        base.ExportThreadSafe(batch);
                    }

                    protected override void OnExport(IReadOnlyList<double> batch)
                    {
                        _exportedPoints += batch.Count;
                        var copy = new double[batch.Count];
                        for (var i = 0; i < copy.Length; i++)
                        {
                            copy[i] = batch[i];
                        }

                        _last = copy;
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Metrics.Export
            {
                public static class ExportPump
                {
                    public static DiscardingExporter Create(bool keepLast) => new DiscardingExporter { KeepLast = keepLast, Name = "discard" };

                    public static void Run(MetricExporter exporter, IReadOnlyList<IReadOnlyList<double>> batches)
                    {
                        Parallel.For(0, batches.Count, i => exporter.Export(batches[i]));
                    }
                }
            }
            """,
        },
    };
}
