namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): HTTP body parts are reference counted in a base class with Interlocked (the last
/// <c>Release</c> may come from any thread), but each part belongs to one request, and only the decoder of that
/// request fills it: the base class's count says nothing about the part's size and read position. Expected: nothing
/// reported.
/// </summary>
internal static class RefCountedBodyPartCase
{
    public static CorpusCase Case { get; } = new("RefCountedBodyPart", """
        using System;
        using System.Threading;

        namespace Corpus.Http.Multipart
        {
            public abstract class RefCounted
            {
                private int _references = 1;

                public int ReferenceCount => Volatile.Read(ref _references);

                public RefCounted Retain()
                {
                    int count;
                    do
                    {
                        count = Volatile.Read(ref _references);
                        if (count == 0)
                        {
                            throw new InvalidOperationException("already released");
                        }
                    }
                    while (Interlocked.CompareExchange(ref _references, count + 1, count) != count);

                    return this;
                }

                public bool Release()
                {
                    if (Interlocked.Decrement(ref _references) == 0)
                    {
                        Deallocate();
                        return true;
                    }

                    return false;
                }

                protected abstract void Deallocate();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.BaseReferenceCount,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.IO;

            namespace Corpus.Http.Multipart
            {
                public sealed class MemoryBodyPart : RefCounted
                {
                    private byte[] _data = new byte[256];
                    private int _readPosition;

                    public MemoryBodyPart(string name) => Name = name;

                    public string Name { get; }

                    public long Size { get; private set; }

                    public bool Completed { get; private set; }

                    public void AddContent(ReadOnlySpan<byte> chunk, bool last)
                    {
                        if (Size + chunk.Length > _data.Length)
                        {
                            Array.Resize(ref _data, Math.Max(_data.Length * 2, (int)Size + chunk.Length));
                        }

                        chunk.CopyTo(_data.AsSpan((int)Size));
                        Size += chunk.Length;
                        Completed = last;
                    }

                    public int ReadChunk(Span<byte> destination)
                    {
                        int count = Math.Min(destination.Length, (int)Size - _readPosition);
                        _data.AsSpan(_readPosition, count).CopyTo(destination);
                        _readPosition += count;
                        return count;
                    }

                    protected override void Deallocate() => _data = Array.Empty<byte>();
                }

                public sealed class MultipartDecoder
                {
                    private readonly Stream _body;

                    public MultipartDecoder(Stream body) => _body = body;

                    public MemoryBodyPart DecodeNext(string name)
                    {
                        var part = new MemoryBodyPart(name);
                        var buffer = new byte[128];
                        int read;
                        while ((read = _body.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            part.AddContent(buffer.AsSpan(0, read), last: false);
                        }

                        part.AddContent(ReadOnlySpan<byte>.Empty, last: true);
                        return part;
                    }
                }
            }
            """,
        },
    };
}
