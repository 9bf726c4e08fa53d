using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Solution = Tally.Analyzers.Tests.Verification.SolutionFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes.CounterMigration;

/// <summary>The counter-type fix: a flagged field becomes a Tally.AtomicCounter (action 0) or Tally.StripedCounter (action 1).</summary>
public class CounterMigrationFixTests
{
    internal static readonly TestOptions Atomic = TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY004" });
    internal static readonly TestOptions Striped = TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY004", CodeActionIndex = 1 });

    [Fact]
    public Task StaticIntCounter_BecomesAtomicCounter_WithEveryUseRewritten() =>
        Verify.VerifyCodeFixAsync("""
            static class Stats
            {
                private static int s_hits;

                public static void Hit() { [|s_hits++|]; }

                public static int Next() => [|s_hits++|];

                public static int NextPrefix() => [|++s_hits|];

                public static int Previous() => [|s_hits--|];

                public static void Add(int n) { [|s_hits += n|]; }

                public static void Remove(int n) { [|s_hits -= n|]; }

                public static int AddAndGet(int n) => [|s_hits += n|];

                public static void Clear() { s_hits = 0; }

                public static int Hits => s_hits;

                public static long Twice => s_hits * 2L;

                public static string Text() => s_hits.ToString();
            }
            """, """
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_hits = new();

                public static void Hit() { s_hits.Increment(); }

                public static int Next() => (int)(s_hits.Increment() - 1);

                public static int NextPrefix() => (int)s_hits.Increment();

                public static int Previous() => (int)(s_hits.Decrement() + 1);

                public static void Add(int n) { s_hits.Add(n); }

                public static void Remove(int n) { s_hits.Add(-n); }

                public static int AddAndGet(int n) => (int)s_hits.Add(n);

                public static void Clear() { s_hits.Reset(); }

                public static int Hits => (int)s_hits.Value;

                public static long Twice => (int)s_hits.Value * 2L;

                public static string Text() => ((int)s_hits.Value).ToString();
            }
            """, Atomic);

    [Fact]
    public Task LongField_KeepsLongValues_AndNegatesSubtractedIntsInLong() =>
        Verify.VerifyCodeFixAsync("""
            static class Stats
            {
                private static long s_bytes;

                public static long Next() => [|s_bytes++|];

                public static void Remove(int n) { [|s_bytes -= n|]; }

                public static void RemoveLong(long n) { [|s_bytes -= n + 1|]; }

                public static void Set(long value) { s_bytes = value; }

                public static long Bytes => s_bytes;
            }
            """, """
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_bytes = new();

                public static long Next() => s_bytes.Increment() - 1;

                public static void Remove(int n) { s_bytes.Add(-(long)n); }

                public static void RemoveLong(long n) { s_bytes.Add(-(n + 1)); }

                public static void Set(long value) { s_bytes.Exchange(value); }

                public static long Bytes => s_bytes.Value;
            }
            """, Atomic);

