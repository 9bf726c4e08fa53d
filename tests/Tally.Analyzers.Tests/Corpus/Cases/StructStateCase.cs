namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>Fields of structs and ref structs updated through <c>this</c>: copies, not shared. Nothing to report.</summary>
internal static class StructStateCase
{
    public static CorpusCase Case { get; } = new("StructState", """
        using System;

        namespace Corpus.Values
        {
            public struct SourcePosition
            {
                private int _line;
                private int _column;

                public void Advance(char c)
                {
                    if (c == '\n')
                    {
                        _line++;
                        _column = 0;
                    }
                    else
                    {
                        _column += 1;
                    }
                }

                public override string ToString() => $"{_line}:{_column}";
            }

            public ref struct SpanReader
            {
                private readonly ReadOnlySpan<byte> _data;
                private int _offset;

                public SpanReader(ReadOnlySpan<byte> data)
                {
                    _data = data;
                    _offset = 0;
                }

                public byte ReadByte() => _data[_offset++];

                public void Skip(int count) => _offset += count;
            }
        }
        """);
}
