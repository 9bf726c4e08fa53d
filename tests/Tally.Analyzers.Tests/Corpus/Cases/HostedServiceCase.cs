namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A <c>BackgroundService</c> registered with <c>AddHostedService</c>: a singleton whose state the app reads. ExecuteAsync runs once and is the only writer; other threads only read, so nothing is reported (issue 9, false alarm 3).</summary>
internal static class HostedServiceCase
{
    public static CorpusCase Case { get; } = new("HostedService", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        namespace Corpus.Workers.Hosted
        {
            public sealed class CleanupService : BackgroundService
            {
                private int _runs;
                private int _removed;

                public int Runs => _runs;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        _runs++;
                        _removed += Sweep();
                        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                    }
                }

                private static int Sweep() => 0;
            }

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddHostedService<CleanupService>();
                    builder.Build().Run();
                }
            }
        }
        """, AspNetCore: true);
}
