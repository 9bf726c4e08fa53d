namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (reported): a duplex channel updates its traffic total under the send lock when sending and under the
/// receive lock when receiving; a sender and a receiver hold different locks at the same time: lost updates of
/// <c>_totalBytes</c>. The per-direction counters, each under its own single lock, stay silent.
/// </summary>
internal static class TwoDifferentLocksCase
{
    public static CorpusCase Case { get; } = new("TwoDifferentLocks", """
        using System.IO;

        namespace Corpus.Channels
        {
            public sealed class DuplexChannel
            {
                private readonly object _sendLock = new object();
                private readonly object _receiveLock = new object();
                private readonly Stream _stream;
                private long _sentBytes;
                private long _receivedBytes;
                private long _totalBytes;

                public DuplexChannel(Stream stream) => _stream = stream;

                public void Send(byte[] frame)
                {
                    lock (_sendLock)
                    {
                        _stream.Write(frame, 0, frame.Length);
                        _sentBytes += frame.Length;
                        {|TALLY001:_totalBytes += frame.Length|};
                    }
                }

                public int Receive(byte[] buffer)
                {
                    lock (_receiveLock)
                    {
                        int read = _stream.Read(buffer, 0, buffer.Length);
                        _receivedBytes += read;
                        {|TALLY001:_totalBytes += read|};
                        return read;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TwoDifferentLocks,
    };
}
