namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a channel's outbound buffer. Writers on any thread add to the pending-byte total through a
/// thread-safe method (Interlocked); the entry list and the flushed-entry count change only on the channel's event
/// loop, which also subtracts flushed bytes through the same Interlocked helper. The helper's synchronisation is for
/// its other callers, not for the loop's counters. Expected: nothing reported.
/// </summary>
internal static class OutboundPendingBytesCase
{
    public static CorpusCase Case { get; } = new("OutboundPendingBytes", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Channels
        {
            public sealed class OutboundBuffer
            {
                private readonly Queue<OutboundEntry> _unflushed = new Queue<OutboundEntry>();
                private readonly Queue<OutboundEntry> _flushedEntries = new Queue<OutboundEntry>();
                private readonly long _highWaterMark;
                private long _pendingBytes;
                private int _unwritable;
                private int _flushed;

                public OutboundBuffer(long highWaterMark) => _highWaterMark = highWaterMark;

                public bool IsWritable => Volatile.Read(ref _unwritable) == 0;

                public int Flushed => _flushed;

                /// <summary>Thread-safe: frames queued by other threads count before the loop takes them.</summary>
                public void IncrementPendingBytes(long size) => AddPending(size);

                public void DecrementPendingBytes(long size) => AddPending(-size);

                public void AddMessage(byte[] message)
                {
                    _unflushed.Enqueue(new OutboundEntry(message));
                    AddPending(message.Length);
                }

                public void AddFlush()
                {
                    while (_unflushed.Count > 0)
                    {
                        var entry = _unflushed.Dequeue();
                        _flushed++;
                        if (entry.Cancelled)
                        {
                            AddPending(-entry.Size);
                        }

                        _flushedEntries.Enqueue(entry);
                    }
                }

                public bool Remove()
                {
                    if (_flushed == 0)
                    {
                        return false;
                    }

                    var entry = _flushedEntries.Dequeue();
                    --_flushed;
                    AddPending(-entry.Size);
                    return true;
                }

                private void AddPending(long size)
                {
                    long total = Interlocked.Add(ref _pendingBytes, size);
                    Interlocked.Exchange(ref _unwritable, total >= _highWaterMark ? 1 : 0);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OutboundPendingBytes,
        Clean = true,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Channels
            {
                public sealed class OutboundEntry
                {
                    public OutboundEntry(byte[] message)
                    {
                        Message = message;
                        Size = message.Length;
                    }

                    public byte[] Message { get; }

                    public int Size { get; }

                    public bool Cancelled { get; set; }
                }

                public sealed class EventLoopWriter
                {
                    private readonly OutboundBuffer _buffer;

                    public EventLoopWriter(OutboundBuffer buffer) => _buffer = buffer;

                    public void WriteAndFlush(byte[] message)
                    {
                        _buffer.AddMessage(message);
                        _buffer.AddFlush();
                        while (_buffer.Remove())
                        {
                        }
                    }
                }
            }
            """,
        },
    };
}
