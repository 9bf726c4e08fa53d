namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a logging library's targets: the base class takes its own lock in the public
/// entry point and calls a protected virtual for the batch, which calls another protected virtual per event; targets
/// (another file) override the per-event method and count what they wrote. Every override runs under the base's lock,
/// two calls away from it. Expected: nothing reported.
/// </summary>
internal static class ExporterBaseLockChainCase
{
    public static CorpusCase Case { get; } = new("ExporterBaseLockChain", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Telemetry
        {
            public sealed class Metric
            {
                public Metric(string name, double value) { Name = name; Value = value; }

                public string Name { get; }

                public double Value { get; }
            }

            public abstract class MetricExporter
            {
                private readonly object _sync = new object();

                /// <summary>Called by the collector from any thread.</summary>
                public void Export(IReadOnlyList<Metric> batch)
                {
                    lock (_sync)
                    {
                        ExportBatch(batch);
                    }
                }

                protected virtual void ExportBatch(IReadOnlyList<Metric> batch)
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        ExportOne(batch[i]);
                    }
                }

                protected abstract void ExportOne(Metric metric);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.BaseClassLocksAroundVirtual,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Text;
            using System.Threading.Tasks;

            namespace Corpus.Telemetry
            {
                public sealed class TextExporter : MetricExporter
                {
                    private readonly StringBuilder _text = new StringBuilder();
                    private int _written;
                    private double _sum;

                    public string Text => _text.ToString();

                    protected override void ExportOne(Metric metric)
                    {
                        _text.Append(metric.Name).Append('=').Append(metric.Value).AppendLine();
                        _written++;
                        _sum += metric.Value;
                    }
                }

                public sealed class SkippingExporter : MetricExporter
                {
                    private int _skipped;

                    protected override void ExportBatch(IReadOnlyList<Metric> batch)
                    {
                        if (batch.Count > 100)
                        {
                            _skipped += batch.Count;
                            return;
                        }

                        base.ExportBatch(batch);
                    }

                    protected override void ExportOne(Metric metric)
                    {
                    }
                }

                public static class Collector
                {
                    public static void Flush(IReadOnlyList<MetricExporter> exporters, IReadOnlyList<Metric> batch)
                        => Parallel.ForEach(exporters, exporter => exporter.Export(batch));
                }
            }
            """,
        },
    };
}
