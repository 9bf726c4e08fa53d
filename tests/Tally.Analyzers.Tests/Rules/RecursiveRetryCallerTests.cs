using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A public method whose only caller in the compilation is itself (a retry by recursion: <c>return Fetch(key, make);</c>
/// when another thread added the key first) is still called from outside: the recursive call is no way in, so it does
/// not hide the callers the compilation cannot see. The shape is a cache whose lookups go through a concurrent
/// dictionary and whose order list is locked in a private helper only the lookup calls; the lookup counts hits and
/// requests outside the lock, and the adding member calls the lookup first and retries by calling itself.
/// </summary>
public class RecursiveRetryCallerTests
{
    private const string Cache = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;

        public class RecentCache<TKey, TValue>
        {
            private readonly int _size;
            private readonly ConcurrentDictionary<TKey, LinkedListNode<TValue>> _map;
            private readonly LinkedList<TValue> _order = new LinkedList<TValue>();
            private long _hits;
            private long _requests;

            public RecentCache(int threads, int size)
            {
                _size = size;
                _map = new ConcurrentDictionary<TKey, LinkedListNode<TValue>>(threads, size + 1);
            }

            public double Ratio => (double)_hits / _requests;

            public bool TryFind(TKey key, out TValue value)
            {
                _requests++;
                if (_map.TryGetValue(key, out var node))
                {
                    Touch(node);
                    _hits++;
                    value = node.Value;
                    return true;
                }

                value = default!;
                return false;
            }

            public TValue Fetch(TKey key, Func<TKey, TValue> make)
            {
                if (TryFind(key, out var found)) return found;
                var node = new LinkedListNode<TValue>(make(key));
                if (_map.TryAdd(key, node))
                {
                    lock (_order)
                    {
                        if (_order.Count >= _size) _order.RemoveFirst();
                        _order.AddLast(node);
                    }

                    return node.Value;
                }

                return Fetch(key, make);
            }

            public bool Drop(TKey key)
            {
                if (_map.TryRemove(key, out var node))
                {
                    lock (_order) { if (node.List != null) _order.Remove(node); }
                    return true;
                }

                return false;
            }

            private void Touch(LinkedListNode<TValue> node)
            {
                if (node.List == null) return;
                lock (_order)
                {
                    if (node.List == null) return;
                    _order.Remove(node);
                    _order.AddLast(node);
                }
            }
        }
        """;

    [Fact]
    public async Task CountsOfALookupCalledByAnAdderThatRetriesByCallingItself_AreInferredFindings()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Cache);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("TALLY005", d.Id));
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task CountsOfALookupInACacheWithNoSynchronisation_AreNotReportedEvenWhenTheAdderRetriesByRecursion()
    {
        var plain = Cache.Replace("ConcurrentDictionary<TKey, LinkedListNode<TValue>>(threads, size + 1)", "Dictionary<TKey, LinkedListNode<TValue>>(size + 1)")
            .Replace("ConcurrentDictionary<TKey, LinkedListNode<TValue>> _map", "Dictionary<TKey, LinkedListNode<TValue>> _map")
            .Replace("lock (_order)", "if (_order != null)")
            .Replace("_map.TryRemove(key, out var node)", "_map.Remove(key, out var node)");

        var diagnostics = await Verify.GetDiagnosticsAsync(plain);

        Assert.Empty(diagnostics);
    }
}
