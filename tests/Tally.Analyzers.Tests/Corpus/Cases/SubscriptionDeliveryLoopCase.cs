namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean), in the shape of a messaging client's pull consumer (docs/real-code-heldout.md, family B): a
/// connection starts its frame-reading loop with <c>Task.Run</c> in its constructor; the loop hands each frame to a
/// router, which hands it to the subscription, whose override counts consecutive "no responders" statuses and resets the
/// count on a message. The consumer locks its pending counts, which a periodic heartbeat and pull requests touch, but
/// the status count is written only on the connection's one read loop, four calls down from the start. Expected:
/// nothing reported.
/// </summary>
internal static class SubscriptionDeliveryLoopCase
{
    public static CorpusCase Case { get; } = new("SubscriptionDeliveryLoop", """
        using System;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        namespace Corpus.Messaging
        {
            public sealed class ClientConnection
            {
                private readonly Stream _stream;
                private readonly SubscriptionRouter _router;
                private readonly Task _reading;

                public ClientConnection(Stream stream, SubscriptionRouter router)
                {
                    _stream = stream;
                    _router = router;
                    _reading = Task.Run(ReadFramesAsync);
                }

                public Task Completion => _reading;

                private async Task ReadFramesAsync()
                {
                    var buffer = new byte[8192];
                    while (true)
                    {
                        int read = await _stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        await ProcessFrameAsync(Encoding.UTF8.GetString(buffer, 0, read)).ConfigureAwait(false);
                    }
                }

                private ValueTask ProcessFrameAsync(string frame)
                {
                    int space = frame.IndexOf(' ');
                    return space < 0 ? default : _router.RouteAsync(frame.Substring(0, space), frame.Substring(space + 1));
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Messaging
            {
                public abstract class Subscription
                {
                    protected Subscription(string subject) => Subject = subject;

                    public string Subject { get; }

                    public ValueTask DeliverAsync(string payload) => OnMessageAsync(payload);

                    protected abstract ValueTask OnMessageAsync(string payload);
                }

                public sealed class SubscriptionRouter
                {
                    private readonly object _gate = new object();
                    private readonly Dictionary<string, Subscription> _subscriptions = new Dictionary<string, Subscription>();

                    public void Add(Subscription subscription)
                    {
                        lock (_gate)
                        {
                            _subscriptions[subscription.Subject] = subscription;
                        }
                    }

                    public ValueTask RouteAsync(string subject, string payload)
                    {
                        Subscription? target;
                        lock (_gate)
                        {
                            _subscriptions.TryGetValue(subject, out target);
                        }

                        return target == null ? default : target.DeliverAsync(payload);
                    }
                }
            }
            """,
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Messaging
            {
                public sealed class PullConsumer : Subscription, IDisposable
                {
                    private readonly object _pendingGate = new object();
                    private readonly Timer _heartbeat;
                    private readonly int _maxNoResponders;
                    private int _pendingMessages;
                    private int _noResponders;

                    public PullConsumer(string subject, int maxNoResponders)
                        : base(subject)
                    {
                        _maxNoResponders = maxNoResponders;
                        _heartbeat = new Timer(_ => CheckHeartbeat(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
                    }

                    public bool Stopped { get; private set; }

                    public void Pull(int batch)
                    {
                        lock (_pendingGate)
                        {
                            _pendingMessages += batch;
                        }
                    }

                    public void Dispose() => _heartbeat.Dispose();

                    protected override ValueTask OnMessageAsync(string payload)
                    {
                        if (payload.StartsWith("503", StringComparison.Ordinal))
                        {
                            _noResponders++;
                            if (_maxNoResponders > 0 && _noResponders >= _maxNoResponders)
                            {
                                Stopped = true;
                            }

                            return default;
                        }

                        _noResponders = 0;
                        lock (_pendingGate)
                        {
                            _pendingMessages--;
                        }

                        return default;
                    }

                    private void CheckHeartbeat()
                    {
                        lock (_pendingGate)
                        {
                            if (_pendingMessages <= 0)
                            {
                                _pendingMessages = 0;
                            }
                        }
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.LoopStartedOnceTaskRun,
        Clean = true,
    };
}
