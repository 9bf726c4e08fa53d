namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a messaging client's channel recovery: each delivery raises the channel's
/// highest delivery tag (compare-then-assign) on the connection's reading loop, one frame at a time. When the connection
/// recovers, under the recovery lock, it opens a new channel and makes it take over from the old one: the new channel
/// inherits an offset and resets its own highest tag. That reset is made on an object the recovery has just created
/// and not yet published (like a constructor's write), so it never runs alongside the deliveries of that channel.
/// Expected: nothing reported.
/// </summary>
internal static class RecoveredChannelTakeOverCase
{
    public static CorpusCase Case { get; } = new("RecoveredChannelTakeOver", """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Recovery
        {
            internal sealed class DeliveryChannel
            {
                public DeliveryChannel(int number)
                {
                    Number = number;
                }

                public int Number { get; }
                public ulong TagOffset { get; private set; }
                public ulong HighestTag { get; private set; }

                internal void TakeOver(DeliveryChannel previous)
                {
                    TagOffset = previous.TagOffset + previous.HighestTag;
                    HighestTag = 0;
                }

                public ulong OnDelivery(ulong deliveryTag)
                {
                    if (deliveryTag > HighestTag)
                    {
                        HighestTag = deliveryTag;
                    }

                    return deliveryTag + TagOffset;
                }

                public ulong ToWireTag(ulong tag) => tag - TagOffset;

                internal static Task<DeliveryChannel> CreateAsync(int number, CancellationToken token)
                    => Task.FromResult(new DeliveryChannel(number));
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LockHeldByEveryCallerButConstructor,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Recovery
            {
                public sealed class RecoveringConnection : IDisposable
                {
                    private readonly SemaphoreSlim _recovery = new SemaphoreSlim(1, 1);
                    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                    private DeliveryChannel _channel = new DeliveryChannel(1);
                    private Task? _reader;

                    public event Action<ulong>? Delivered;

                    public void Start(Func<CancellationToken, Task<ulong>> readFrame)
                    {
                        _reader ??= Task.Run(() => ReadLoopAsync(readFrame, _stop.Token));
                    }

                    public async Task RecoverAsync(CancellationToken token)
                    {
                        await _recovery.WaitAsync(token).ConfigureAwait(false);
                        try
                        {
                            var next = await DeliveryChannel.CreateAsync(_channel.Number, token).ConfigureAwait(false);
                            next.TakeOver(_channel);
                            Volatile.Write(ref _channel, next);
                        }
                        finally
                        {
                            _recovery.Release();
                        }
                    }

                    public void Dispose()
                    {
                        _stop.Cancel();
                        _recovery.Dispose();
                    }

                    private async Task ReadLoopAsync(Func<CancellationToken, Task<ulong>> readFrame, CancellationToken token)
                    {
                        while (!token.IsCancellationRequested)
                        {
                            var tag = await readFrame(token).ConfigureAwait(false);
                            var channel = Volatile.Read(ref _channel);
                            Delivered?.Invoke(channel.OnDelivery(tag));
                        }
                    }
                }
            }
            """,
        },
    };
}
