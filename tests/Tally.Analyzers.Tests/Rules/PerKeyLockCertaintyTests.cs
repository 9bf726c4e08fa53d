using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock whose object a call looks up in its instance's (or a static) collection by a key it was given is one lock per
/// key: the code expects concurrent callers (it locks), and callers with different keys hold different locks. An update
/// of <c>this</c>'s own field inside such a lock therefore overlaps by the code's own declaration: TALLY005 is certain
/// (a warning). A lock on one object (a field of <c>this</c>, <c>this</c>, a local that aliases a field, a lookup by a
/// key fixed for the instance) is not a per-key lock, and a per-key lock around the key's own object or element does
/// exclude the callers that touch it: those stay as they were.
/// </summary>
public class PerKeyLockCertaintyTests
{
    [Fact]
    public async Task CounterOfTheStoreRaisedUnderALockLookedUpByTheCallersKey_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class SlotTable
            {
                private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> _byName = new ConcurrentDictionary<string, ConcurrentDictionary<int, int>>();
                private readonly int[] _values = new int[512];
                private int _nextSlot;

                public int SlotFor(string name, int variant)
                {
                    if (!_byName.TryGetValue(name, out var variants))
                    {
                        variants = new ConcurrentDictionary<int, int>();
                        if (!_byName.TryAdd(name, variants))
                        {
                            _byName.TryGetValue(name, out variants);
                        }
                    }

                    if (variants.TryGetValue(variant, out var slot))
                    {
                        return slot;
                    }

                    lock (variants)
                    {
                        if (!variants.TryGetValue(variant, out slot))
                        {
                            _nextSlot++;
                            slot = _nextSlot;
                            _values[slot] = variant;
                            variants.TryAdd(variant, slot);
                        }
                    }

                    return slot;
                }
            }
            """);

        var finding = Assert.Single(diagnostics, d => d.GetMessage().Contains("'this._nextSlot'") || d.GetMessage().Contains("'_nextSlot'"));
        AssertFinding(finding, "Certain", DiagnosticSeverity.Warning);
        Assert.Contains("'variants'", finding.GetMessage());
    }

    [Fact]
    public async Task TotalRaisedUnderALockTakenFromADictionaryByTheKeyParameter_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public class Turnstiles
            {
                private readonly Dictionary<string, object> _gates = new Dictionary<string, object>();
                private long _passed;

                public Turnstiles(IEnumerable<string> names)
                {
                    foreach (var name in names) { _gates[name] = new object(); }
                }

                public void Pass(string gate)
                {
                    lock (_gates[gate])
                    {
                        _passed += 1;
                    }
                }

                public long Passed => _passed;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task CountersRaisedUnderAStripeChosenByTheKeysHash_AreCertainWarnings()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class StripedCounter
            {
                private readonly object[] _stripes = { new object(), new object(), new object(), new object() };
                private int _hits;
                private int _misses;

                public void Record(string key, bool hit)
                {
                    var stripe = _stripes[(key.GetHashCode() & 0x7fffffff) % _stripes.Length];
                    lock (stripe)
                    {
                        if (hit) { _hits++; } else { _misses++; }
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => AssertFinding(d, "Certain", DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task TwoMethodsUnderPerKeyLocksOfOneTable_AreBothReportedAsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class Leases
            {
                private readonly ConcurrentDictionary<string, object> _locks = new ConcurrentDictionary<string, object>();
                private int _held;

                public void Take(string resource)
                {
                    lock (_locks.GetOrAdd(resource, _ => new object())) { _held++; }
                }

                public void Give(string resource)
                {
                    lock (_locks.GetOrAdd(resource, _ => new object())) { _held--; }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => AssertFinding(d, "Certain", DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task PerKeyLockInsideALockOnTheInstancesOwnGate_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class Leases
            {
                private readonly object _sync = new object();
                private readonly ConcurrentDictionary<string, object> _locks = new ConcurrentDictionary<string, object>();
                private int _held;

                public void Take(string resource)
                {
                    lock (_sync)
                    {
                        lock (_locks.GetOrAdd(resource, _ => new object())) { _held++; }
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task CounterRaisedUnderALockOnAReadonlyFieldOrOnThis_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class Registry
            {
                private readonly object _sync = new object();
                private readonly ConcurrentDictionary<string, int> _ids = new ConcurrentDictionary<string, int>();
                private int _next;
                private int _lookups;

                public int IdOf(string name)
                {
                    if (_ids.TryGetValue(name, out var id)) { return id; }
                    lock (_sync)
                    {
                        _next++;
                        return _ids.GetOrAdd(name, _next);
                    }
                }

                public void Count()
                {
                    lock (this) { _lookups++; }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task CountOfTheKeysOwnEntryRaisedUnderItsOwnLock_IsNotMadeCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class Tallies
            {
                private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>();
                private readonly object _sync = new object();
                private int _created;

                public void Hit(string key)
                {
                    var entry = _entries.GetOrAdd(key, _ => Create());
                    lock (entry)
                    {
                        entry.Count++;
                        entry.Bump();
                    }
                }

                private Entry Create()
                {
                    lock (_sync) { _created++; }
                    return new Entry();
                }

                public sealed class Entry
                {
                    public int Count;
                    private int _bumps;
                    public void Bump() => _bumps++;
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties.TryGetValue("Certainty", out var certainty) && certainty == "Certain");
    }

    [Fact]
    public async Task ElementOfTheKeysOwnSlotRaisedUnderTheKeysStripe_IsNotMadeCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class SlotCounters
            {
                private readonly object[] _stripes = { new object(), new object(), new object(), new object() };
                private readonly int[] _counts = new int[4];

                public void Add(int slot)
                {
                    lock (_stripes[slot]) { _counts[slot]++; }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties.TryGetValue("Certainty", out var certainty) && certainty == "Certain");
    }

    [Fact]
    public async Task CounterUnderALocalThatAliasesTheInstancesGate_IsNotMadeCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class Meter
            {
                private readonly object _gate = new object();
                private int _ticks;

                public void Tick()
                {
                    var gate = _gate;
                    lock (gate) { _ticks++; }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties.TryGetValue("Certainty", out var certainty) && certainty == "Certain");
    }

    [Fact]
    public async Task CounterUnderALockLookedUpByTheInstancesOwnName_IsNotMadeCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class NamedQueue
            {
                private static readonly ConcurrentDictionary<string, object> s_locks = new ConcurrentDictionary<string, object>();
                private readonly string _name;
                private readonly object _other = new object();
                private int _length;
                private int _peeks;

                public NamedQueue(string name) => _name = name;

                public void Push()
                {
                    lock (s_locks.GetOrAdd(_name, _ => new object())) { _length++; }
                }

                public void Peek()
                {
                    lock (_other) { _peeks++; }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties.TryGetValue("Certainty", out var certainty) && certainty == "Certain");
    }

    private static void AssertFinding(Diagnostic diagnostic, string certainty, DiagnosticSeverity severity)
    {
        Assert.Equal("TALLY005", diagnostic.Id);
        Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var actual), "no Certainty property on " + diagnostic);
        Assert.Equal(certainty, actual);
        Assert.Equal(severity, diagnostic.Severity);
    }
}
