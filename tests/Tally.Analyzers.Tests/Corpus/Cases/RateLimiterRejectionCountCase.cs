namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 4 (reported): a public rate limiter. Its public <c>TryAcquire</c> and <c>Release</c> take one lock around the
/// permit count, so the lock is shared by two functions (partners); but both are the limiter's thread-safe API, which
/// every request thread calls at once. Rejections and releases are counted outside the lock in helpers with a plain
/// <c>++</c>/<c>+=</c>: two requests rejected together lose a count. The lock says <c>TryAcquire</c> runs beside
/// <c>Release</c>, and being public it runs beside itself too. A request handler in another file is the only caller
/// the compilation shows, which says nothing about the threads outside code uses.
/// </summary>
internal static class RateLimiterRejectionCountCase
{
    public static CorpusCase Case { get; } = new("RateLimiterRejectionCount", """
        using System;

        namespace Corpus.Throttling
        {
            public sealed class ConcurrencyLimiter : IDisposable
            {
                private readonly object _sync = new object();
                private readonly int _limit;
                private int _available;
                private long _rejected;
                private long _released;
                private bool _disposed;

                public ConcurrencyLimiter(int limit)
                {
                    _limit = limit;
                    _available = limit;
                }

                public bool TryAcquire(int permits)
                {
                    lock (_sync)
                    {
                        if (!_disposed && _available >= permits)
                        {
                            _available -= permits;
                            return true;
                        }
                    }

                    OnRejected();
                    return false;
                }

                public void Release(int permits)
                {
                    lock (_sync)
                    {
                        _available = Math.Min(_limit, _available + permits);
                    }

                    OnReleased(permits);
                }

                public LimiterStatistics GetStatistics() => new LimiterStatistics(_available, _rejected, _released);

                public override string ToString() => "limit " + _limit + ", " + _available + " available";

                public void Dispose() => _disposed = true;

                private void OnRejected()
                {
                    {|TALLY005:_rejected++|};
                }

                private void OnReleased(int permits)
                {
                    {|TALLY005:_released += permits|};
                }
            }

            public readonly struct LimiterStatistics
            {
                public LimiterStatistics(int available, long rejected, long released)
                {
                    Available = available;
                    Rejected = rejected;
                    Released = released;
                }

                public int Available { get; }

                public long Rejected { get; }

                public long Released { get; }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PublicMethodSynchronisesForItself,
        MoreFiles = new[]
        {
            """
            using System.Threading.Tasks;

            namespace Corpus.Throttling
            {
                public sealed class ThrottlingHandler
                {
                    private readonly ConcurrencyLimiter _limiter;
                    private readonly System.Func<string, Task<int>> _next;

                    public ThrottlingHandler(ConcurrencyLimiter limiter, System.Func<string, Task<int>> next)
                    {
                        _limiter = limiter;
                        _next = next;
                    }

                    public async Task<int> HandleAsync(string path)
                    {
                        if (!_limiter.TryAcquire(1))
                        {
                            return 429;
                        }

                        try
                        {
                            return await _next(path).ConfigureAwait(false);
                        }
                        finally
                        {
                            _limiter.Release(1);
                        }
                    }
                }
            }
            """,
        },
    };
}
