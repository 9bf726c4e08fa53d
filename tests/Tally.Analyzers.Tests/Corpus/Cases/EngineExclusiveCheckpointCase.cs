namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of an embedded database engine's checkpoint: the engine's own lock type wraps a
/// <c>ReaderWriterLockSlim</c> (its exclusive mode is the write lock, taken through <c>EnterExclusive</c>/<c>ExitExclusive</c>
/// helpers that return whether the caller must release). The checkpoint copies journal pages into the data file, which
/// raises the file's high-water mark with <c>Math.Max</c>, then clears the journal index under the index's own write
/// lock, which truncates through a helper that sets the length with <c>Interlocked.Exchange</c>. Both writers of the
/// length run inside the exclusive checkpoint (the truncation under one more lock), and the file type is internal, so
/// only the engine calls it. Expected: nothing reported.
/// </summary>
internal static class EngineExclusiveCheckpointCase
{
    public static CorpusCase Case { get; } = new("EngineExclusiveCheckpoint", """
        using System;
        using System.Threading;

        namespace Corpus.Storage
        {
            internal sealed class EngineLocks : IDisposable
            {
                private readonly ReaderWriterLockSlim _engine = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
                private readonly TimeSpan _timeout;

                public EngineLocks(TimeSpan timeout) => _timeout = timeout;

                public void EnterTransaction()
                {
                    if (!_engine.TryEnterReadLock(_timeout)) throw new TimeoutException("transaction");
                }

                public void ExitTransaction()
                {
                    if (_engine.IsReadLockHeld) _engine.ExitReadLock();
                }

                /// <summary>Returns whether the caller took the exclusive lock and must release it.</summary>
                public bool EnterExclusive()
                {
                    if (_engine.IsWriteLockHeld) return false;
                    if (!_engine.TryEnterWriteLock(_timeout)) throw new TimeoutException("exclusive");
                    return true;
                }

                public bool TryEnterExclusive(out bool mustExit)
                {
                    mustExit = false;
                    if (_engine.IsWriteLockHeld) return true;
                    if (_engine.CurrentReadCount > 0 || !_engine.TryEnterWriteLock(10)) return false;
                    mustExit = true;
                    return true;
                }

                public void ExitExclusive() => _engine.ExitWriteLock();

                public void Dispose() => _engine.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CustomMutex,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.IO;
            using System.Threading;

            namespace Corpus.Storage
            {
                internal enum FileKind { Data, Journal }

                internal sealed class PagedFile
                {
                    public const int PageSize = 8192;
                    private readonly Stream _data;
                    private readonly Stream _journal;
                    private long _dataLength;
                    private long _journalLength;

                    public PagedFile(Stream data, Stream journal)
                    {
                        _data = data;
                        _journal = journal;
                        _dataLength = data.Length - PageSize;
                    }

                    public long DataLength => Interlocked.Read(ref _dataLength);

                    public void WriteThrough(long position, byte[] page)
                    {
                        _dataLength = Math.Max(_dataLength, position);
                        _data.Position = position;
                        _data.Write(page, 0, PageSize);
                    }

                    public void SetLength(long length, FileKind kind)
                    {
                        if (kind == FileKind.Journal)
                        {
                            Interlocked.Exchange(ref _journalLength, length - PageSize);
                            _journal.SetLength(length);
                        }
                        else
                        {
                            Interlocked.Exchange(ref _dataLength, length - PageSize);
                            _data.SetLength(length);
                        }
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Threading;

            namespace Corpus.Storage
            {
                internal sealed class JournalIndex
                {
                    private readonly ReaderWriterLockSlim _indexGate = new ReaderWriterLockSlim();
                    private readonly Dictionary<uint, long> _positions = new Dictionary<uint, long>();
                    private readonly HashSet<uint> _confirmed = new HashSet<uint>();
                    private readonly EngineLocks _locks;
                    private readonly PagedFile _file;

                    public JournalIndex(EngineLocks locks, PagedFile file)
                    {
                        _locks = locks;
                        _file = file;
                    }

                    public void Confirm(uint transaction, uint page, long position)
                    {
                        _indexGate.EnterWriteLock();
                        try
                        {
                            _confirmed.Add(transaction);
                            _positions[page] = position;
                        }
                        finally
                        {
                            _indexGate.ExitWriteLock();
                        }
                    }

                    public int Checkpoint()
                    {
                        var mustExit = _locks.EnterExclusive();
                        try
                        {
                            return CheckpointCore();
                        }
                        finally
                        {
                            if (mustExit)
                            {
                                _locks.ExitExclusive();
                            }
                        }
                    }

                    public int TryCheckpoint()
                    {
                        if (!_locks.TryEnterExclusive(out var mustExit)) return 0;
                        try
                        {
                            return CheckpointCore();
                        }
                        finally
                        {
                            if (mustExit)
                            {
                                _locks.ExitExclusive();
                            }
                        }
                    }

                    public void Clear()
                    {
                        _indexGate.EnterWriteLock();
                        try
                        {
                            _positions.Clear();
                            _confirmed.Clear();
                            _file.SetLength(0, FileKind.Journal);
                        }
                        finally
                        {
                            _indexGate.ExitWriteLock();
                        }
                    }

                    private int CheckpointCore()
                    {
                        var copied = 0;
                        foreach (var entry in _positions)
                        {
                            _file.WriteThrough(entry.Value, new byte[PagedFile.PageSize]);
                            copied++;
                        }

                        Clear();
                        return copied;
                    }
                }
            }
            """,
            """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            namespace Corpus.Storage
            {
                public sealed class Database : IDisposable
                {
                    private readonly EngineLocks _locks = new EngineLocks(TimeSpan.FromSeconds(30));
                    private readonly JournalIndex _journal;

                    public Database(Stream data, Stream journal)
                    {
                        _journal = new JournalIndex(_locks, new PagedFile(data, journal));
                    }

                    public void Commit(uint transaction, uint page, long position)
                    {
                        _locks.EnterTransaction();
                        try
                        {
                            _journal.Confirm(transaction, page, position);
                        }
                        finally
                        {
                            _locks.ExitTransaction();
                        }

                        _journal.TryCheckpoint();
                    }

                    public Task<int> CheckpointAsync() => Task.Run(() => _journal.Checkpoint());

                    public void Dispose() => _locks.Dispose();
                }
            }
            """,
        },
    };
}
