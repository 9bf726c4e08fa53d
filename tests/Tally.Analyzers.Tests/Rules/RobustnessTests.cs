using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>The analyzer never throws (no AD0001) on broken or unusual code; the harness fails any test that hits AD0001.</summary>
public class RobustnessTests
{
    [Fact]
    public async Task UnknownTypesAndMembers_DoNotCrash()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;

            class Broken
            {
                private static int s_x;
                private Unknown _u;

                public void A()
                {
                    _u++;
                    _u.Field++;
                    Missing++;
                    s_x += Foo();
                    lock (Nope) { s_x++; }
                    Monitor.Enter();
                    s_x--;
                    Monitor.Exit();
                    Task.Run(Undefined);
                    Parallel.For(0, 10, i => _q++);
                    undefinedLocal++;
                }
            }
            """;
        var diagnostics = await Verify.GetDiagnosticsAsync(source, new TestOptions
        {
            AllowedCompilerDiagnostics = new[] { "CS0246", "CS0103", "CS1501", "CS0165", "CS7036", "CS0121" },
        });
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task IncompleteSyntax_DoesNotCrash()
    {
        const string source = """
            using System.Threading.Tasks;

            class Half
            {
                private static int s_x;
                private int _y;
                public void A() { _y = _y + ; s_x = s_x - ; s_x += ; }
                public void B() { Parallel.For(0, 10, i => { s_x++ }); }
                public void C(
            """;
        var diagnostics = await Verify.GetDiagnosticsAsync(source, new TestOptions
        {
            AllowedCompilerDiagnostics = new[] { "CS1525", "CS1002", "CS1001", "CS1026", "CS1513", "CS1514", "CS1519", "CS1031", "CS1003", "CS8124", "CS0501", "CS1022", "CS1733", "CS1014", "CS1585", "CS8803", "CS0106" },
        });
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public Task BrokenCodeAroundAValidUpdate_StillReportsIt() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;
                public void Up() { {|TALLY004:s_count++|}; Missing(); }
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0103" } });

    [Fact]
    public Task UnusualTargets_DoNotCrash() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            unsafe class Odd
            {
                private static int[,] s_grid = new int[2, 2];
                private static int? s_nullable;
                private static Dictionary<string, int> s_map = new Dictionary<string, int>();
                private static int s_x;
                private int this[int i] { get => i; set { } }

                public void A(ref int r, int* p)
                {
                    {|TALLY004:s_grid[0, 1]++|};
                    s_nullable++;
                    s_map["a"]++;
                    this[0]++;
                    r++;
                    (*p)++;
                    ref int alias = ref s_x;
                    {|TALLY004:alias++|};
                    dynamic d = 1;
                    d++;
                }
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0227" } });

    [Fact]
    public Task GenericTypesAndPartialTypes_Work() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            partial class Pool<T>
            {
                private int _rented;
                public void Rent() { Interlocked.Increment(ref _rented); }
            }

            partial class Pool<T>
            {
                public void Return() { {|TALLY001:_rented--|}; }
            }

            static class Cache<T>
            {
                private static int s_hits;
                public static void Hit() { {|TALLY004:s_hits++|}; }
            }
            """);

    [Fact]
    public Task ManyNestedTypes_ShareTheirTopLevelTypesEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Outer
            {
                private static int s_count;
                public static void Up() { Interlocked.Increment(ref s_count); }

                class A { void M() { {|TALLY001:s_count++|}; } class B { void M() { {|TALLY001:s_count--|}; } class C { void M() { {|TALLY001:s_count += 2|}; } } } }
                class D { void M() { {|TALLY001:s_count -= 2|}; } }
                struct E { void M() { {|TALLY001:s_count++|}; } }
            }
            """);

    [Theory]
    [InlineData("char", "'\\0'", "'a'")]
    [InlineData("char", "'x'", "'a'")]
    [InlineData("double", "double.MaxValue", "1d")]
    [InlineData("double", "double.NaN", "1d")]
    [InlineData("float", "float.PositiveInfinity", "1f")]
    [InlineData("decimal", "0m", "1m")]
    [InlineData("ulong", "ulong.MaxValue", "1UL")]
    public Task AFieldComparedWithAConstantOfAnyKindBeforeItIsSet_DoesNotCrash(string type, string constant, string value) =>
        Verify.VerifyAnalyzerAsync($$"""
            using System.Threading;

            public class Reader
            {
                private {{type}} _last;
                private int _count;

                public void Start() => new Thread(Loop).Start();

                private void Loop()
                {
                    if (_last == {{constant}})
                    {
                        _last = {{value}};
                    }

                    {|TALLY003:_count++|};
                }
            }
            """);

    [Fact]
    public Task AStepByACharConstantBesideAnAtomicCounter_DoesNotCrash() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public class Log
            {
                private int _code;

                public void Count() => Interlocked.Increment(ref _code);

                public void Add() => {|TALLY001:_code += 'a'|};
            }
            """);
}
