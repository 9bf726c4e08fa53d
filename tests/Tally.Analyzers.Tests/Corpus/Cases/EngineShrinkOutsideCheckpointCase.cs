namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (marked), the twin of <see cref="EngineExclusiveCheckpointCase"/>: the checkpoint raises the data file's
/// high-water mark with <c>Math.Max</c> inside the engine's exclusive lock, but shrinking the file sets the length with
/// <c>Interlocked.Exchange</c> under the index lock only, from a public call that does not take the exclusive lock. The
/// two writers hold different locks, so a shrink can land between the checkpoint's read and its write and be undone.
/// Expected: TALLY001 on the <c>Math.Max</c> update.
/// </summary>
internal static class EngineShrinkOutsideCheckpointCase
{
    public static CorpusCase Case { get; } = new("EngineShrinkOutsideCheckpoint", """
        using System;
        using System.IO;
        using System.Threading;

        namespace Corpus.Storage.Shrink
        {
            internal sealed class DataFile
            {
                public const int PageSize = 4096;
                private readonly Stream _stream;
                private long _length;

                public DataFile(Stream stream) => _stream = stream;

                public void WriteThrough(long position, byte[] page)
                {
                    {|TALLY001:_length = Math.Max(_length, position)|};
                    _stream.Position = position;
                    _stream.Write(page, 0, PageSize);
                }

                public void SetLength(long length)
                {
                    Interlocked.Exchange(ref _length, length - PageSize);
                    _stream.SetLength(length);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TwoDifferentLocks,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Storage.Shrink
            {
                public sealed class Store
                {
                    private readonly ReaderWriterLockSlim _engine = new ReaderWriterLockSlim();
                    private readonly ReaderWriterLockSlim _indexGate = new ReaderWriterLockSlim();
                    private readonly List<long> _dirty = new List<long>();
                    private readonly DataFile _file;

                    public Store(Stream stream) => _file = new DataFile(stream);

                    public Task CheckpointAsync() => Task.Run(() =>
                    {
                        _engine.EnterWriteLock();
                        try
                        {
                            CopyPages();
                        }
                        finally
                        {
                            _engine.ExitWriteLock();
                        }
                    });

                    public void Shrink(long pages)
                    {
                        _indexGate.EnterWriteLock();
                        try
                        {
                            _dirty.Clear();
                            _file.SetLength(pages * DataFile.PageSize);
                        }
                        finally
                        {
                            _indexGate.ExitWriteLock();
                        }
                    }

                    private void CopyPages()
                    {
                        foreach (var position in _dirty)
                        {
                            _file.WriteThrough(position, new byte[DataFile.PageSize]);
                        }
                    }
                }
            }
            """,
        },
    };
}
