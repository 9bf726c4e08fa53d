namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): an internal outgoing-frame queue of a connection. Any thread enqueues frames under the
/// queue's lock; the connection's one writer loop, started once in its constructor, swaps the pending list out under
/// the same lock and writes the frames outside it, counting frames and bytes in a helper. The lock says the drain
/// runs beside the producers, which never touch the counts; the queue's type is internal, so the compilation shows
/// every caller of the drain: the one loop. Expected: nothing reported (the public-method exception of the partner
/// rule does not apply to a public method of an internal type).
/// </summary>
internal static class WriterLoopDrainCountCase
{
    public static CorpusCase Case { get; } = new("WriterLoopDrainCount", """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        namespace Corpus.Framing
        {
            internal sealed class OutgoingFrames
            {
                private readonly object _sync = new object();
                private List<byte[]> _pending = new List<byte[]>();
                private List<byte[]> _spare = new List<byte[]>();
                private long _framesWritten;
                private long _bytesWritten;

                public long FramesWritten => _framesWritten;

                public long BytesWritten => _bytesWritten;

                public void Enqueue(byte[] frame)
                {
                    lock (_sync)
                    {
                        _pending.Add(frame);
                    }
                }

                public async Task<int> DrainToAsync(Stream stream)
                {
                    List<byte[]> batch;
                    lock (_sync)
                    {
                        batch = _pending;
                        _pending = _spare;
                        _spare = batch;
                    }

                    foreach (var frame in batch)
                    {
                        await stream.WriteAsync(frame, 0, frame.Length).ConfigureAwait(false);
                        Written(frame.Length);
                    }

                    var count = batch.Count;
                    batch.Clear();
                    return count;
                }

                public override string ToString() => _framesWritten + " frames";

                public bool HasWritten() => _framesWritten > 0;

                public void Reset() => _spare = new List<byte[]>();

                private void Written(int length)
                {
                    _framesWritten++;
                    _bytesWritten += length;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.DrainBesideProducersLock,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Framing
            {
                public sealed class FramedConnection
                {
                    private readonly OutgoingFrames _outgoing = new OutgoingFrames();
                    private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
                    private readonly CancellationTokenSource _closing = new CancellationTokenSource();
                    private readonly Stream _stream;
                    private readonly Task _writer;

                    public FramedConnection(Stream stream)
                    {
                        _stream = stream;
                        _writer = Task.Run(WriteLoopAsync);
                    }

                    public long FramesSent => _outgoing.FramesWritten;

                    public void Send(byte[] frame)
                    {
                        _outgoing.Enqueue(frame);
                        _signal.Release();
                    }

                    public Task CloseAsync()
                    {
                        _closing.Cancel();
                        return _writer;
                    }

                    private async Task WriteLoopAsync()
                    {
                        try
                        {
                            while (true)
                            {
                                await _signal.WaitAsync(_closing.Token).ConfigureAwait(false);
                                await _outgoing.DrainToAsync(_stream).ConfigureAwait(false);
                                await _stream.FlushAsync().ConfigureAwait(false);
                            }
                        }
                        catch (System.OperationCanceledException)
                        {
                        }
                    }
                }
            }
            """,
        },
    };
}
