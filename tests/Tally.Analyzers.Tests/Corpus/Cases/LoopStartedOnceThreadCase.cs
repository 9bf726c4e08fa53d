namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): a socket reader starts one receive thread, guarded so that <c>Start</c> can only start it
/// once (CompareExchange on a flag). The thread alone updates the receive counters; other threads read them.
/// Expected: nothing reported.
/// </summary>
internal static class LoopStartedOnceThreadCase
{
    public static CorpusCase Case { get; } = new("LoopStartedOnceThread", """
        using System;
        using System.IO;
        using System.Threading;

        namespace Corpus.Net
        {
            public sealed class FrameReader
            {
                private readonly Stream _stream;
                private readonly Action<byte[]> _onFrame;
                private Thread? _thread;
                private int _started;
                private long _bytesReceived;
                private int _framesReceived;
                private int _emptyReads;

                public FrameReader(Stream stream, Action<byte[]> onFrame)
                {
                    _stream = stream;
                    _onFrame = onFrame;
                }

                public long BytesReceived => Interlocked.Read(ref _bytesReceived);

                public int FramesReceived => _framesReceived;

                public void Start()
                {
                    if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
                    {
                        return;
                    }

                    _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "frame-reader" };
                    _thread.Start();
                }

                private void ReceiveLoop()
                {
                    var buffer = new byte[4096];
                    while (true)
                    {
                        int read = _stream.Read(buffer, 0, buffer.Length);
                        if (read == 0)
                        {
                            _emptyReads++;
                            return;
                        }

                        _bytesReceived += read;
                        _framesReceived++;
                        _onFrame(buffer.AsSpan(0, read).ToArray());
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LoopStartedOnceThread,
        Clean = true,
    };
}
