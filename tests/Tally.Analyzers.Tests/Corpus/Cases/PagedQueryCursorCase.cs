namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Tuning sample (StackExchange.Redis's cursor), family D (clean): a server-side cursor enumerated page by page. The
/// enumerator belongs to its consumer's loop: <c>MoveNextAsync</c>, <c>Current</c> and the consumer's <c>Restart</c>
/// run one after the other. <c>Restart</c> takes the cursor's lock because it also swaps the page the query layer hands
/// in; the page offset and page count it resets are moved only by the same consumer's <c>MoveNextAsync</c>. Expected:
/// nothing reported.
/// </summary>
internal static class PagedQueryCursorCase
{
    public static CorpusCase Case { get; } = new("PagedQueryCursor", """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Queries
        {
            public sealed class PagedQueryCursor<T> : IAsyncEnumerator<T>
            {
                private readonly object _sync = new object();
                private readonly IPageSource<T> _source;
                private readonly CancellationToken _cancellationToken;
                private IReadOnlyList<T> _page = new T[0];
                private long _cursor;
                private int _pageOffset = -1;
                private int _pagesRead;

                internal PagedQueryCursor(IPageSource<T> source, CancellationToken cancellationToken)
                {
                    _source = source;
                    _cancellationToken = cancellationToken;
                }

                public T Current => _page[_pageOffset];

                public async ValueTask<bool> MoveNextAsync()
                {
                    _pageOffset++;
                    while (_pageOffset >= _page.Count)
                    {
                        if (_pagesRead > 0 && _cursor == 0)
                        {
                            return false;
                        }

                        var next = await _source.FetchAsync(_cursor, _cancellationToken).ConfigureAwait(false);
                        lock (_sync)
                        {
                            _page = next.Items;
                            _cursor = next.Cursor;
                        }

                        _pagesRead++;
                        _pageOffset = 0;
                    }

                    return true;
                }

                public void Restart()
                {
                    lock (_sync)
                    {
                        _page = new T[0];
                        _cursor = 0;
                        _pageOffset = -1;
                        _pagesRead = 0;
                    }
                }

                public ValueTask DisposeAsync() => default;
            }

            public readonly struct Page<T>
            {
                public Page(IReadOnlyList<T> items, long cursor)
                {
                    Items = items;
                    Cursor = cursor;
                }

                public IReadOnlyList<T> Items { get; }

                public long Cursor { get; }
            }

            public interface IPageSource<T>
            {
                Task<Page<T>> FetchAsync(long cursor, CancellationToken cancellationToken);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OneCallerEnumerator,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Threading;

            namespace Corpus.Queries
            {
                public sealed class KeyScan : IAsyncEnumerable<string>
                {
                    private readonly IPageSource<string> _source;

                    public KeyScan(IPageSource<string> source) => _source = source;

                    public IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken cancellationToken = default)
                        => new PagedQueryCursor<string>(_source, cancellationToken);
                }
            }
            """,
        },
    };
}
