namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a connection numbers frames with Interlocked and is used by many threads at once, but each
/// send encodes into a frame writer of its own; the writer's cursor moves only under its owning call. Expected:
/// nothing reported.
/// </summary>
internal static class SerializerCursorCase
{
    public static CorpusCase Case { get; } = new("SerializerCursor", """
        using System;
        using System.Buffers;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Wire
        {
            public sealed class FrameConnection
            {
                private readonly Stream _stream;
                private readonly SemaphoreSlim _writeGate = new SemaphoreSlim(1, 1);
                private int _sequence;

                public FrameConnection(Stream stream) => _stream = stream;

                public async Task SendAsync(string command, ReadOnlyMemory<byte> payload)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(64 + payload.Length);
                    try
                    {
                        var writer = new FrameWriter(buffer);
                        Encode(writer, Interlocked.Increment(ref _sequence), command, payload.Span);
                        await _writeGate.WaitAsync().ConfigureAwait(false);
                        try
                        {
                            await _stream.WriteAsync(buffer.AsMemory(0, writer.Position)).ConfigureAwait(false);
                        }
                        finally
                        {
                            _writeGate.Release();
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }

                private static void Encode(FrameWriter writer, int sequence, string command, ReadOnlySpan<byte> payload)
                {
                    writer.WriteInt32(sequence);
                    writer.WriteInt32(command.Length);
                    foreach (char c in command)
                    {
                        writer.WriteByte((byte)c);
                    }

                    writer.WriteInt32(payload.Length);
                    writer.WriteBytes(payload);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedSerializerCursor,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Buffers.Binary;

            namespace Corpus.Wire
            {
                /// <summary>Writes a frame into a buffer; one writer per frame, never shared.</summary>
                public sealed class FrameWriter
                {
                    private readonly byte[] _buffer;
                    private int _position;

                    public FrameWriter(byte[] buffer) => _buffer = buffer;

                    public int Position => _position;

                    public void WriteByte(byte value)
                    {
                        _buffer[_position] = value;
                        _position++;
                    }

                    public void WriteInt32(int value)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), value);
                        _position += sizeof(int);
                    }

                    public void WriteBytes(ReadOnlySpan<byte> bytes)
                    {
                        bytes.CopyTo(_buffer.AsSpan(_position));
                        _position += bytes.Length;
                    }
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Corpus.Wire
            {
                public static class Broadcast
                {
                    public static Task ToAllAsync(FrameConnection connection, IEnumerable<byte[]> payloads) =>
                        Task.WhenAll(payloads.Select(p => connection.SendAsync("PUB", p)));
                }
            }
            """,
        },
    };
}
