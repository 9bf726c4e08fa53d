namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 1 (reported): an in-process message bus runs every handler with <c>Task.Run</c> for each published message;
/// an audit handler (another file) subscribed with a method group counts orders without synchronisation. Messages
/// published from request threads run the handler concurrently: lost updates. Its per-message local stays silent.
/// </summary>
internal static class CrossTypeBusCase
{
    public static CorpusCase Case { get; } = new("CrossTypeBus", """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Bus
        {
            public sealed class MessageBus
            {
                private readonly ConcurrentDictionary<Type, List<Func<object, Task>>> _handlers =
                    new ConcurrentDictionary<Type, List<Func<object, Task>>>();

                public void Subscribe<T>(Action<T> handler)
                {
                    var list = _handlers.GetOrAdd(typeof(T), _ => new List<Func<object, Task>>());
                    lock (list)
                    {
                        list.Add(message => { handler((T)message); return Task.CompletedTask; });
                    }
                }

                public void Publish<T>(T message)
                    where T : notnull
                {
                    if (!_handlers.TryGetValue(typeof(T), out var list))
                    {
                        return;
                    }

                    Func<object, Task>[] snapshot;
                    lock (list)
                    {
                        snapshot = list.ToArray();
                    }

                    foreach (var handler in snapshot)
                    {
                        _ = Task.Run(() => handler(message));
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CrossTypeBusTaskRun,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Bus
            {
                public sealed record OrderPlaced(int OrderId, decimal Total);

                public sealed class OrderAudit
                {
                    private int _orders;
                    private decimal _total;

                    public OrderAudit(MessageBus bus) => bus.Subscribe<OrderPlaced>(OnOrderPlaced);

                    public int Orders => _orders;

                    private void OnOrderPlaced(OrderPlaced message)
                    {
                        decimal rounded = 0;
                        rounded += decimal.Round(message.Total, 2);
                        {|TALLY003:_orders++|};
                        {|TALLY003:_total += rounded|};
                    }
                }
            }
            """,
            """
            using System.Threading.Tasks;

            namespace Corpus.Bus
            {
                public static class Checkout
                {
                    public static void PlaceAll(MessageBus bus, int count) =>
                        Parallel.For(0, count, id => bus.Publish(new OrderPlaced(id, 10m)));
                }
            }
            """,
        },
    };
}
