namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A hand-written enumerator and a ring buffer: per-consumer state, nothing to report.</summary>
internal static class EnumeratorCase
{
    public static CorpusCase Case { get; } = new("Enumerator", """
        using System;
        using System.Collections;
        using System.Collections.Generic;

        namespace Corpus.Collections
        {
            public sealed class RingBuffer<T> : IEnumerable<T>
            {
                private readonly T[] _items;
                private int _head;
                private int _count;
                private int _version;

                public RingBuffer(int capacity) => _items = new T[capacity];

                public int Count => _count;

                public void Add(T item)
                {
                    _items[(_head + _count) % _items.Length] = item;
                    if (_count == _items.Length)
                    {
                        _head = (_head + 1) % _items.Length;
                    }
                    else
                    {
                        _count++;
                    }

                    _version++;
                }

                public Enumerator GetEnumerator() => new Enumerator(this);

                IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

                public struct Enumerator : IEnumerator<T>
                {
                    private readonly RingBuffer<T> _buffer;
                    private readonly int _version;
                    private int _index;

                    internal Enumerator(RingBuffer<T> buffer)
                    {
                        _buffer = buffer;
                        _version = buffer._version;
                        _index = -1;
                    }

                    public T Current => _buffer._items[(_buffer._head + _index) % _buffer._items.Length];

                    object? IEnumerator.Current => Current;

                    public bool MoveNext()
                    {
                        if (_version != _buffer._version)
                        {
                            throw new InvalidOperationException("The buffer changed during enumeration.");
                        }

                        _index++;
                        return _index < _buffer._count;
                    }

                    public void Reset() => _index = -1;

                    public void Dispose()
                    {
                    }
                }
            }

            public sealed class Countdown : IEnumerator<int>
            {
                private int _index;

                public Countdown(int from) => _index = from + 1;

                public int Current => _index;

                object IEnumerator.Current => Current;

                public bool MoveNext()
                {
                    _index--;
                    return _index >= 0;
                }

                public void Reset() => throw new NotSupportedException();

                public void Dispose()
                {
                }
            }
        }
        """);
}
