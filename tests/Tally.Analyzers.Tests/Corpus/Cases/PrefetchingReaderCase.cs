namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A real race beside a one-caller contract (marked): a file reader documented <c>&lt;threadsafety
/// instance="false"/&gt;</c> starts its own prefetch loop on the thread pool. The contract says the application makes one
/// call at a time; it says nothing about the reader's own loop, which adds to the buffered byte count while the caller's
/// <c>Read</c> takes from it, neither under a common lock. Expected: both updates reported.
/// </summary>
internal static class PrefetchingReaderCase
{
    public static CorpusCase Case { get; } = new("PrefetchingReader", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Transfers
        {
            /// <summary>Reads a remote file ahead of its caller.</summary>
            /// <threadsafety static="true" instance="false"/>
            public sealed class PrefetchingReader : IDisposable
            {
                private readonly IChunkSource _source;
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private readonly SemaphoreSlim _available = new SemaphoreSlim(0);
                private long _buffered;
                private long _offset;

                public PrefetchingReader(IChunkSource source)
                {
                    _source = source;
                }

                public void Start() => Task.Run(() => PrefetchLoopAsync(_stop.Token));

                public async Task<int> ReadAsync(byte[] buffer)
                {
                    await _available.WaitAsync().ConfigureAwait(false);
                    var taken = _source.Take(buffer);
                    {|TALLY003:_buffered -= taken|};
                    _offset += taken;
                    return taken;
                }

                private async Task PrefetchLoopAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        var fetched = await _source.FetchNextAsync(token).ConfigureAwait(false);
                        {|TALLY003:_buffered += fetched|};
                        _available.Release();
                    }
                }

                public void Dispose() => _stop.Cancel();
            }

            public interface IChunkSource
            {
                Task<int> FetchNextAsync(CancellationToken token);

                int Take(byte[] buffer);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OneCallerTypesOwnLoop,
    };
}
