namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean), in the shape of a database engine's page types: every page type inherits an item count from
/// the base page. The header page's count of collections changes at commit, under the engine's header lock (its
/// update method is public on an internal type, and every caller holds the lock); data and index pages change their
/// own counts while one transaction owns them. The locked write is always of a header page's count and the
/// unlocked ones of data and index pages: sibling subclasses, never one object. Expected: nothing reported.
/// </summary>
internal static class SiblingPageCountsCase
{
    public static CorpusCase Case { get; } = new("SiblingPageCounts", """
        using System.Collections.Generic;

        namespace Corpus.Pages
        {
            internal abstract class BasePage
            {
                protected BasePage(uint id) => PageId = id;

                public uint PageId { get; }
                public int ItemCount { get; protected set; }
                public bool IsDirty { get; set; }
            }

            internal sealed class DataPage : BasePage
            {
                private readonly List<byte[]> _blocks = new List<byte[]>();

                public DataPage(uint id) : base(id) { }

                public void Insert(byte[] block)
                {
                    _blocks.Add(block);
                    this.ItemCount++;
                    this.IsDirty = true;
                }

                public void Delete(int index)
                {
                    _blocks.RemoveAt(index);
                    this.ItemCount--;
                    this.IsDirty = true;
                }
            }

            internal sealed class IndexPage : BasePage
            {
                private readonly SortedList<string, uint> _nodes = new SortedList<string, uint>();

                public IndexPage(uint id) : base(id) { }

                public void AddNode(string key, uint target)
                {
                    _nodes.Add(key, target);
                    this.ItemCount++;
                }
            }

            internal sealed class HeaderPage : BasePage
            {
                private readonly Dictionary<string, uint> _collections = new Dictionary<string, uint>();

                public HeaderPage() : base(0) { }

                public void UpdateCollections(IReadOnlyDictionary<string, uint> added, string? dropped)
                {
                    foreach (var pair in added)
                    {
                        _collections[pair.Key] = pair.Value;
                    }

                    if (dropped != null)
                    {
                        _collections.Remove(dropped);
                    }

                    this.ItemCount = this.ItemCount + added.Count - (dropped == null ? 0 : 1);
                    this.IsDirty = true;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedTransactionPages,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;

            namespace Corpus.Pages
            {
                public sealed class PageEngine
                {
                    private readonly object _header = new object();
                    private readonly HeaderPage _headerPage = new HeaderPage();

                    public void Commit(IReadOnlyDictionary<string, uint> newCollections, string? dropped)
                    {
                        lock (_header)
                        {
                            _headerPage.UpdateCollections(newCollections, dropped);
                        }
                    }

                    public int WriteBatch(IEnumerable<byte[]> blocks)
                    {
                        var page = new DataPage(1);
                        foreach (var block in blocks)
                        {
                            page.Insert(block);
                        }

                        var index = new IndexPage(2);
                        index.AddNode("batch", page.PageId);
                        return page.ItemCount + index.ItemCount;
                    }
                }
            }
            """,
        },
    };
}
