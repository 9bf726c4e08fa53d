namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a storage engine locks its own state and hands each caller a transaction of its own. The
/// transaction's page list and counters are updated only by the thread that began it, even though the engine runs
/// many transactions in parallel and locks elsewhere. Expected: nothing reported; every update has a single writer
/// (the engine's shared counters are under its lock or Interlocked).
/// </summary>
internal static class TransactionPagesCase
{
    public static CorpusCase Case { get; } = new("TransactionPages", """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Storage
        {
            public sealed class StorageEngine
            {
                private readonly object _gate = new object();
                private readonly List<Transaction> _open = new List<Transaction>();
                private long _nextTransactionId;
                private long _committedPages;
                private int _commits;

                public Transaction Begin()
                {
                    long id = Interlocked.Increment(ref _nextTransactionId);
                    var transaction = new Transaction(this, id);
                    lock (_gate)
                    {
                        _open.Add(transaction);
                    }

                    return transaction;
                }

                internal void Commit(Transaction transaction)
                {
                    lock (_gate)
                    {
                        _committedPages += transaction.DirtyPageCount;
                        _commits++;
                        _open.Remove(transaction);
                    }
                }

                public int OpenTransactions
                {
                    get
                    {
                        lock (_gate)
                        {
                            return _open.Count;
                        }
                    }
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
            using System;
            using System.Collections.Generic;

            namespace Corpus.Storage
            {
                /// <summary>Not thread-safe: used by the thread that began it, like a DbTransaction.</summary>
                public sealed class Transaction : IDisposable
                {
                    private readonly StorageEngine _engine;
                    private readonly List<int> _dirtyPages = new List<int>();
                    private int _dirtyPageCount;
                    private long _bytesWritten;
                    private bool _done;

                    internal Transaction(StorageEngine engine, long id)
                    {
                        _engine = engine;
                        Id = id;
                    }

                    public long Id { get; }

                    public int DirtyPageCount => _dirtyPageCount;

                    public void Write(int page, ReadOnlySpan<byte> data)
                    {
                        if (!_dirtyPages.Contains(page))
                        {
                            _dirtyPages.Add(page);
                            _dirtyPageCount++;
                        }

                        _bytesWritten += data.Length;
                    }

                    public void Commit()
                    {
                        _engine.Commit(this);
                        _done = true;
                    }

                    public void Dispose()
                    {
                        if (!_done)
                        {
                            _dirtyPages.Clear();
                        }
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Storage
            {
                public static class BulkLoader
                {
                    public static void Load(StorageEngine engine, IEnumerable<byte[][]> batches)
                    {
                        Parallel.ForEach(batches, batch =>
                        {
                            using var transaction = engine.Begin();
                            for (int page = 0; page < batch.Length; page++)
                            {
                                transaction.Write(page, batch[page]);
                            }

                            transaction.Commit();
                        });
                    }
                }
            }
            """,
        },
    };
}
