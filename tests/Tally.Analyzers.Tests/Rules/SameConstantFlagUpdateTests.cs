using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Every writer that may run beside the update ORs the same constant into the storage (or ANDs the same constant):
/// whichever write lands last, the bits are as every writer wanted, so nothing is lost (fresh23, PeachPie's
/// late-static forwarding in a <c>Parallel.ForEach</c>). Reported as before: another flag ORed beside it, the flag
/// cleared beside it, a variable mask, a plain store that can overlap, an atomic write, <c>^=</c> and <c>++</c>.
/// </summary>
public class SameConstantFlagUpdateTests
{
    private const string Flags = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        [Flags]
        public enum NodeFlags { None = 0, Marked = 1, Visited = 2 }

        public class Node
        {
            public NodeFlags Flags;
        }

        """;

    [Fact]
    public Task ParallelForEachCopiesEachSettingTheSameFlag_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Propagator
            {
                public void Propagate(List<KeyValuePair<Node, Node>> edges)
                {
                    int changed;
                    do
                    {
                        changed = 0;
                        Parallel.ForEach(edges, edge =>
                        {
                            if ((edge.Key.Flags & NodeFlags.Marked) == 0 && (edge.Value.Flags & NodeFlags.Marked) != 0)
                            {
                                edge.Key.Flags |= NodeFlags.Marked;
                                Interlocked.Increment(ref changed);
                            }
                        });
                    } while (changed != 0);
                }
            }
            """);

    [Fact]
    public Task TwoStartedWritersSettingTheSameFlagOfAField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items)
                {
                    var sweep = Task.Run(() => Sweep());
                    Parallel.For(0, items.Length, i => Mark(items[i]));
                    sweep.Wait();
                }

                private void Mark(int item)
                {
                    if (item > 0)
                    {
                        _state |= NodeFlags.Marked;
                    }
                }

                private void Sweep() => _state |= NodeFlags.Marked;

                public bool AnyMarked => (_state & NodeFlags.Marked) != 0;
            }
            """);

    [Fact]
    public Task ParallelCopiesEachClearingTheSameFlag_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state = NodeFlags.Marked | NodeFlags.Visited;

                public void Reset(int[] items) => Parallel.For(0, items.Length, i => Unmark());

                private void Unmark() => _state &= ~NodeFlags.Marked;
            }
            """);

    [Fact]
    public Task SetFlagBesideAStoreInTheConstructor_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public Graph() => _state = NodeFlags.None;

                public void Scan(int[] items) => Parallel.For(0, items.Length, i => _state |= NodeFlags.Visited);
            }
            """);

    [Fact]
    public Task ParallelCopiesSettingTwoDifferentFlags_AreReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items) => Parallel.For(0, items.Length, i =>
                {
                    if (items[i] > 0)
                    {
                        {|TALLY003:_state |= NodeFlags.Marked|};
                    }
                    else
                    {
                        {|TALLY003:_state |= NodeFlags.Visited|};
                    }
                });
            }
            """);

    [Fact]
    public Task SetFlagBesideTheSameFlagCleared_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items) => Parallel.For(0, items.Length, i =>
                {
                    if (items[i] > 0)
                    {
                        {|TALLY003:_state |= NodeFlags.Marked|};
                    }
                    else
                    {
                        {|TALLY003:_state &= ~NodeFlags.Marked|};
                    }
                });
            }
            """);

    [Fact]
    public Task SetFlagBesideAVariableMask_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(NodeFlags[] found) => Parallel.For(0, found.Length, i =>
                {
                    {|TALLY003:_state |= NodeFlags.Marked|};
                    {|TALLY003:_state |= found[i]|};
                });
            }
            """);

    [Fact]
    public Task SetFlagBesideAResetThatCanOverlap_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items)
                {
                    var reset = Task.Run(() => _state = NodeFlags.None);
                    Parallel.For(0, items.Length, i => {|TALLY003:_state |= NodeFlags.Marked|});
                    reset.Wait();
                }
            }
            """);

    [Fact]
    public Task SetFlagBesideAStartValueWrittenWhileTheFieldHoldsItsDefault_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items)
                {
                    var start = Task.Run(() =>
                    {
                        if (_state == NodeFlags.None)
                        {
                            _state = NodeFlags.Visited;
                        }
                    });
                    Parallel.For(0, items.Length, i => {|TALLY003:_state |= NodeFlags.Marked|});
                    start.Wait();
                }
            }
            """);

    [Fact]
    public Task SetFlagBesideAnInterlockedClear_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Graph
            {
                private int _state;

                public void Scan(int[] items)
                {
                    var reset = Task.Run(() => Interlocked.And(ref _state, ~1));
                    Parallel.For(0, items.Length, i => {|TALLY001:_state |= 1|});
                    reset.Wait();
                }
            }
            """);

    [Fact]
    public Task SetFlagBesideAToggleOfIt_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Graph
            {
                private NodeFlags _state;

                public void Scan(int[] items) => Parallel.For(0, items.Length, i =>
                {
                    {|TALLY003:_state |= NodeFlags.Marked|};
                    {|TALLY003:_state ^= NodeFlags.Marked|};
                });
            }
            """);

    [Fact]
    public Task SetBitBesideAnIncrement_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class Graph
            {
                private int _state;

                public void Scan(int[] items) => Parallel.For(0, items.Length, i =>
                {
                    {|TALLY003:_state |= 4|};
                    {|TALLY003:_state++|};
                });
            }
            """);

    [Fact]
    public Task SetFlagBesideADifferentFlagSetThroughALocal_IsReported() =>
        Verify.VerifyAnalyzerAsync(Flags + """
            public class Propagator
            {
                public void Propagate(List<KeyValuePair<Node, Node>> edges)
                {
                    Parallel.ForEach(edges, edge =>
                    {
                        {|TALLY003:edge.Key.Flags |= NodeFlags.Marked|};
                        var target = edge.Value;
                        target.Flags |= NodeFlags.Visited;
                    });
                }
            }
            """);
}
