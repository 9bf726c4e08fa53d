using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes.CounterMigration;

/// <summary>The counter-type fix: a flagged field becomes a Tally.AtomicCounter (action 0) or Tally.StripedCounter (action 1).</summary>
public class CounterMigrationFixTests
{
    private static readonly TestOptions Atomic = TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY004" });
    private static readonly TestOptions Striped = TallyLibrary.With(new TestOptions { DefaultDiagnosticId = "TALLY004", CodeActionIndex = 1 });

    [Fact]
    public Task StaticIntCounter_BecomesAtomicCounter_WithEveryUseRewritten() =>
        Verify.VerifyFixAsync("""
            static class Stats
            {
                private static int s_hits;

                public static void Hit() { [|s_hits++|]; }

                public static int Next() => [|s_hits++|];

                public static int NextPrefix() => [|++s_hits|];

                public static void Add(int n) { [|s_hits += n|]; }

                public static void Remove(int n) { [|s_hits -= n|]; }

                public static void Clear() { s_hits = 0; }

                public static int Hits => s_hits;

                public static long Twice => s_hits * 2L;
            }
            """, """
            using Tally;

            static class Stats
            {
                private static readonly AtomicCounter s_hits = new();

                public static void Hit() { s_hits.Increment(); }

                public static int Next() => (int)(s_hits.Increment() - 1);

                public static int NextPrefix() => (int)s_hits.Increment();

                public static void Add(int n) { s_hits.Add(n); }

                public static void Remove(int n) { s_hits.Add(-n); }

                public static void Clear() { s_hits.Reset(); }

                public static int Hits => (int)s_hits.Value;

                public static long Twice => (int)s_hits.Value * 2L;
            }
            """, Atomic);
}
