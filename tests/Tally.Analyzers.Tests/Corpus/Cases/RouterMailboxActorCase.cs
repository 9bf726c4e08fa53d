namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh-sample false-alarm family X (clean): a producer router is an actor. Its mailbox is a Dataflow
/// <c>ActionBlock</c> made without a degree of parallelism (the default, 1), so its handler runs for one message at a
/// time; producers on any thread post to it and park retries in a concurrent queue. The handler and the helpers only it
/// calls count postponed messages with plain <c>++</c>/<c>--</c>. Expected: nothing reported.
/// </summary>
internal static class RouterMailboxActorCase
{
    public static CorpusCase Case { get; } = new("RouterMailboxActor", """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Dataflow;

        namespace Corpus.Producing
        {
            public sealed class ProduceRouter
            {
                private readonly ConcurrentQueue<ProduceMessage> _retries = new ConcurrentQueue<ProduceMessage>();
                private readonly ConcurrentDictionary<string, int> _partitions = new ConcurrentDictionary<string, int>();
                private readonly ActionBlock<RouterMessage> _mailbox;
                private readonly IBrokerLink _link;
                private int _postponed;

                public ProduceRouter(IBrokerLink link, int batchSize)
                {
                    _link = link;
                    _mailbox = new ActionBlock<RouterMessage>(m => ProcessAsync(m),
                        new ExecutionDataflowBlockOptions { MaxMessagesPerTask = batchSize, BoundedCapacity = 10000 });
                }

                public int Postponed => _postponed;

                public bool Route(ProduceMessage message) => _mailbox.Post(new RouterMessage(RouterMessageKind.Produce, message));

                public void Retry(ProduceMessage message)
                {
                    _retries.Enqueue(message);
                    _mailbox.Post(new RouterMessage(RouterMessageKind.Retry, null));
                }

                public void PartitionsChanged(string topic, int count)
                {
                    _partitions[topic] = count;
                    _mailbox.Post(new RouterMessage(RouterMessageKind.Partitions, null));
                }

                private async Task ProcessAsync(RouterMessage message)
                {
                    switch (message.Kind)
                    {
                        case RouterMessageKind.Produce:
                            await HandleProduceAsync(message.Payload!).ConfigureAwait(false);
                            break;
                        case RouterMessageKind.Retry:
                        case RouterMessageKind.Partitions:
                            await DrainPostponedAsync().ConfigureAwait(false);
                            break;
                    }
                }

                private async Task HandleProduceAsync(ProduceMessage message)
                {
                    if (!_partitions.TryGetValue(message.Topic, out var count) || count == 0)
                    {
                        Postpone(message);
                        return;
                    }

                    await _link.SendAsync(message, message.Key % count).ConfigureAwait(false);
                }

                private void Postpone(ProduceMessage message)
                {
                    _retries.Enqueue(message);
                    ++_postponed;
                }

                private async Task DrainPostponedAsync()
                {
                    var pending = _retries.Count;
                    while (pending-- > 0 && _retries.TryDequeue(out var message))
                    {
                        --_postponed;
                        await HandleProduceAsync(message).ConfigureAwait(false);
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.SerialDataflowActor,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Threading.Tasks;

            namespace Corpus.Producing
            {
                public enum RouterMessageKind { Produce, Retry, Partitions }

                public sealed class RouterMessage
                {
                    public RouterMessage(RouterMessageKind kind, ProduceMessage? payload)
                    {
                        Kind = kind;
                        Payload = payload;
                    }

                    public RouterMessageKind Kind { get; }

                    public ProduceMessage? Payload { get; }
                }

                public sealed class ProduceMessage
                {
                    public ProduceMessage(string topic, int key, byte[] value)
                    {
                        Topic = topic;
                        Key = key;
                        Value = value;
                    }

                    public string Topic { get; }

                    public int Key { get; }

                    public byte[] Value { get; }
                }

                public interface IBrokerLink
                {
                    Task SendAsync(ProduceMessage message, int partition);
                }
            }
            """,
        },
    };
}