    [Fact]
    public Task InitialValue_IsKept_AndCSharp73_SpellsTheType() =>
        Verify.VerifyCodeFixAsync("""
            using System;

            static class Stats
            {
                private static int s_next = 5;

                public static int Next() { return [|s_next++|]; }
            }
            """, """
            using System;
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_next = new AtomicCounter(5);

                public static int Next() { return (int)(s_next.Increment() - 1); }
            }
            """, TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY004", LanguageVersion = LanguageVersion.CSharp7_3 }));

    [Fact]
    public Task VolatileInstanceField_LosesVolatile_AndThisAccessesStay() =>
        Verify.VerifyCodeFixAsync("""
            class Meter
            {
                private volatile int _hits;

                public void Hit() { [|this._hits++|]; }

                public void Hit(int n) { [|_hits += n|]; }

                public int Hits => this._hits;
            }
            """, """
            using Tally;

            class Meter
            {
                private readonly AtomicCounter _hits = new();

                public void Hit() { this._hits.Increment(); }

                public void Hit(int n) { _hits.Add(n); }

                public int Hits => (int)this._hits.Value;
            }
            """, TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY002" }));

    [Fact]
    public Task InterlockedAndVolatileCalls_BecomeCounterMethods() =>
        Verify.VerifyCodeFixAsync("""
            using System.Threading;

            static class Stats
            {
                private static long s_total;

                public static void Add(long n) { [|s_total += n|]; }

                public static long Up() => Interlocked.Increment(ref s_total);

                public static void Down() { Interlocked.Decrement(ref s_total); }

                public static long AddAndGet(long n) => Interlocked.Add(ref s_total, n);

                public static long Take() => Interlocked.Exchange(ref s_total, 0);

                public static void Clear() { Interlocked.Exchange(ref s_total, 0); }

                public static long Swap(long value) => Interlocked.CompareExchange(ref s_total, value, 0);

                public static long Read() => Interlocked.Read(ref s_total) + Volatile.Read(ref s_total);

                public static void Write(long value) { Volatile.Write(ref s_total, value); }
            }
            """, """
            using System.Threading;
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_total = new();

                public static void Add(long n) { s_total.Add(n); }

                public static long Up() => s_total.Increment();

                public static void Down() { s_total.Decrement(); }

                public static long AddAndGet(long n) => s_total.Add(n);

                public static long Take() => s_total.Exchange(0);

                public static void Clear() { s_total.Reset(); }

                public static long Swap(long value) => s_total.CompareExchange(value, 0);

                public static long Read() => s_total.Value + s_total.Value;

                public static void Write(long value) { s_total.Exchange(value); }
            }
            """, TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY001" }));

    [Fact]
    public Task LongFormUpdates_BecomeAdd() =>
        Verify.VerifyCodeFixAsync("""
            static class Stats
            {
                private static int s_hits;

                public static void Hit() { [|s_hits = s_hits + 1|]; }

                public static void Hit(int n) { [|s_hits = n + s_hits|]; }

                public static void Miss() { [|s_hits = s_hits - 2|]; }
            }
            """, """
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_hits = new();

                public static void Hit() { s_hits.Add(1); }

                public static void Hit(int n) { s_hits.Add(n); }

                public static void Miss() { s_hits.Add(-2); }
            }
            """, Atomic);

    [Fact]
    public Task StatementUpdatesOnly_MayBecomeStripedCounter() =>
        Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class Stats
            {
                private static long s_requests;

                public static void Serve() { Parallel.For(0, 10, i => { {|TALLY003:s_requests++|}; }); }

                public static void Serve(int n) { {|TALLY003:s_requests += n|}; }

                public static void Reset() { s_requests = 0; }

                public static long Requests => s_requests;

                public static void Loop() { for (int i = 0; i < 3; {|TALLY003:s_requests++|}) { i++; } }
            }
            """, """
            using System.Threading.Tasks;
            using Tally;

            static class Stats
            {
                private static readonly StripedCounter s_requests = new();

                public static void Serve() { Parallel.For(0, 10, i => { s_requests.Increment(); }); }

                public static void Serve(int n) { s_requests.Add(n); }

                public static void Reset() { s_requests.Reset(); }

                public static long Requests => s_requests.Value;

                public static void Loop() { for (int i = 0; i < 3; s_requests.Increment()) { i++; } }
            }
            """, Striped);

    [Fact]
    public Task InterlockedExchangeWithZero_BecomesDrain_ForStripedCounter() =>
        Verify.VerifyCodeFixAsync("""
            using System.Threading;

            static class Stats
            {
                private static long s_bytes;

                public static void Add(long n) { [|s_bytes += n|]; }

                public static long TakeInterval() => Interlocked.Exchange(ref s_bytes, 0);
            }
            """, """
            using System.Threading;
            using Tally;

            static class Stats
            {
                private static readonly StripedCounter s_bytes = new();

                public static void Add(long n) { s_bytes.Add(n); }

                public static long TakeInterval() => s_bytes.Drain();
            }
            """, TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY001", CodeActionIndex = 1 }));

    [Fact]
    public Task OtherInstances_AndStaticQualifiedAccess_AreRewritten() =>
        Verify.VerifyCodeFixAsync("""
            using Tally;

            [ThreadSafe]
            class Node
            {
                private static int s_created;
                private int _visits;

                public void Visit(Node other) { {|TALLY005:_visits++|}; {|TALLY005:other._visits++|}; {|TALLY004:Node.s_created++|}; }

                public static int Sum(Node a, Node b) => a._visits + b._visits + Node.s_created;
            }
            """, """
            using Tally;

            [ThreadSafe]
            class Node
            {
                private static readonly AtomicCounter s_created = new();
                private readonly AtomicCounter _visits = new();

                public void Visit(Node other) { _visits.Increment(); other._visits.Increment(); Node.s_created.Increment(); }

                public static int Sum(Node a, Node b) => (int)a._visits.Value + (int)b._visits.Value + (int)Node.s_created.Value;
            }
            """, TallyLibrary.With());

    [Fact]
    public Task UsesInOtherDocuments_AreRewritten() =>
        Solution.VerifyCodeFixAsync(
            """
            static partial class Stats
            {
                internal static int s_hits;

                public static void Hit() { [|s_hits++|]; }
            }
            """,
            new[]
            {
                """
                using Tally;

                static partial class Stats
                {
                    internal static readonly AtomicCounter s_hits = new();

                    public static void Hit() { s_hits.Increment(); }
                }
                """,
                """
                static partial class Stats
                {
                    public static int Read() => (int)s_hits.Value;
                }

                class Report
                {
                    public int Next() => (int)(Stats.s_hits.Increment() - 1);
                }
                """,
            },
            NoProjects,
            TallyLibrary.With(new TestOptions
            {
                DefaultDiagnosticId = "TALLY004",
                AdditionalSources = new[]
                {
                    """
                    static partial class Stats
                    {
                        public static int Read() => s_hits;
                    }

                    class Report
                    {
                        public int Next() => {|TALLY004:Stats.s_hits++|};
                    }
                    """,
                },
            }));

    [Fact]
    public Task UsesInAnotherProjectOfTheSolution_AreRewritten() =>
        Solution.VerifyCodeFixAsync(
            """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("TestProject1")]

            public static class Stats
            {
                internal static long s_hits;

                public static void Hit() { [|s_hits++|]; }
            }
            """,
            new[]
            {
                """
                using Tally;

                [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("TestProject1")]

                public static class Stats
                {
                    internal static readonly AtomicCounter s_hits = new();

                    public static void Hit() { s_hits.Increment(); }
                }
                """,
            },
            new[]
            {
                new[]
                {
                    """
                    using System.Threading;

                    public static class Consumer
                    {
                        public static long Read() => Stats.s_hits.Value;

                        public static long Add(long n) => Stats.s_hits.Add(n);
                    }
                    """,
                },
            },
            TallyLibrary.With(new TestOptions
            {
                DefaultDiagnosticId = "TALLY004",
                AdditionalProjects = new[]
                {
                    new[]
                    {
                        """
                        using System.Threading;

                        public static class Consumer
                        {
                            public static long Read() => Stats.s_hits;

                            public static long Add(long n) => Interlocked.Add(ref Stats.s_hits, n);
                        }
                        """,
                    },
                },
            }));

    private static readonly System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>> NoProjects =
        System.Array.Empty<System.Collections.Generic.IReadOnlyList<string>>();
}
