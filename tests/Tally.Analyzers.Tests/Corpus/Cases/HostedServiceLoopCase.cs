namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): a <c>BackgroundService</c> registered with <c>AddHostedService</c>. The host calls
/// <c>ExecuteAsync</c> once; its loop alone updates the sweep counters, and a status endpoint only reads them.
/// Expected: nothing reported.
/// </summary>
internal static class HostedServiceLoopCase
{
    public static CorpusCase Case { get; } = new("HostedServiceLoop", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        namespace Corpus.Hosting
        {
            public sealed class ExpiredSessionSweeper : BackgroundService
            {
                private readonly ISessionStore _store;
                private int _sweeps;
                private long _removed;
                private int _failures;

                public ExpiredSessionSweeper(ISessionStore store) => _store = store;

                public int Sweeps => Volatile.Read(ref _sweeps);

                public long Removed => Interlocked.Read(ref _removed);

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        try
                        {
                            _removed += await _store.RemoveExpiredAsync(DateTimeOffset.UtcNow, stoppingToken);
                            _sweeps++;
                        }
                        catch (Exception) when (!stoppingToken.IsCancellationRequested)
                        {
                            _failures++;
                        }
                    }
                }
            }

            public interface ISessionStore
            {
                Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken token);
            }
        }
        """, AspNetCore: true)
    {
        Pattern = Issue9Patterns.HostedServiceExecuteAsync,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            namespace Corpus.Hosting
            {
                public sealed class MemorySessionStore : ISessionStore
                {
                    public Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken token) => Task.FromResult(0);
                }

                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddSingleton<ISessionStore, MemorySessionStore>();
                        builder.Services.AddSingleton<ExpiredSessionSweeper>();
                        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiredSessionSweeper>());
                        var app = builder.Build();
                        app.MapGet("/sweeper", (ExpiredSessionSweeper sweeper) => Results.Ok(new { sweeper.Sweeps, sweeper.Removed }));
                        app.Run();
                    }
                }
            }
            """,
        },
    };
}
