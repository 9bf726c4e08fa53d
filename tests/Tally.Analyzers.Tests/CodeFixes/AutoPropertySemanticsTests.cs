using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using CounterFix = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;
using InterlockedFix = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// A program whose auto-properties are updated with <c>++</c> and <c>+=</c>, fixed both ways (backing field with
/// Interlocked, counter-backed property): hammered from several threads it hands out unique ids and counts exactly,
/// and one thread sees the same values of <c>x++</c>, <c>++x</c> and <c>+=</c> as before, also across int overflow.
/// </summary>
public class AutoPropertySemanticsTests
{
    private const int Threads = 4;
    private const int PerThread = 20_000;

    private const string Program = """
        public static class Ids
        {
            public static int Next { get; private set; }

            public static long Total { get; private set; }

            public static int Take() => Next++;

            public static int TakePrefix() => ++Next;

            public static long Add(int n) => Total += n;

            public static void Set(int value) { Next = value; }

            public static int Current() => Next;
        }
        """;

    [Fact]
    public async Task BackingFieldWithInterlocked_KeepsValues_AndHandsOutUniqueIds()
    {
        var fixedSources = await InterlockedFix.ApplyFixAllAsync(new[] { Program });
        Assert.Contains("Interlocked.Increment(ref _next) - 1", fixedSources[0], StringComparison.Ordinal);
        await AssertSameValuesAndExactCountsAsync(fixedSources, TestOptions.Default);
    }

    [Fact]
    public async Task CounterBackedProperty_KeepsValues_AndHandsOutUniqueIds()
    {
        var options = TallyLibrary.With();
        var fixedSources = await CounterFix.ApplyFixAllAsync(new[] { Program }, options);
        Assert.Contains("private static readonly AtomicCounter _next = new();", fixedSources[0], StringComparison.Ordinal);
        await AssertSameValuesAndExactCountsAsync(fixedSources, options);
    }

    private static async Task AssertSameValuesAndExactCountsAsync(ImmutableArray<string> fixedSources, TestOptions options)
    {
        var before = await CompiledSources.CompileAndLoadAsync(new[] { Program }, options);
        var after = await CompiledSources.CompileAndLoadAsync(fixedSources, options);
        Assert.Equal(SingleThreaded(before), SingleThreaded(after));

        Type ids = after.GetType("Ids", throwOnError: true)!;
        Call(ids, "Set", 0);
        var handedOut = Hammer(() => (int)Call(ids, "Take")!);
        Assert.Equal(Enumerable.Range(0, Threads * PerThread), handedOut.OrderBy(v => v));
        Assert.Equal(Threads * PerThread, (int)Call(ids, "Current")!);
    }

    /// <summary>What one thread sees: values of each update, near zero and across int.MaxValue.</summary>
    private static List<string> SingleThreaded(Assembly assembly)
    {
        Type ids = assembly.GetType("Ids", throwOnError: true)!;
        var seen = new List<string>();
        foreach (int start in new[] { 0, int.MaxValue - 1 })
        {
            Call(ids, "Set", start);
            seen.Add($"{Call(ids, "Take")} {Call(ids, "TakePrefix")} {Call(ids, "Take")} {Call(ids, "Current")} {Call(ids, "Add", 5)} {Call(ids, "Add", -7)}");
        }

        return seen;
    }

    private static List<int> Hammer(Func<int> action) => MigratedProgramCalls.Hammer(Threads, PerThread, action);

    private static object? Call(Type type, string name, params object[] args) => MigratedProgramCalls.Call(type, name, args);
}
