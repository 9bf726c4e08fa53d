namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): a project's own mutex types, a spin mutex built on CompareExchange (Enter/Exit) and an async
/// lock returning a releaser, guarding statistics that parallel workers update. Expected: nothing reported; each
/// counter is only updated while its one mutex is held.
/// </summary>
internal static class CustomMutexCase
{
    public static CorpusCase Case { get; } = new("CustomMutex", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Sync
        {
            /// <summary>A minimal spin mutex: one holder at a time.</summary>
            public sealed class SpinMutex
            {
                private int _held;

                public void Enter()
                {
                    var spinner = new SpinWait();
                    while (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
                    {
                        spinner.SpinOnce();
                    }
                }

                public void Exit() => Volatile.Write(ref _held, 0);
            }

            /// <summary>An async mutex: one holder at a time, released by disposing what LockAsync returns.</summary>
            public sealed class AsyncMutex
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

                public async Task<IDisposable> LockAsync()
                {
                    await _gate.WaitAsync().ConfigureAwait(false);
                    return new Handle(_gate);
                }

                private sealed class Handle : IDisposable
                {
                    private SemaphoreSlim? _gate;

                    public Handle(SemaphoreSlim gate) => _gate = gate;

                    public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CustomMutex,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Corpus.Sync
            {
                public sealed class CrawlStatistics
                {
                    private readonly SpinMutex _spin = new SpinMutex();
                    private readonly AsyncMutex _async = new AsyncMutex();
                    private int _pages;
                    private long _bytes;
                    private int _saved;

                    public void RecordPage(int size)
                    {
                        _spin.Enter();
                        try
                        {
                            _pages++;
                            _bytes += size;
                        }
                        finally
                        {
                            _spin.Exit();
                        }
                    }

                    public async Task SaveAsync()
                    {
                        using (await _async.LockAsync().ConfigureAwait(false))
                        {
                            await Task.Delay(1).ConfigureAwait(false);
                            _saved++;
                        }
                    }
                }

                public static class Crawl
                {
                    public static async Task RunAsync(CrawlStatistics stats, IEnumerable<int> sizes)
                    {
                        Parallel.ForEach(sizes, size => stats.RecordPage(size));
                        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stats.SaveAsync()));
                    }
                }
            }
            """,
        },
    };
}
