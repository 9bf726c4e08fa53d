namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a pooled buffer allocator (docs/real-code-wider.md, pattern 3): the arena
/// takes <c>lock (this)</c> around every allocation and release, three calls above the chunk that counts its free
/// bytes; for small sizes the chunk also locks the arena's head page of the size class, which it looks up into a
/// local (<c>var head = arena.FindHead(size); lock (head)</c>). Every write of the free-byte count holds the arena's
/// lock; the lock on the local (one object per size class, not provably the same object for two writers) must not
/// hide the arena's lock. The chunk's own <c>lock (_arena)</c> around a read made the model take the chunk for an object
/// that "synchronises its other state" and report the write under <c>lock (head)</c>. Expected: nothing reported.
/// </summary>
internal static class PooledChunkUnderArenaLockCase
{
    public static CorpusCase Case { get; } = new("PooledChunkUnderArenaLock", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Pooling
        {
            /// <summary>The head of the list of partly used pages of one size class.</summary>
            internal sealed class PageHead
            {
                public int Waiting;
            }

            public sealed class BufferArena
            {
                private readonly PageHead[] _smallHeads = { new PageHead(), new PageHead(), new PageHead(), new PageHead() };
                private readonly ChunkList _chunks;

                public BufferArena()
                {
                    _chunks = new ChunkList(this);
                }

                internal PageHead HeadFor(int size) => _smallHeads[(size >> 6) & 3];

                public long Rent(int size)
                {
                    lock (this)
                    {
                        return _chunks.Allocate(size);
                    }
                }

                public void Return(long handle)
                {
                    lock (this)
                    {
                        _chunks.Free(handle);
                    }
                }

                public int FreeBytes()
                {
                    lock (this)
                    {
                        return _chunks.FreeBytes();
                    }
                }
            }

            internal sealed class ChunkList
            {
                private readonly List<Chunk> _chunks = new List<Chunk>();

                public ChunkList(BufferArena arena)
                {
                    _chunks.Add(new Chunk(arena));
                }

                public long Allocate(int size)
                {
                    foreach (var chunk in _chunks)
                    {
                        var handle = chunk.Allocate(size);
                        if (handle >= 0)
                        {
                            return handle;
                        }
                    }

                    return -1;
                }

                public void Free(long handle) => _chunks[(int)(handle >> 32)].Free(handle);

                public int FreeBytes()
                {
                    var total = 0;
                    foreach (var chunk in _chunks)
                    {
                        total += chunk.FreeBytes;
                    }

                    return total;
                }
            }

            internal sealed class Chunk
            {
                private const int PageSize = 4096;
                private readonly BufferArena _arena;
                private int _freeBytes = 16 * PageSize;
                private int _nextRun;

                public Chunk(BufferArena arena)
                {
                    _arena = arena;
                }

                /// <summary>Also read by diagnostics outside the arena's calls, so it takes the arena's lock itself.</summary>
                public int FreeBytes
                {
                    get
                    {
                        lock (_arena)
                        {
                            return _freeBytes;
                        }
                    }
                }

                public long Allocate(int size) => size < 512 ? AllocateSmall(size) : AllocateRun(size);

                private long AllocateRun(int size)
                {
                    var pages = (size + PageSize - 1) / PageSize;
                    if (pages * PageSize > _freeBytes)
                    {
                        return -1;
                    }

                    _freeBytes -= pages * PageSize;
                    return _nextRun += pages;
                }

                private long AllocateSmall(int size)
                {
                    var head = _arena.HeadFor(size);
                    lock (head)
                    {
                        if (_freeBytes < PageSize)
                        {
                            return -1;
                        }

                        _freeBytes -= PageSize;
                        head.Waiting++;
                        return _nextRun++;
                    }
                }

                public void Free(long handle)
                {
                    var size = (int)(handle & 0xFFFF);
                    if (size < 512)
                    {
                        var head = _arena.HeadFor(size);
                        lock (head)
                        {
                            head.Waiting--;
                        }
                    }

                    _freeBytes += PageSize;
                }
            }

            public static class PoolLoad
            {
                public static void Run(BufferArena arena, int[] sizes)
                {
                    Parallel.ForEach(sizes, size =>
                    {
                        var handle = arena.Rent(size);
                        arena.Return(handle);
                    });
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LockHeldByEveryCallerButConstructor,
        Clean = true,
    };
}
