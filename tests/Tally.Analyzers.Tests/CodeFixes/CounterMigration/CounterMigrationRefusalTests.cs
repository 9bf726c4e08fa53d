using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes.CounterMigration;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes.CounterMigration;

/// <summary>Where no counter can replace the field exactly, the counter-type fix offers nothing (docs/rules/counter-fix.md).</summary>
public class CounterMigrationRefusalTests
{
    private static readonly TestOptions Atomic = CounterMigrationFixTests.Atomic;

    [Fact]
    public Task WithoutTheTallyLibrary_NothingIsOffered() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_hits;
                public static void Hit() { [|s_hits++|]; }
            }
            """, new TestOptions { DefaultDiagnosticId = "TALLY004" });

    [Fact]
    public Task RefArgumentToAnotherMethod_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_hits;
                public static void Hit() { [|s_hits++|]; Touch(ref s_hits); }
                private static void Touch(ref int value) { }
            }
            """, Atomic);

    [Fact]
    public Task RefLocal_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_hits;
                public static void Hit() { [|s_hits++|]; ref int alias = ref s_hits; alias = 3; }
            }
            """, Atomic);

    [Fact]
    public Task PublicFieldOfAPublicType_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            public static class Stats
            {
                public static int Hits;
                public static void Hit() { [|Hits++|]; }
            }
            """, Atomic);

    [Fact]
    public Task ProtectedFieldOfAPublicType_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            public class Stats
            {
                protected static long s_hits;
                public static void Hit() { [|s_hits++|]; }
            }
            """, Atomic);

    [Fact]
    public Task InternalFieldVisibleToAnAssemblyOutsideTheSolution_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("SomewhereElse")]

            static class Stats
            {
                internal static int s_hits;
                public static void Hit() { [|s_hits++|]; }
            }
            """, Atomic);

    [Fact]
    public Task NonIntegerAndOtherIntegerTypes_AreRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static double s_sum;
                private static uint s_unsigned;
                private static short s_short;
                public static void Hit() { [|s_sum += 0.5|]; [|s_unsigned++|]; [|s_short++|]; }
            }
            """, Atomic);

    [Fact]
    public Task ObjectInitializer_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            using Tally;

            [ThreadSafe]
            sealed class Meter
            {
                private int _hits;
                public void Hit() { {|TALLY005:_hits++|}; }
                public static Meter Create() => new Meter { _hits = 1 };
            }
            """, TallyLibrary.With());

    [Fact]
    public Task ExpressionTree_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            using System;
            using System.Linq.Expressions;

            static class Stats
            {
                private static int s_hits;
                public static void Hit() { [|s_hits++|]; }
                public static Expression<Func<int>> Read = () => s_hits;
            }
            """, Atomic);

    [Fact]
    public Task CheckedUpdate_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_hits;
                public static void Hit() { checked { [|s_hits++|]; } }
            }
            """, Atomic);

    [Fact]
    public Task OtherOperators_AndOperandsReadingTheField_AreRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static long s_a;
                private static long s_b;
                public static void Scale() { [|s_a *= 3|]; }
                public static void Double() { [|s_b += s_b|]; }
            }
            """, Atomic);

    [Fact]
    public Task SeveralFieldsInOneDeclaration_AreRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_a, s_b;
                public static void Hit() { {|TALLY004:s_a++|}; {|TALLY004:s_b++|}; }
            }
            """, TallyLibrary.With());

    [Fact]
    public Task UseInAFieldInitializer_IsRefused() =>
        Verify.VerifyNoFixAsync("""
            static class Stats
            {
                private static int s_hits;
                private static int s_copy = s_hits;
                public static void Hit() { [|s_hits++|]; }
            }
            """, Atomic);

    [Fact]
    public Task CompareExchangeOnAnIntField_AndInterlockedOr_AreRefused() =>
        Verify.VerifyNoFixAsync("""
            using System.Threading;

            static class Stats
            {
                private static int s_a;
                private static int s_b;
                public static void Hit() { {|TALLY001:s_a++|}; {|TALLY001:s_b++|}; }
                public static int Swap() => Interlocked.CompareExchange(ref s_a, 1, 0);
                public static int Flag() => Interlocked.Or(ref s_b, 4);
            }
            """, TallyLibrary.With());

    [Fact]
    public Task UsedValueOfAnAssignment_AndConditionalAccess_AreRefused() =>
        Verify.VerifyNoFixAsync("""
            using Tally;

            [ThreadSafe]
            sealed class Meter
            {
                private static int s_hits;
                private int _visits;
                public static int Set(int v) { {|TALLY004:s_hits++|}; return s_hits = v; }
                public void Visit() { {|TALLY005:_visits++|}; }
                public static int? Visits(Meter? m) => m?._visits;
            }
            """, TallyLibrary.With());

    [Fact]
    public async Task UsedUpdateValue_OffersOnlyTheAtomicCounter()
    {
        var titles = await ActionTitlesAsync("""
            static class Stats
            {
                private static int s_hits;
                public static int Next() => s_hits++;
            }
            """);
        Assert.Equal(new[] { "Make 's_hits' a Tally.AtomicCounter" }, titles);
    }

    [Fact]
    public async Task InitialValue_OrNonZeroAssignment_OffersOnlyTheAtomicCounter()
    {
        var initial = await ActionTitlesAsync("""
            static class Stats
            {
                private static long s_hits = 10;
                public static void Hit() { s_hits++; }
            }
            """);
        var assigned = await ActionTitlesAsync("""
            static class Stats
            {
                private static long s_hits;
                public static void Hit() { s_hits++; }
                public static void Set(long v) { s_hits = v; }
            }
            """);
        var statementsOnly = await ActionTitlesAsync("""
            static class Stats
            {
                private static long s_hits;
                public static void Hit() { s_hits++; }
                public static void Clear() { s_hits = 0; }
            }
            """);

        Assert.Equal(new[] { "Make 's_hits' a Tally.AtomicCounter" }, initial);
        Assert.Equal(new[] { "Make 's_hits' a Tally.AtomicCounter" }, assigned);
        Assert.Equal(new[] { "Make 's_hits' a Tally.AtomicCounter", "Make 's_hits' a Tally.StripedCounter" }, statementsOnly);
    }

    /// <summary>
    /// <c>dotnet format analyzers</c> asks each provider for the first action it registers and runs Fix All with that
    /// action's equivalence key: the migration's group has a key of its own (not a counter's), so its Fix All declines and only the Interlocked fix
    /// runs in bulk.
    /// </summary>
    [Fact]
    public async Task DotnetFormatStyleFixAll_WithTheFirstRegisteredAction_DeclinesTheMigration()
    {
        Project project = TestWorkspace.CreateProject(new[] { """
            static class Stats
            {
                private static int s_hits;
                public static void Hit() { s_hits++; }
            }
            """ }, Atomic);
        var analyzer = new NonAtomicUpdateAnalyzer();
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerRunner.RunAsync(project, analyzer, Atomic, "the test source");
        var provider = new CounterMigrationCodeFixProvider();
        Microsoft.CodeAnalysis.CodeActions.CodeAction? first = null;
        var document = project.GetDocument(diagnostics[0].Location.SourceTree)!;
        await provider.RegisterCodeFixesAsync(new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, diagnostics[0], (a, _) => first ??= a, default));

        Assert.NotNull(first);
        Assert.Equal("Make 's_hits' a Tally counter", first!.Title);
        Assert.NotEqual(CounterMigrationCodeFixProvider.AtomicCounterKey, first.EquivalenceKey);
        Assert.NotEqual(CounterMigrationCodeFixProvider.StripedCounterKey, first.EquivalenceKey);
        var context = new Microsoft.CodeAnalysis.CodeFixes.FixAllContext(
            document, provider, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution, first.EquivalenceKey!, new[] { "TALLY004" },
            new FixAllDiagnosticProvider(new AnalysisCache(analyzer, Atomic)), default);
        Assert.Null(await provider.GetFixAllProvider().GetFixAsync(context));
    }

    private static async Task<string[]> ActionTitlesAsync(string source)
    {
        Project project = TestWorkspace.CreateProject(new[] { source }, Atomic);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerRunner.RunAsync(project, new NonAtomicUpdateAnalyzer(), Atomic, "the test source");
        Assert.Single(diagnostics);
        var actions = await CodeActionRunner.GetActionsAsync(project, new CounterMigrationCodeFixProvider(), diagnostics[0]);
        return actions.Select(a => a.Title).ToArray();
    }
}
