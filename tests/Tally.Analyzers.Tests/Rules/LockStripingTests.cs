using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Lock striping: a call picks one element of an array or list field by the hash of the key it was given (directly,
/// or through a private helper of the type that returns that element) and locks it. Two calls with different keys hold
/// different stripes, so a field of <c>this</c> written under the stripe's lock (the map's total count) is not excluded
/// by it, and the striping itself says the members are called concurrently: a certain finding with no start in the
/// project. A count kept in the stripe object itself is guarded by the stripe's lock and is not reported.
/// </summary>
public class LockStripingTests
{
    [Fact]
    public async Task TotalCountWrittenUnderAStripeReturnedByAPrivateHelper_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public class StripedMap<TKey, TValue>
            {
                private readonly Dictionary<TKey, TValue>[] _stripes = new Dictionary<TKey, TValue>[64];
                private int _total;

                public StripedMap()
                {
                    for (var i = 0; i < _stripes.Length; i++) { _stripes[i] = new Dictionary<TKey, TValue>(); }
                }

                public int Total => _total;

                private Dictionary<TKey, TValue> StripeOf(TKey key)
                {
                    var index = (key.GetHashCode() & 0x7FFFFFFF) % _stripes.Length;
                    var stripe = _stripes[index];
                    return stripe;
                }

                public bool Add(TKey key, TValue value)
                {
                    var s = StripeOf(key);
                    lock (s)
                    {
                        if (s.ContainsKey(key)) return false;
                        s.Add(key, value);
                        _total++;
                        return true;
                    }
                }

                public bool Remove(TKey key)
                {
                    var s = StripeOf(key);
                    lock (s)
                    {
                        if (!s.Remove(key)) return false;
                        _total--;
                        return true;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("TALLY005", d.Id);
            Assert.Equal("Certain", d.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        });
    }

    [Fact]
    public async Task TotalCountWrittenUnderAStripeReadFromTheArrayByTheKeysHash_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class StripedCounter
            {
                private readonly object[] _stripes = { new object(), new object(), new object(), new object() };
                private long _total;

                public void Hit(string key)
                {
                    var slot = (key.GetHashCode() & 0x7FFFFFFF) % _stripes.Length;
                    var p = _stripes[slot];
                    lock (p)
                    {
                        _total++;
                    }
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task CountKeptInTheStripeObjectItselfUnderItsLock_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public class StripedMap
            {
                private sealed class Stripe
                {
                    public readonly Dictionary<string, int> Items = new Dictionary<string, int>();
                    public int Count;
                }

                private readonly Stripe[] _stripes = new Stripe[16];

                public StripedMap()
                {
                    for (var i = 0; i < _stripes.Length; i++) { _stripes[i] = new Stripe(); }
                }

                private Stripe StripeOf(string key) => _stripes[(key.GetHashCode() & 0x7FFFFFFF) % _stripes.Length];

                public void Add(string key, int value)
                {
                    var s = StripeOf(key);
                    lock (s)
                    {
                        s.Items[key] = value;
                        s.Count++;
                    }
                }

                public void Remove(string key)
                {
                    var s = StripeOf(key);
                    lock (s)
                    {
                        if (s.Items.Remove(key)) s.Count--;
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task TotalWrittenUnderALockOnAStripeChosenByAFieldNotTheKey_IsNotACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            public class Pinned
            {
                private readonly object[] _stripes = { new object(), new object() };
                private int _current;
                private int _total;

                private object Current() => _stripes[_current];

                public void Add()
                {
                    var s = Current();
                    lock (s)
                    {
                        _total++;
                    }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Properties.TryGetValue("Certainty", out var c) && c == "Certain");
    }
}
