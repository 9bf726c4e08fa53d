namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): an async writer serialised by a <c>SemaphoreSlim(1, 1)</c> that is taken and released
/// through helper methods (<c>EnterAsync</c>/<c>Exit</c>) and through a releaser returned by <c>LockAsync</c>. Called
/// by many tasks at once. Expected: nothing reported; every update holds the one permit.
/// </summary>
internal static class SemaphoreHelpersCase
{
    public static CorpusCase Case { get; } = new("SemaphoreHelpers", """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Journal
        {
            public sealed class JournalWriter
            {
                private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
                private readonly Stream _stream;
                private long _length;
                private int _records;
                private int _flushes;

                public JournalWriter(Stream stream) => _stream = stream;

                public async Task AppendAsync(byte[] record)
                {
                    await EnterAsync().ConfigureAwait(false);
                    try
                    {
                        await _stream.WriteAsync(record).ConfigureAwait(false);
                        _length += record.Length;
                        _records++;
                    }
                    finally
                    {
                        Exit();
                    }
                }

                public async Task FlushAsync()
                {
                    using (await LockAsync().ConfigureAwait(false))
                    {
                        await _stream.FlushAsync().ConfigureAwait(false);
                        _flushes++;
                    }
                }

                private Task EnterAsync() => _mutex.WaitAsync();

                private void Exit() => _mutex.Release();

                private async Task<Releaser> LockAsync()
                {
                    await _mutex.WaitAsync().ConfigureAwait(false);
                    return new Releaser(_mutex);
                }

                private readonly struct Releaser : IDisposable
                {
                    private readonly SemaphoreSlim _semaphore;

                    public Releaser(SemaphoreSlim semaphore) => _semaphore = semaphore;

                    public void Dispose() => _semaphore.Release();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.SemaphoreThroughHelpers,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Corpus.Journal
            {
                public static class JournalLoad
                {
                    public static async Task WriteAllAsync(JournalWriter journal, IReadOnlyList<byte[]> records)
                    {
                        await Task.WhenAll(records.Select(r => journal.AppendAsync(r)));
                        await Task.WhenAll(journal.FlushAsync(), journal.FlushAsync());
                    }
                }
            }
            """,
        },
    };
}
