using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A producer of a started consumer through a queue of the project's own (docs/detection-model.md, "A producer of a
/// started consumer"): a class declared in source whose add (<c>Enqueue...</c>, <c>Push...</c>) and take
/// (<c>TryDequeue...</c>, <c>Pop...</c>, <c>Take...</c>) methods hold one lock on the queue itself around their whole
/// body is a concurrent collection like <c>ConcurrentQueue</c>. A queue that does not lock, or locks only part of the
/// method or on an argument, says nothing about threads, and the pair stays inferred.
/// </summary>
public class OwnQueueProducerCertaintyTests
{
    /// <summary>A ring buffer that locks itself with <c>Monitor</c> in every method (the shape of Aerospike's <c>Pool&lt;T&gt;</c>).</summary>
    private const string MonitorRing = """
        using System.Threading;

        public sealed class Ring<T>
        {
            private readonly T[] _items = new T[64];
            private int _head;
            private int _size;

            public bool EnqueueLast(T item)
            {
                Monitor.Enter(this);
                try
                {
                    if (_size == _items.Length)
                    {
                        return false;
                    }

                    _items[(_head + _size) % _items.Length] = item;
                    _size++;
                    return true;
                }
                finally
                {
                    Monitor.Exit(this);
                }
            }

            public bool TryDequeueLast(out T item)
            {
                Monitor.Enter(this);
                try
                {
                    item = _items[_head];
                    if (_size == 0)
                    {
                        return false;
                    }

                    _head = (_head + 1) % _items.Length;
                    _size--;
                    return true;
                }
                finally
                {
                    Monitor.Exit(this);
                }
            }
        }
        """;

    /// <summary>The same ring without a lock: a plain buffer, nothing said about threads.</summary>
    private const string PlainRing = """
        public sealed class Ring<T>
        {
            private readonly T[] _items = new T[64];
            private int _head;
            private int _size;

            public bool EnqueueLast(T item)
            {
                _items[(_head + _size) % _items.Length] = item;
                _size++;
                return true;
            }

            public bool TryDequeueLast(out T item)
            {
                item = _items[_head];
                if (_size == 0)
                {
                    return false;
                }

                _head = (_head + 1) % _items.Length;
                _size--;
                return true;
            }
        }
        """;

    /// <summary>A cluster whose public recover call counts and enqueues, and whose tend thread drains and counts.</summary>
    private const string Cluster = """
        using System.Threading;

        public sealed class Connection
        {
            public bool Drain() => true;
        }

        public sealed class Cluster
        {
            private readonly Ring<Connection> _recoverQueue = new Ring<Connection>();
            private int _recoverCount;

            public Cluster()
            {
                new Thread(Run) { IsBackground = true }.Start();
            }

            public int RecoverCount => _recoverCount;

            public void Recover(Connection connection)
            {
                _recoverCount++;
                _recoverQueue.EnqueueLast(connection);
            }

            private void Run()
            {
                while (true)
                {
                    while (_recoverQueue.TryDequeueLast(out var connection))
                    {
                        if (connection.Drain())
                        {
                            _recoverCount--;
                        }
                    }

                    Thread.Sleep(1000);
                }
            }
        }
        """;

    [Fact]
    public async Task CountRaisedByAPublicRecoverAndLoweredByTheTendThreadThroughAQueueThatLocksItselfWithMonitor_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Cluster, new TestOptions { AdditionalSources = new[] { MonitorRing } });

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic =>
        {
            Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        });
    }

    [Fact]
    public async Task PendingCountAroundAStackWhosePushAndPopEachHoldItsOwnLockField_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class LockedStack<T>
            {
                private readonly object _sync = new object();
                private readonly Stack<T> _items = new Stack<T>();

                public void Push(T item)
                {
                    lock (_sync)
                    {
                        _items.Push(item);
                    }
                }

                public bool TryPop(out T item)
                {
                    lock (_sync)
                    {
                        return _items.TryPop(out item!);
                    }
                }
            }

            public sealed class Uploader
            {
                private readonly LockedStack<string> _files = new LockedStack<string>();
                private int _pending;

                public Uploader()
                {
                    _ = Task.Run(UploadLoopAsync);
                }

                public int Pending => _pending;

                public void Add(string file)
                {
                    _pending += 1;
                    _files.Push(file);
                }

                private async Task UploadLoopAsync()
                {
                    while (true)
                    {
                        while (_files.TryPop(out var file))
                        {
                            System.Console.WriteLine(file);
                            _pending -= 1;
                        }

                        await Task.Delay(100);
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Equal("Certain", diagnostic.Properties["Certainty"]));
    }

    [Fact]
    public async Task TheSameCountAroundAQueueOfTheProjectThatTakesNoLock_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Cluster, new TestOptions { AdditionalSources = new[] { PlainRing } });

        var counts = RecoverCounts(diagnostics); // the ring's own unguarded fields are reported too, inferred
        Assert.Equal(2, counts.Length);
        CertaintyAssert.AllInferred(counts);
    }

    [Fact]
    public async Task TheSameCountAroundAQueueThatLocksOnlyPartOfItsMethods_StaysInferred()
    {
        var partlyLocked = MonitorRing.Replace("""
                public bool EnqueueLast(T item)
                {
                    Monitor.Enter(this);
            """, """
                public bool EnqueueLast(T item)
                {
                    _head = _head % _items.Length;
                    Monitor.Enter(this);
            """);

        Assert.NotEqual(MonitorRing, partlyLocked);
        var diagnostics = await Verify.GetDiagnosticsAsync(Cluster, new TestOptions { AdditionalSources = new[] { partlyLocked } });

        var counts = RecoverCounts(diagnostics); // the ring's own unguarded fields are reported too, inferred
        Assert.Equal(2, counts.Length);
        CertaintyAssert.AllInferred(counts);
    }

    [Fact]
    public async Task TheSameCountAroundAQueueThatLocksTheItemItIsGiven_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Connection
            {
                public bool Drain() => true;
            }

            public sealed class Handoff
            {
                private readonly Queue<Connection> _items = new Queue<Connection>();

                public void EnqueueLast(Connection item)
                {
                    lock (item)
                    {
                        _items.Enqueue(item);
                    }
                }

                public bool TryDequeueLast(out Connection item)
                {
                    lock (_items)
                    {
                        return _items.TryDequeue(out item!);
                    }
                }
            }

            public sealed class Cluster
            {
                private readonly Handoff _recoverQueue = new Handoff();
                private int _recoverCount;

                public Cluster()
                {
                    new Thread(Run) { IsBackground = true }.Start();
                }

                public int RecoverCount => _recoverCount;

                public void Recover(Connection connection)
                {
                    _recoverCount++;
                    _recoverQueue.EnqueueLast(connection);
                }

                private void Run()
                {
                    while (_recoverQueue.TryDequeueLast(out var connection))
                    {
                        _recoverCount--;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        CertaintyAssert.AllInferred(diagnostics);
    }

    private static ImmutableArray<Diagnostic> RecoverCounts(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.Where(diagnostic => diagnostic.GetMessage().StartsWith("'_recoverCount'", System.StringComparison.Ordinal)).ToImmutableArray();
}
