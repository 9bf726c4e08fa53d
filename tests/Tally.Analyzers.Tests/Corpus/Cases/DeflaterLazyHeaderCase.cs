namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): the state of one deflate stream, owned by one encoder of one channel pipeline, moves its
/// window, bit buffer and symbol counts with plain updates; its only lock is a one-off lazy creation of the archive
/// header under <c>lock (this)</c>, which says nothing about the rest. Expected: nothing reported.
/// </summary>
internal static class DeflaterLazyHeaderCase
{
    public static CorpusCase Case { get; } = new("DeflaterLazyHeader", """
        using System;

        namespace Corpus.Compression
        {
            internal sealed class DeflateState
            {
                private readonly byte[] _window;
                private readonly short[] _literalCounts = new short[286];
                private readonly byte[] _pendingBuffer = new byte[4096];
                private int _pending;
                private int _bitBuffer;
                private int _bitCount;
                private int _lookahead;
                private int _position;
                private int _matches;
                private ArchiveHeader? _header;

                internal DeflateState(int windowBits)
                {
                    _window = new byte[1 << windowBits];
                }

                internal int Pending => _pending;

                internal void PutByte(byte value) => _pendingBuffer[_pending++] = value;

                internal void SendBits(int value, int length)
                {
                    _bitBuffer |= value << _bitCount;
                    _bitCount += length;
                    if (_bitCount >= 16)
                    {
                        PutByte((byte)_bitBuffer);
                        PutByte((byte)(_bitBuffer >> 8));
                        _bitBuffer >>= 16;
                        _bitCount -= 16;
                    }
                }

                internal void CountLiteral(byte literal) => _literalCounts[literal]++;

                internal void CountMatch(int length)
                {
                    _matches++;
                    _literalCounts[257 + Math.Min(length, 28)]++;
                }

                internal int Fill(ReadOnlySpan<byte> input)
                {
                    int room = _window.Length - _position - _lookahead;
                    int taken = Math.Min(room, input.Length);
                    input.Slice(0, taken).CopyTo(_window.AsSpan(_position + _lookahead));
                    _lookahead += taken;
                    return taken;
                }

                internal void Advance(int count)
                {
                    _position += count;
                    _lookahead -= count;
                }

                internal int Flush(Span<byte> output)
                {
                    int count = Math.Min(_pending, output.Length);
                    _pendingBuffer.AsSpan(0, count).CopyTo(output);
                    _pending -= count;
                    return count;
                }

                internal ArchiveHeader GetHeader()
                {
                    lock (this)
                    {
                        if (_header == null)
                        {
                            _header = new ArchiveHeader();
                        }

                        return _header;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OneOffLazyInitLock,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Compression
            {
                public sealed class ArchiveHeader
                {
                    public string? FileName { get; set; }

                    public DateTime Modified { get; set; }
                }

                public sealed class DeflateEncoder
                {
                    private readonly DeflateState _state = new DeflateState(15);

                    public ArchiveHeader Header => _state.GetHeader();

                    public int Encode(ReadOnlySpan<byte> input, Span<byte> output)
                    {
                        int offset = 0;
                        while (offset < input.Length)
                        {
                            int taken = _state.Fill(input.Slice(offset));
                            for (int i = 0; i < taken; i++)
                            {
                                if (i + 3 < taken && input[offset + i] == input[offset + i + 3])
                                {
                                    _state.CountMatch(3);
                                    _state.SendBits(1, 3);
                                }
                                else
                                {
                                    _state.CountLiteral(input[offset + i]);
                                    _state.SendBits(input[offset + i], 9);
                                }
                            }

                            _state.Advance(taken);
                            offset += taken;
                        }

                        return _state.Flush(output);
                    }
                }
            }
            """,
        },
    };
}
