namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a messaging client's publisher confirmations (where the real client takes
/// the semaphore through helpers): publishes take the confirm semaphore, one at a time, and bump the sequence number
/// inside it, or undo it on failure; while the channel opens, under another semaphore, confirm mode sets the sequence's
/// start value, but only while it is still zero, before anything is published. The two semaphores differ, but the
/// start value is not a writer the updates race with. Expected: nothing reported.
/// </summary>
internal static class ConfirmSequenceStartCase
{
    public static CorpusCase Case { get; } = new("ConfirmSequenceStart", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Messaging
        {
            public interface IFrameWriter
            {
                Task WriteAsync(string exchange, ReadOnlyMemory<byte> body, ulong sequence, CancellationToken token);
            }

            public sealed partial class Channel
            {
                private readonly SemaphoreSlim _rpcGate = new SemaphoreSlim(1, 1);
                private readonly SemaphoreSlim _confirmGate = new SemaphoreSlim(1, 1);
                private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _pending = new ConcurrentDictionary<ulong, TaskCompletionSource<bool>>();
                private readonly IFrameWriter _writer;
                private readonly bool _confirmations;
                private ulong _nextSequence;

                public Channel(IFrameWriter writer, bool confirmations)
                {
                    _writer = writer;
                    _confirmations = confirmations;
                }

                public async Task OpenAsync(CancellationToken token)
                {
                    await _rpcGate.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        await EnableConfirmsAsync(token).ConfigureAwait(false);
                    }
                    finally
                    {
                        _rpcGate.Release();
                    }
                }

                private Task EnableConfirmsAsync(CancellationToken token)
                {
                    if (_confirmations && _nextSequence == 0)
                    {
                        _pending.Clear();
                        _nextSequence = 1;
                    }

                    return Task.CompletedTask;
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
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Messaging
            {
                public sealed partial class Channel
                {
                    public async Task PublishAsync(string exchange, ReadOnlyMemory<byte> body, CancellationToken token)
                    {
                        await _confirmGate.WaitAsync(token).ConfigureAwait(false);
                        try
                        {
                            ulong sequence = _nextSequence;
                            _nextSequence++;
                            try
                            {
                                await _writer.WriteAsync(exchange, body, sequence, token).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException)
                            {
                                _nextSequence--;
                                throw;
                            }
                        }
                        finally
                        {
                            _confirmGate.Release();
                        }
                    }
                }
            }
            """,
        },
    };
}
