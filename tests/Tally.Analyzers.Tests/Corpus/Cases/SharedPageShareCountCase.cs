namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): a page cache counts the readers of each cached page; renting a page for reading and
/// returning it use Interlocked on <c>page.ShareCount</c>, but marking a written page clean bumps the same counter
/// with <c>++</c> while readers may be renting it: a lost update of another object's field. The page's position,
/// set once before the page is published, stays silent.
/// </summary>
internal static class SharedPageShareCountCase
{
    public static CorpusCase Case { get; } = new("SharedPageShareCount", """
        using System.Collections.Concurrent;
        using System.Threading;

        namespace Corpus.Paging
        {
            public sealed class PageCache
            {
                private readonly ConcurrentDictionary<long, CachedPage> _clean = new ConcurrentDictionary<long, CachedPage>();

                public CachedPage RentForRead(long position)
                {
                    var page = _clean.GetOrAdd(position, p => new CachedPage(p));
                    Interlocked.Increment(ref page.ShareCount);
                    return page;
                }

                public void Return(CachedPage page) => Interlocked.Decrement(ref page.ShareCount);

                public void MarkClean(CachedPage written)
                {
                    _clean[written.Position] = written;
                    {|TALLY001:written.ShareCount++|};
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugSharedPageShareCount,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Paging
            {
                public sealed class CachedPage
                {
                    public CachedPage(long position)
                    {
                        Position = position;
                        Buffer = new byte[8192];
                    }

                    public long Position { get; }

                    public byte[] Buffer { get; }

                    public int ShareCount;
                }
            }
            """,
        },
    };
}
