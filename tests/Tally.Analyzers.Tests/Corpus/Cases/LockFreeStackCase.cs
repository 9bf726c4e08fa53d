namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A correct lock-free stack (compare-exchange loops on a snapshot, the node's fields written before publication, the
/// count kept with Interlocked): nothing to report there, except the retry statistic someone bumps with a plain
/// <c>++</c> inside the loop (TALLY005: the type synchronises its other state).
/// </summary>
internal static class LockFreeStackCase
{
    public static CorpusCase Case { get; } = new("LockFreeStack", """
        using System.Threading;

        namespace Corpus.LockFree
        {
            public sealed class ConcurrentStack<T>
            {
                private sealed class Node
                {
                    public Node(T value) => Value = value;

                    public readonly T Value;
                    public Node? Next;
                    public int Depth;
                }

                private Node? _head;
                private int _count;
                private long _contention;

                public int Count => Volatile.Read(ref _count);

                public void Push(T value)
                {
                    var node = new Node(value);
                    Node? head;
                    do
                    {
                        head = Volatile.Read(ref _head);
                        node.Next = head;
                        node.Depth = head == null ? 1 : head.Depth + 1;
                        if (head != null && head != _head)
                        {
                            {|TALLY005:_contention++|};
                        }
                    }
                    while (Interlocked.CompareExchange(ref _head, node, head) != head);

                    Interlocked.Increment(ref _count);
                }

                public bool TryPop(out T value)
                {
                    Node? head;
                    do
                    {
                        head = Volatile.Read(ref _head);
                        if (head == null)
                        {
                            value = default!;
                            return false;
                        }
                    }
                    while (Interlocked.CompareExchange(ref _head, head.Next, head) != head);

                    Interlocked.Decrement(ref _count);
                    value = head.Value;
                    return true;
                }
            }
        }
        """);
}
