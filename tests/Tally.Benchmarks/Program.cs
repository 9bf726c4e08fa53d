using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Tally.Benchmarks
{
    /// <summary>
    /// Entry point. <c>-- --filter '*'</c> runs everything (BenchmarkSwitcher arguments pass through);
    /// <c>--quick</c> uses a short job (1 launch, 2 warm-ups, 5 iterations) so a full run takes minutes;
    /// <c>--chart &lt;report.csv&gt; &lt;out.svg&gt;</c> draws the throughput chart from an IncrementThroughput CSV report.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--chart")
            {
                if (args.Length != 3)
                {
                    Console.Error.WriteLine("usage: --chart <IncrementThroughput-report.csv> <out.svg>");
                    return 2;
                }

                ThroughputChart.Write(args[1], args[2]);
                return 0;
            }

            bool quick = args.Contains("--quick");
            args = args.Where(a => a != "--quick").ToArray();

            // Plain numbers in the content (units in the header) so the CSV is machine-readable for the chart.
            var style = new SummaryStyle(
                CultureInfo.InvariantCulture,
                printUnitsInHeader: true,
                sizeUnit: SizeUnit.B,
                timeUnit: TimeUnit.Nanosecond,
                printUnitsInContent: false);
            IConfig config = DefaultConfig.Instance.WithSummaryStyle(style);
            if (quick)
            {
                config = config.AddJob(Job.Default
                    .WithLaunchCount(1)
                    .WithWarmupCount(2)
                    .WithIterationCount(5)
                    .WithId("Quick"));
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
            return 0;
        }
    }
}
