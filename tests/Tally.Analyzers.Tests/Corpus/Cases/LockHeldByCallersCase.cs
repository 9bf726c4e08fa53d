namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): a ring buffer whose private <c>Grow</c> is called under the buffer's lock from every public
/// method, and from the constructor without it (the object under construction is not shared yet). Used by parallel
/// producers. Expected: nothing reported; every update runs under the one lock or before the object escapes.
/// </summary>
internal static class LockHeldByCallersCase
{
    public static CorpusCase Case { get; } = new("LockHeldByCallers", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.Buffers
        {
            public sealed class GrowableRing<T>
            {
                private readonly object _sync = new object();
                private T[] _items;
                private int _head;
                private int _count;
                private int _resizes;

                public GrowableRing(int capacity, bool preallocate)
                {
                    _items = new T[Math.Max(1, capacity)];
                    if (preallocate)
                    {
                        Grow();
                    }
                }

                public int Resizes
                {
                    get
                    {
                        lock (_sync)
                        {
                            return _resizes;
                        }
                    }
                }

                public void Enqueue(T item)
                {
                    lock (_sync)
                    {
                        EnsureRoom();
                        _items[(_head + _count) % _items.Length] = item;
                        _count++;
                    }
                }

                public bool TryDequeue(out T item)
                {
                    lock (_sync)
                    {
                        if (_count == 0)
                        {
                            item = default!;
                            return false;
                        }

                        item = _items[_head];
                        _head = (_head + 1) % _items.Length;
                        _count--;
                        return true;
                    }
                }

                private void EnsureRoom()
                {
                    if (_count == _items.Length)
                    {
                        Grow();
                    }
                }

                private void Grow()
                {
                    var larger = new T[_items.Length * 2];
                    for (int i = 0; i < _count; i++)
                    {
                        larger[i] = _items[(_head + i) % _items.Length];
                    }

                    _items = larger;
                    _head = 0;
                    _resizes++;
                }
            }

            public static class RingLoad
            {
                public static int Fill(int producers)
                {
                    var ring = new GrowableRing<int>(4, preallocate: false);
                    Parallel.For(0, producers, p => ring.Enqueue(p));
                    return ring.Resizes;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LockHeldByEveryCallerButConstructor,
        Clean = true,
    };
}
