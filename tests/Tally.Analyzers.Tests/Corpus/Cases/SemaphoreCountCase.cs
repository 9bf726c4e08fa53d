namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (reported): a throttled uploader lets four uploads run at once with <c>SemaphoreSlim(4, 4)</c>; the counters
/// updated while holding one of the four permits are updated by up to four tasks at once: lost updates. A counter
/// under the separate <c>SemaphoreSlim(1, 1)</c> stays silent.
/// </summary>
internal static class SemaphoreCountCase
{
    public static CorpusCase Case { get; } = new("SemaphoreCount", """
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Uploads
        {
            public sealed class ThrottledUploader
            {
                private readonly SemaphoreSlim _throttle = new SemaphoreSlim(4, 4);
                private readonly SemaphoreSlim _manifestLock = new SemaphoreSlim(1, 1);
                private readonly Stream _manifest;
                private int _active;
                private long _uploaded;
                private int _manifestEntries;

                public ThrottledUploader(Stream manifest) => _manifest = manifest;

                public Task UploadAllAsync(IEnumerable<byte[]> blobs) => Task.WhenAll(blobs.Select(UploadAsync));

                private async Task UploadAsync(byte[] blob)
                {
                    await _throttle.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        {|TALLY001:_active++|};
                        await Task.Delay(10).ConfigureAwait(false);
                        {|TALLY001:_uploaded += blob.Length|};
                        {|TALLY001:_active--|};
                    }
                    finally
                    {
                        _throttle.Release();
                    }

                    await _manifestLock.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        await _manifest.WriteAsync(new byte[] { 1 }).ConfigureAwait(false);
                        _manifestEntries++;
                    }
                    finally
                    {
                        _manifestLock.Release();
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.SemaphoreCountAboveOne,
    };
}
