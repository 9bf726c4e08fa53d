namespace RacySample
{
    /// <summary>Adds up the bytes of a download whose chunks arrive on several threads at once.</summary>
    internal sealed class DownloadMeter
    {
        // 'volatile' makes each read and each write visible to other threads, but += is still a read and a write.
        private volatile int _bytesReceived;

        public int BytesReceived => _bytesReceived;

        public void OnChunk(int size)
        {
            _bytesReceived += size; // expect: TALLY002
        }
    }
}
