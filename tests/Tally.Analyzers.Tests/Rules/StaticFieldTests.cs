using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY004: non-atomic update of a static field; also what counts as an update.</summary>
public class StaticFieldTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task EveryIncrementAndDecrementForm_IsReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;

                public void Up()
                {
                    {|TALLY004:s_count++|};
                    {|TALLY004:++s_count|};
                    {|TALLY004:s_count--|};
                    {|TALLY004:--s_count|};
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task EveryCompoundAssignment_IsReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_value;
                private static double s_sum;

                public void Update(int n)
                {
                    {|TALLY004:s_value += n|};
                    {|TALLY004:s_value -= n|};
                    {|TALLY004:s_value *= n|};
                    {|TALLY004:s_value /= n|};
                    {|TALLY004:s_value %= n|};
                    {|TALLY004:s_value &= n|};
                    {|TALLY004:s_value |= n|};
                    {|TALLY004:s_value ^= n|};
                    {|TALLY004:s_value <<= n|};
                    {|TALLY004:s_value >>= n|};
                    {|TALLY004:s_sum += 0.5|};
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task UnsignedRightShiftAssignment_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_value;
                public void Update() { {|TALLY004:s_value >>>= 1|}; }
            }
            """);

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task SpelledOutUpdates_AreReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static long s_total;
                private static int s_flags;
                private static byte s_small;

                public void Update(long n, int mask)
                {
                    {|TALLY004:s_total = s_total + n|};
                    {|TALLY004:s_total = n + s_total|};
                    {|TALLY004:s_total = s_total - n|};
                    {|TALLY004:s_flags = s_flags | mask|};
                    {|TALLY004:Counter.s_total = Counter.s_total + 1|};
                    {|TALLY004:s_small = (byte)(s_small + 1)|};
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task EnumAndDelegateFields_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            [Flags]
            enum Options { None = 0, A = 1, B = 2 }

            static class Registry
            {
                private static Options s_options;
                private static Action s_handlers;

                public static void Add(Options o, Action handler)
                {
                    {|TALLY004:s_options |= o|};
                    {|TALLY004:s_handlers += handler|};
                }
            }
            """);

    [Fact]
    public Task AssignmentsThatDoNotReadTheSameField_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_a;
                private static int s_b;
                private static int[] s_items = new int[4];

                public void Update(int n, int i, int j)
                {
                    s_a = n + 1;
                    s_a = s_b + 1;
                    s_a = n;
                    s_items[i] = s_items[j] + 1;
                }
            }
            """);

    [Fact]
    public Task StringsEventsAndCoalesceAssignments_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            static class Log
            {
                private static string s_text = "";
                private static object s_instance;
                public static event Action Changed;

                public static void Add(string line, Action handler)
                {
                    s_text += line;
                    s_instance ??= new object();
                    Changed += handler;
                }
            }
            """);

    [Fact]
    public Task UpdateThroughInterlocked_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            static class Counter
            {
                private static int s_count;
                public static int Next() => Interlocked.Increment(ref s_count);
                public static void Add(int n) => Interlocked.Add(ref s_count, n);
            }
            """);

    [Fact]
    public Task UpdateInStaticConstructor_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;
                static Counter() { s_count++; s_count += 2; }
            }
            """);

    [Fact]
    public Task UpdateInInstanceConstructor_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_instances;
                public Counter() { {|TALLY004:s_instances++|}; }
            }
            """);

    [Fact]
    public Task ThreadStaticField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            static class Counter
            {
                [ThreadStatic] private static int t_depth;
                public static void Enter() { t_depth++; }
            }
            """);

    [Fact]
    public Task ThreadLocalValue_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            static class Counter
            {
                private static readonly ThreadLocal<int> s_depth = new ThreadLocal<int>();
                public static void Enter() { s_depth.Value++; }
            }
            """);

    [Fact]
    public Task LocalsAndParametersNotCapturedByConcurrentCode_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Math2
            {
                public static int Sum(int[] values, int start)
                {
                    int total = 0;
                    foreach (var v in values) { total += v; }
                    start++;
                    return total + start;
                }
            }
            """);

    [Fact]
    public Task StaticAutoProperty_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Stats
            {
                public static int Requests { get; set; }
                public static void Hit() { {|TALLY004:Requests++|}; }
            }
            """);

    [Fact]
    public Task StaticPropertyWithBody_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Stats
            {
                private static readonly object s_gate = new object();
                private static int s_requests;
                public static int Requests
                {
                    get { lock (s_gate) { return s_requests; } }
                    set { lock (s_gate) { s_requests = value; } }
                }

                public static void Hit() { Requests++; }
            }
            """);

    [Fact]
    public Task ElementOfStaticArray_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Histogram
            {
                private static readonly int[] s_buckets = new int[16];
                public static void Add(int bucket) { {|TALLY004:s_buckets[bucket]++|}; }
            }
            """);

    [Fact]
    public Task FieldOfStaticStructField_IsReported_ButStructFieldThroughThis_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            struct Pair
            {
                public int Hits;
                public void Hit() { Hits++; }
            }

            static class Totals
            {
                private static Pair s_pair;
                public static void Hit() { {|TALLY004:s_pair.Hits++|}; }
            }
            """);

    [Fact]
    public Task StaticFieldOfAnotherType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Metrics
            {
                public static long Sent;
            }

            class Sender
            {
                public void Send() { {|TALLY004:Metrics.Sent++|}; }
            }
            """);

    [Fact]
    public Task MemberOfObjectHeldByStaticField_IsReported_UnlessThreadStatic() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            sealed class Stats
            {
                public long Sent;
                public int Failures { get; set; }
            }

            static class Telemetry
            {
                private static readonly Stats s_stats = new Stats();
                [ThreadStatic] private static Stats t_stats;

                public static void Send(bool failed)
                {
                    {|TALLY004:s_stats.Sent++|};
                    if (failed) { {|TALLY004:s_stats.Failures += 1|}; }
                    t_stats.Sent++;
                }
            }
            """);

    [Fact]
    public Task ConstAndReadOnlyLookingCode_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            static class Limits
            {
                private const int Max = 10;
                public static int Next(int x) => x + Max;
            }
            """);

    [Fact]
    public Task UpdateInSingleThreadedTopLevelStatements_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            Counter.Value++;
            System.Console.WriteLine(Counter.Value);

            static class Counter
            {
                public static int Value;
            }
            """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task UpdateOnNetStandard20_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;
                public void Up() { {|TALLY004:s_count++|}; }
            }
            """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20, LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task UpdateInNestedType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Outer
            {
                private static int s_count;

                class Inner
                {
                    public void Up() { {|TALLY004:s_count++|}; }
                }
            }
            """);

    [Fact]
    public Task RacyAttributeOnField_SuppressesTheDiagnostic() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
            sealed class ApproximateCounterAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Field)]
            sealed class SingleWriterAttribute : Attribute { }

            static class Stats
            {
                [ApproximateCounter] private static long s_approximate;
                [SingleWriter] private static long s_written;
                [ApproximateCounter] public static long Hits { get; set; }

                public static void Hit() { s_approximate++; s_written += 2; Hits++; }
            }
            """);

    [Fact]
    public async Task Diagnostic_CoversTheWholeUpdate_NamesTheField_AndPointsAtItsDeclaration()
    {
        const string source = """
            class Counter
            {
                private static int s_count;
                public void Up() { s_count += 2; }
            }
            """;
        var diagnostics = await Verify.GetDiagnosticsAsync(source);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY004", diagnostic.Id);
        Assert.Equal("s_count += 2", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("'s_count'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var declaration = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("s_count", declaration.SourceTree!.GetText().ToString(declaration.SourceSpan));
        Assert.Equal(DiagnosticSeverity.Hidden, diagnostic.Severity); // Ordinary calls only: inferred, hidden by default.
    }

    [Fact]
    public async Task Diagnostic_CarriesTheTargetKindAndEvidence()
    {
        const string source = """
            static class Stats
            {
                public static int Requests { get; set; }
                public static void Hit() { Requests++; }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Equal("Property", diagnostic.Properties["TargetKind"]);
        Assert.Equal("Static", diagnostic.Properties["Evidence"]);
        Assert.DoesNotContain(diagnostic.AdditionalLocations, l => l.SourceSpan.IsEmpty);
        Assert.True(diagnostic.Location.SourceSpan.Length > "Requests".Length);
        _ = diagnostic.AdditionalLocations.Single();
    }

    [Fact]
    public Task UpdateInMainOverArgs_IsNotReported_ButFromAnyThreadIs() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Program
            {
                private static int s_count;
                private static int s_jobs;

                public static void Main(string[] args)
                {
                    foreach (var a in args) { s_count++; }
                    Parse(args);
                    Parallel.For(0, 4, i => Job());
                }

                private static void Parse(string[] args) { s_count += args.Length; }
                private static void Job() { {|TALLY003:s_jobs++|}; }
            }
            """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task InstanceReachedThroughAStaticMember_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Stats
            {
                public static Stats Default { get; } = new Stats();
                public int Hits;
            }

            class Handler
            {
                public void Handle() { {|TALLY004:Stats.Default.Hits++|}; }
            }
            """);
}
