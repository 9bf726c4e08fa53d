using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes.CounterMigration;

/// <summary>
/// The migrated programs run: hammered from several threads they count exactly, and one thread sees the same values
/// of <c>x++</c>, <c>++x</c>, <c>+=</c> and reads as before the migration, also across int overflow.
/// </summary>
public class CounterMigrationSemanticsTests
{
    private const int Threads = 4;
    private const int PerThread = 20_000;

    private const string IdsProgram = """
        public static class Ids
        {
            private static int s_next;
            private static long s_total;

            public static int Next() => s_next++;
            public static int NextPrefix() => ++s_next;
            public static int Previous() => s_next--;
            public static long Add(int n) => s_total += n;
            public static void Subtract(int n) { s_total -= n; }
            public static void Set(int value) { s_next = value; }
            public static int Current() => s_next;
            public static long Total() => s_total;
        }
        """;

    private const string HitsProgram = """
        using System.Threading;

        public static class Hits
        {
            private static long s_hits;
            private static int s_bytes;

            public static void Hit() { s_hits++; }
            public static void Miss() { s_hits--; }
            public static void Add(int n) { s_bytes += n; }
            public static void Clear() { s_hits = 0; }
            public static long Take() => Interlocked.Exchange(ref s_hits, 0);
            public static long Count() => s_hits;
            public static int Bytes() => s_bytes;
        }
        """;

    [Fact]
    public async Task AtomicCounterProgram_HandsOutUniqueIds_AndKeepsSingleThreadedValues()
    {
        var options = CounterMigrationFixTests.Atomic;
        var migrated = await Verify.ApplyFixAllAsync(new[] { IdsProgram }, options);
        Assert.Contains("private static readonly AtomicCounter s_next = new();", migrated[0], StringComparison.Ordinal);
        Assert.Contains("private static readonly AtomicCounter s_total = new();", migrated[0], StringComparison.Ordinal);

        var before = await CompiledSources.CompileAndLoadAsync(new[] { IdsProgram }, options);
        var after = await CompiledSources.CompileAndLoadAsync(migrated, options);
        Assert.Equal(SingleThreadedIds(before), SingleThreadedIds(after));

        Type ids = after.GetType("Ids", throwOnError: true)!;
        Call(ids, "Set", 0);
        var handedOut = Hammer(() => (int)Call(ids, "Next")!);
        Assert.Equal(Enumerable.Range(0, Threads * PerThread), handedOut.OrderBy(v => v));
        Assert.Equal(Threads * PerThread, (int)Call(ids, "Current")!);

        long total = (long)Call(ids, "Total")!;
        Hammer(() => { Call(ids, "Add", 3); Call(ids, "Subtract", 1); return 0; });
        Assert.Equal(total + (2L * Threads * PerThread), (long)Call(ids, "Total")!);
    }

    [Fact]
    public async Task StripedCounterProgram_CountsExactly_AndKeepsSingleThreadedValues()
    {
        var options = TallyLibrary.With(new TestOptions { CodeActionIndex = 1 });
        var migrated = await Verify.ApplyFixAllAsync(new[] { HitsProgram }, options);
        Assert.Contains("private static readonly StripedCounter s_hits = new();", migrated[0], StringComparison.Ordinal);
        Assert.Contains("private static readonly StripedCounter s_bytes = new();", migrated[0], StringComparison.Ordinal);

        var before = await CompiledSources.CompileAndLoadAsync(new[] { HitsProgram }, options);
        var after = await CompiledSources.CompileAndLoadAsync(migrated, options);
        Assert.Equal(SingleThreadedHits(before), SingleThreadedHits(after));

        Type hits = after.GetType("Hits", throwOnError: true)!;
        Call(hits, "Clear");
        int bytes = (int)Call(hits, "Bytes")!;
        Hammer(() => { Call(hits, "Hit"); Call(hits, "Hit"); Call(hits, "Miss"); Call(hits, "Add", 7); return 0; });
        Assert.Equal((long)Threads * PerThread, (long)Call(hits, "Count")!);
        Assert.Equal(bytes + (7 * Threads * PerThread), (int)Call(hits, "Bytes")!);
        Assert.Equal((long)Threads * PerThread, (long)Call(hits, "Take")!);
        Assert.Equal(0L, (long)Call(hits, "Count")!);
    }

    /// <summary>A run of every operation, with int overflow; returns what each call yielded.</summary>
    private static List<string> SingleThreadedIds(Assembly assembly)
    {
        Type ids = assembly.GetType("Ids", throwOnError: true)!;
        var seen = new List<string>();
        void Record(string name, params object[] args) => seen.Add($"{name}={Call(ids, name, args)}");
        Record("Next");
        Record("Next");
        Record("NextPrefix");
        Record("Previous");
        Record("Current");
        Record("Add", 5);
        Record("Add", -12);
        Record("Subtract", int.MinValue);
        Record("Total");
        Record("Set", int.MaxValue - 1);
        Record("Next");
        Record("Next");
        Record("Current");
        Record("NextPrefix");
        Record("Previous");
        Record("Previous");
        Record("Current");
        return seen;
    }

    private static List<string> SingleThreadedHits(Assembly assembly)
    {
        Type hits = assembly.GetType("Hits", throwOnError: true)!;
        var seen = new List<string>();
        void Record(string name, params object[] args) => seen.Add($"{name}={Call(hits, name, args)}");
        Record("Hit");
        Record("Hit");
        Record("Miss");
        Record("Count");
        Record("Add", int.MaxValue);
        Record("Add", 2);
        Record("Bytes");
        Record("Take");
        Record("Count");
        Record("Hit");
        Record("Clear");
        Record("Count");
        return seen;
    }

    private static List<int> Hammer(Func<int> action) => MigratedProgramCalls.Hammer(Threads, PerThread, action);

    private static object? Call(Type type, string name, params object[] args) => MigratedProgramCalls.Call(type, name, args);
}
