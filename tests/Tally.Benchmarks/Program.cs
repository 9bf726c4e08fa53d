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
    /// <c>--quick</c> uses a short job (1 launch, 2 warm-ups, 7 iterations) so a full run takes minutes;
    /// <c>--chart &lt;report.csv&gt; &lt;out.svg&gt; [column]</c> draws the throughput chart from an IncrementThroughput
    /// CSV report, using the Median column unless another statistic (Mean, Min) is named.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--chart")
            {
                if (args.Length is not (3 or 4))
                {
                    Console.Error.WriteLine("usage: --chart <IncrementThroughput-report.csv> <out.svg> [Median|Mean|Min]");
                    return 2;
                }

                ThroughputChart.Write(args[1], args[2], args.Length == 4 ? args[3] : "Median");
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
            // Median and Min next to Mean: on a shared machine they show the undisturbed cost.
            IConfig config = DefaultConfig.Instance
                .WithSummaryStyle(style)
                .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
                // The default 2-minute limit on building the generated project is too short on a loaded shared machine.
                .WithBuildTimeout(TimeSpan.FromMinutes(15));
            if (quick)
            {
                config = config.AddJob(Job.Default
                    .WithLaunchCount(1)
                    .WithWarmupCount(2)
                    .WithIterationCount(7)
                    .WithId("Quick"));
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
            return 0;
        }
    }
}
