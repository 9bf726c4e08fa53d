namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Reported, a latent race met in a real project: an event relay combines handlers into a plain delegate field with
/// <c>+=</c>/<c>-=</c> and, in the same accessors, counts subscribers with Interlocked to attach to its source on the
/// first one and detach on the last. The Interlocked count says the accessors run on many threads; two subscribers at
/// once can lose a handler the count still counts.
/// </summary>
internal static class EventRelaySubscribersCase
{
    public static CorpusCase Case { get; } = new("EventRelaySubscribers", """
        using System;
        using System.Threading;

        namespace Corpus.Queues
        {
            internal sealed class EventRelay<T> : IDisposable
                where T : EventArgs
            {
                private readonly Action _attach;
                private readonly Action _detach;
                private EventHandler<T>? _handlers;
                private int _subscribers;

                public EventRelay(Action attach, Action detach)
                {
                    _attach = attach;
                    _detach = detach;
                }

                public event EventHandler<T> Event
                {
                    add
                    {
                        {|TALLY005:_handlers += value|};
                        if (Interlocked.Increment(ref _subscribers) == 1)
                        {
                            _attach();
                        }
                    }

                    remove
                    {
                        {|TALLY005:_handlers -= value|};
                        if (Interlocked.Decrement(ref _subscribers) == 0)
                        {
                            _detach();
                        }
                    }
                }

                public void Raise(object sender, T args) => _handlers?.Invoke(sender, args);

                public void Dispose()
                {
                    if (Volatile.Read(ref _subscribers) != 0)
                    {
                        _detach();
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LatentEventRelaySubscription,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Concurrent;

            namespace Corpus.Queues
            {
                public sealed class ItemEventArgs : EventArgs
                {
                }

                public sealed class WorkQueue<TItem>
                {
                    private readonly ConcurrentQueue<TItem> _items = new ConcurrentQueue<TItem>();
                    private readonly EventRelay<ItemEventArgs> _ready;
                    private bool _attached;

                    public WorkQueue()
                    {
                        _ready = new EventRelay<ItemEventArgs>(() => _attached = true, () => _attached = false);
                    }

                    public event EventHandler<ItemEventArgs> ItemReady
                    {
                        add => _ready.Event += value;
                        remove => _ready.Event -= value;
                    }

                    public void Enqueue(TItem item)
                    {
                        _items.Enqueue(item);
                        if (_attached)
                        {
                            _ready.Raise(this, new ItemEventArgs());
                        }
                    }
                }
            }
            """,
        },
    };
}
