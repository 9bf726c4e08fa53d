namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Held-out false-alarm family C (clean): a per-type object pool that any thread rents from and returns to, guarded
/// by a gate field instead of a lock (<c>Interlocked.CompareExchange(ref _gate, 1, 0) == 0</c>, reopened with
/// <c>Volatile.Write(ref _gate, 0)</c>; a caller that loses the race just allocates or drops the object). The pool's
/// linked list and size are changed only behind the gate, so two holders never overlap. Expected: nothing reported.
/// </summary>
internal static class PoolCompareExchangeGateCase
{
    public static CorpusCase Case { get; } = new("PoolCompareExchangeGate", """
        using System.Threading;

        namespace Corpus.Pooling
        {
            public interface IPooledNode<T>
                where T : class
            {
                ref T? Next { get; }
            }

            internal sealed class NodePool<T>
                where T : class, IPooledNode<T>
            {
                private readonly int _limit;
                private int _gate;
                private int _size;
                private T? _head;

                public NodePool(int limit) => _limit = limit;

                public int Size => Volatile.Read(ref _size);

                public bool TryRent(out T? node)
                {
                    // Not a lock: a loser allocates a new node instead of waiting.
                    if (Interlocked.CompareExchange(ref _gate, 1, 0) == 0)
                    {
                        var head = _head;
                        if (head != null)
                        {
                            ref var next = ref head.Next;
                            _head = next;
                            next = null;
                            _size--;
                            node = head;
                            Volatile.Write(ref _gate, 0);
                            return true;
                        }

                        Volatile.Write(ref _gate, 0);
                    }

                    node = null;
                    return false;
                }

                public bool TryReturn(T node)
                {
                    if (Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
                    {
                        return false; // Dropped: the pool is busy.
                    }

                    try
                    {
                        if (_size >= _limit)
                        {
                            return false;
                        }

                        node.Next = _head;
                        _head = node;
                        _size++;
                        return true;
                    }
                    finally
                    {
                        Volatile.Write(ref _gate, 0);
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System.Threading.Tasks;

            namespace Corpus.Pooling
            {
                public sealed class Message : IPooledNode<Message>
                {
                    private Message? _next;

                    public ref Message? Next => ref _next;

                    public string? Subject { get; set; }
                }

                public static class MessagePool
                {
                    private static readonly NodePool<Message> s_pool = new NodePool<Message>(256);

                    public static Message Rent() => s_pool.TryRent(out var message) ? message! : new Message();

                    public static void Return(Message message)
                    {
                        message.Subject = null;
                        s_pool.TryReturn(message);
                    }

                    public static Task PublishAllAsync(string[] subjects) => Task.WhenAll(
                        Parallel.ForEachAsync(subjects, (subject, token) =>
                        {
                            var message = Rent();
                            message.Subject = subject;
                            Return(message);
                            return default;
                        }));
                }
            }
            """,
        },
        Pattern = Issue9Patterns.TryLockFailureSkips,
        Clean = true,
    };
}
