using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer, Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Programs that hammer racy updates from several threads. Each is fixed with Fix All (the path <c>dotnet format</c>
/// takes), compiled, loaded and run: the concurrent counts must be exact, and the values observed by single-threaded code
/// must be the same before and after the fix.
/// </summary>
public sealed class SemanticFixTests
{
    /// <summary>Starts four threads at once and waits for them (a hung compare-exchange loop fails instead of hanging).</summary>
    private const string HammerSource = """

        internal static class Hammer
        {
            public const int Threads = 4;

            public static void Run(System.Action<int> work)
            {
                var threads = new System.Threading.Thread[Threads];
                var start = new System.Threading.ManualResetEventSlim();
                for (int t = 0; t < Threads; t++)
                {
                    int id = t;
                    threads[t] = new System.Threading.Thread(() => { start.Wait(); work(id); });
                    threads[t].IsBackground = true;
                    threads[t].Start();
                }

                start.Set();
                foreach (var thread in threads)
                {
                    if (!thread.Join(System.TimeSpan.FromSeconds(60)))
                    {
                        throw new System.TimeoutException("a worker thread did not finish");
                    }
                }
            }
        }
        """;

    private const string Counters = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public static class Counters
        {
            private const int PerThread = 100000;
            private static int s_count;
            private static long s_total;
            private static int s_next;
            private static int s_refs;
            private static int s_hits;

            public static string Sequential()
            {
                s_count = 5;
                int a = s_count++;
                int b = ++s_count;
                int c = s_count--;
                int d = --s_count;
                s_total = 10;
                long e = (s_total += 7);
                long f = (s_total -= 20);
                s_count = s_count + 10;
                s_count = 1 + s_count;
                s_refs = 2;
                bool first = --s_refs == 0;
                bool second = --s_refs == 0;
                return $"{a} {b} {c} {d} {s_count} {e} {f} {s_total} {first} {second}";
            }

            public static string Concurrent()
            {
                s_count = 0;
                s_total = 0;
                s_next = 0;
                s_refs = Hammer.Threads * PerThread;
                s_hits = 0;
                var ids = new List<int>[Hammer.Threads];
                Hammer.Run(t =>
                {
                    var mine = new List<int>(PerThread);
                    for (int i = 0; i < PerThread; i++)
                    {
                        s_count++;
                        s_total += 3;
                        mine.Add(s_next++);
                        if (--s_refs == 0)
                        {
                            Interlocked.Increment(ref s_hits);
                        }
                    }

                    ids[t] = mine;
                });

                var distinct = new HashSet<int>();
                int n = 0, min = int.MaxValue, max = int.MinValue;
                foreach (var list in ids)
                {
                    foreach (var id in list)
                    {
                        distinct.Add(id);
                        n++;
                        min = Math.Min(min, id);
                        max = Math.Max(max, id);
                    }
                }

                return $"{s_count} {s_total} {n} {distinct.Count} {min} {max} {s_refs} {s_hits}";
            }
        }
        """;

    private const string Bits = """
        public static class Bits
        {
            private static int s_flags;
            private static long s_wide;
            private static int s_mask;
            private static int s_toggles;

            public static string Sequential()
            {
                s_flags = 1;
                int a = (s_flags |= 6);
                int b = (s_flags &= 5);
                int c = (s_flags ^= 3);
                s_wide = 0;
                long d = (s_wide |= -2);
                return $"{a} {b} {c} {s_flags} {d}";
            }

            public static string Concurrent()
            {
                s_flags = 0;
                s_wide = 0;
                s_mask = -1;
                s_toggles = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 8; i++)
                    {
                        int bit = 1 << (t * 8 + i);
                        long wideBit = 1L << (t * 16 + i);
                        for (int r = 0; r < 20000; r++)
                        {
                            s_flags |= bit;
                            s_wide |= wideBit;
                            s_mask &= ~bit;
                            s_toggles ^= bit;
                        }
                    }
                });

                return $"{s_flags} {s_wide:X} {s_mask} {s_toggles}";
            }
        }
        """;

    private const string Loops = """
        public static class Loops
        {
            private static long s_product;
            private static int s_value;
            private static double s_sum;
            private static double s_nan;
            private static float s_single;
            private static uint s_unsigned;
            private static ulong s_wide;

            public static string Sequential()
            {
                s_product = 3;
                long a = (s_product *= 5);
                s_value = 100;
                int b = (s_value /= 7);
                int c = (s_value %= 5);
                int d = (s_value <<= 4);
                int e = (s_value >>= 2);
                s_value = 10;
                s_value = 3 - s_value;
                int f = s_value;
                s_sum = 0.5;
                double g = s_sum++;
                double h = (s_sum *= 4);
                double i = --s_sum;
                s_unsigned = 1;
                uint j = (s_unsigned -= 3);
                s_wide = 0;
                s_wide--;
                s_value = int.MaxValue;
                int k = s_value++;
                return $"{a} {b} {c} {d} {e} {f} {g} {h} {i} {j} {s_wide} {k} {s_value}";
            }

            public static string Concurrent()
            {
                s_product = 1;
                s_sum = 0;
                s_nan = double.NaN;
                s_single = 0;
                s_unsigned = 0;
                s_wide = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 50000; i++)
                    {
                        s_product *= 3;
                        s_sum += 1.0;
                        s_nan += 1.0;
                        s_single += 1f;
                        s_unsigned -= 3;
                        s_wide += 5;
                    }
                });

                long expected = 1;
                for (int i = 0; i < Hammer.Threads * 50000; i++)
                {
                    expected = unchecked(expected * 3);
                }

                return $"{s_product == expected} {s_sum} {double.IsNaN(s_nan)} {s_single} {s_unsigned} {s_wide}";
            }
        }
        """;

    private const string Overflow = """
        using System;
        using System.Threading;

        public static class Overflow
        {
            private static int s_count;
            private static long s_total;
            private static int s_failures;

            public static string Sequential()
            {
                s_count = int.MaxValue - 1;
                int a = s_count++;
                string r;
                try
                {
                    s_count++;
                    r = "no-throw";
                }
                catch (OverflowException)
                {
                    r = "threw";
                }

                s_total = long.MinValue + 1;
                string q;
                try
                {
                    s_total -= 2;
                    q = "no-throw";
                }
                catch (OverflowException)
                {
                    q = "threw";
                }

                return $"{a} {r} {s_count == int.MaxValue} {q} {s_total == long.MinValue + 1}";
            }

            public static string Concurrent()
            {
                s_count = int.MaxValue - 1000;
                s_failures = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 1000; i++)
                    {
                        try
                        {
                            s_count++;
                        }
                        catch (OverflowException)
                        {
                            Interlocked.Increment(ref s_failures);
                        }
                    }
                });

                return $"{s_count == int.MaxValue} {s_failures}";
            }
        }
        """;

    private const string CheckedBlock = """
        using System;
        using System.Threading;

        public static class CheckedBlock
        {
            private static int s_count;
            private static int s_failures;

            public static string Sequential()
            {
                s_count = int.MaxValue;
                string r = "no-throw";
                try
                {
                    checked { s_count += 1; }
                }
                catch (OverflowException)
                {
                    r = "threw";
                }

                s_count += 1;
                return $"{r} {s_count == int.MinValue}";
            }

            public static string Concurrent()
            {
                s_count = int.MaxValue - 500;
                s_failures = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 500; i++)
                    {
                        try
                        {
                            checked { s_count += 1; }
                        }
                        catch (OverflowException)
                        {
                            Interlocked.Increment(ref s_failures);
                        }
                    }
                });

                return $"{s_count == int.MaxValue} {s_failures}";
            }
        }
        """;

    private const string Volatiles = """
        public static class Volatiles
        {
            private static volatile int v_count;
            private static volatile int v_bits;
            private static volatile float v_single;

            public static string Sequential()
            {
                v_count = 2;
                v_count *= 21;
                int a = v_count++;
                int b = --v_count;
                v_bits = 6;
                v_bits ^= 3;
                return $"{a} {b} {v_count} {v_bits}";
            }

            public static string Concurrent()
            {
                v_count = 0;
                v_bits = 0;
                v_single = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 100000; i++)
                    {
                        v_count += 2;
                        v_single += 1f;
                        v_bits ^= 1 << t;
                    }
                });

                return $"{v_count} {v_single} {v_bits}";
            }
        }
        """;

    private const string Small = """
        public static class Small
        {
            private static byte s_level;
            private static short s_wide;

            public static string Sequential()
            {
                s_level = 250;
                s_level += 10;
                byte a = s_level;
                byte b = s_level++;
                string r = "no-throw";
                s_level = 255;
                try
                {
                    checked { s_level++; }
                }
                catch (System.OverflowException)
                {
                    r = "threw";
                }

                s_wide = 0x4000;
                string q = "no-throw";
                try
                {
                    checked { s_wide <<= 1; }
                }
                catch (System.OverflowException)
                {
                    q = "threw";
                }

                return $"{a} {b} {s_level} {r} {q} {s_wide}";
            }

            public static string Concurrent()
            {
                s_level = 0;
                s_wide = 0;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 25000; i++)
                    {
                        s_level++;
                        s_wide += 1;
                    }
                });

                return $"{s_level} {s_wide}";
            }
        }
        """;

    private const string Enums = """
        [System.Flags]
        public enum Bits32 : uint
        {
            None = 0,
        }

        public static class Enums
        {
            private static Bits32 s_set;
            private static volatile Bits32 v_toggles;

            public static string Sequential()
            {
                s_set = (Bits32)1;
                Bits32 a = (s_set |= (Bits32)6);
                Bits32 b = (s_set &= (Bits32)5);
                return $"{(uint)a} {(uint)b} {(uint)s_set}";
            }

            public static string Concurrent()
            {
                s_set = Bits32.None;
                v_toggles = Bits32.None;
                Hammer.Run(t =>
                {
                    for (int i = 0; i < 8; i++)
                    {
                        var bit = (Bits32)(1u << (t * 8 + i));
                        for (int r = 0; r < 20000; r++)
                        {
                            s_set |= bit;
                            v_toggles ^= bit;
                        }
                    }
                });

                return $"{(uint)s_set:X} {(uint)v_toggles}";
            }
        }
        """;

    [Fact]
    public async Task EnumFlags_OnNet9OrLater_UseAGenericCompareExchangeLoop_ThatIsExact()
    {
        var (original, fixedSource) = await FixAsync(Enums);
        Assert.DoesNotContain("|=", fixedSource);
        Assert.DoesNotContain("^=", fixedSource);

        const string sequential = "7 5 5";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Enums", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Enums", "Sequential"));
        Assert.Equal("FFFFFFFF 0", await CompiledSources.RunAsync(fixedSource, "Enums", "Concurrent"));
    }

    private const string Handlers = """
        using System;
        using System.Threading;

        public static class Handlers
        {
            private static Action s_handlers;
            private static int s_calls;

            public static string Sequential()
            {
                s_calls = 0;
                s_handlers = null;
                Action a = () => Interlocked.Increment(ref s_calls);
                Action b = () => Interlocked.Add(ref s_calls, 10);
                s_handlers += a;
                s_handlers += b;
                s_handlers = s_handlers + a;
                s_handlers -= b;
                s_handlers();
                s_handlers = b + s_handlers;
                s_handlers();
                return $"{s_calls} {s_handlers.GetInvocationList().Length}";
            }

            public static string Concurrent()
            {
                s_calls = 0;
                s_handlers = null;
                Hammer.Run(t =>
                {
                    var mine = new Action[1000];
                    for (int i = 0; i < mine.Length; i++)
                    {
                        int copy = i;
                        mine[i] = () => Interlocked.Add(ref s_calls, copy >= 0 ? 1 : 0);
                        s_handlers += mine[i];
                    }

                    for (int i = 0; i < mine.Length; i += 2)
                    {
                        s_handlers -= mine[i];
                    }
                });

                s_handlers();
                return $"{s_calls} {s_handlers.GetInvocationList().Length}";
            }
        }
        """;

    [Fact]
    public async Task DelegateCombination_KeepsEveryHandler()
    {
        var (original, fixedSource) = await FixAsync(Handlers);
        Assert.DoesNotContain("s_handlers += ", fixedSource);
        Assert.DoesNotContain("s_handlers -= ", fixedSource);

        const string sequential = "14 3";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Handlers", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Handlers", "Sequential"));
        Assert.Equal("2000 2000", await CompiledSources.RunAsync(fixedSource, "Handlers", "Concurrent"));
    }

    [Fact]
    public async Task SmallIntegers_WrapAndThrowLikeTheOriginal()
    {
        var (original, fixedSource) = await FixAsync(Small);
        Assert.DoesNotContain("s_level++", fixedSource);
        Assert.DoesNotContain("<<=", fixedSource);

        const string sequential = "4 4 255 threw threw 16384";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Small", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Small", "Sequential"));
        Assert.Equal("160 -31072", await CompiledSources.RunAsync(fixedSource, "Small", "Concurrent"));
    }

    [Fact]
    public async Task NetStandard20Fallbacks_ForOrAndAnd_AreExact()
    {
        var (original, fixedSource) = await FixAsync(Bits, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });
        Assert.DoesNotContain("Interlocked.Or(", fixedSource);
        Assert.Contains("AtomicOr(", fixedSource);

        const string sequential = "7 5 6 6 -2";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Bits", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Bits", "Sequential"));
        Assert.Equal("-1 FF00FF00FF00FF 0 0", await CompiledSources.RunAsync(fixedSource, "Bits", "Concurrent"));
    }

    [Fact]
    public async Task Counters_AreExact_AndSequentialValuesAreKept()
    {
        var (original, fixedSource) = await FixAsync(Counters);
        Assert.DoesNotContain("s_count++", fixedSource);
        Assert.DoesNotContain("--s_refs", fixedSource);
        Assert.DoesNotContain("s_next++", fixedSource);

        const string sequential = "5 7 7 5 16 17 -3 -3 False True";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Counters", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Counters", "Sequential"));
        Assert.Equal("400000 1200000 400000 400000 0 399999 0 1", await CompiledSources.RunAsync(fixedSource, "Counters", "Concurrent"));
    }

    [Fact]
    public async Task BitwiseUpdates_KeepEveryBit_AndReturnTheNewValue()
    {
        var (original, fixedSource) = await FixAsync(Bits);
        Assert.DoesNotContain("|=", fixedSource);
        Assert.DoesNotContain("&=", fixedSource);
        Assert.DoesNotContain("^=", fixedSource);

        const string sequential = "7 5 6 6 -2";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Bits", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Bits", "Sequential"));
        Assert.Equal("-1 FF00FF00FF00FF 0 0", await CompiledSources.RunAsync(fixedSource, "Bits", "Concurrent"));
    }

    [Fact]
    public async Task CompareExchangeLoops_AreExact_ForProductsDoublesNaNAndUnsignedWrapping()
    {
        var (original, fixedSource) = await FixAsync(Loops);
        Assert.DoesNotContain("*=", fixedSource);
        Assert.DoesNotContain("s_sum += 1.0", fixedSource);

        const string sequential = "15 14 4 64 16 -7 0.5 6 5 4294967294 18446744073709551615 2147483647 -2147483648";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Loops", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Loops", "Sequential"));
        Assert.Equal($"True 200000 True 200000 {unchecked(0u - 600000u)} 1000000", await CompiledSources.RunAsync(fixedSource, "Loops", "Concurrent"));
    }

    [Fact]
    public async Task CheckedBuild_StillThrowsOnOverflow_AndKeepsTheLastValue()
    {
        var options = new TestOptions { CheckOverflow = true };
        var (original, fixedSource) = await FixAsync(Overflow, options);
        Assert.DoesNotContain("s_count++", fixedSource);
        Assert.DoesNotContain("s_total -= 2", fixedSource);

        const string sequential = "2147483646 threw True threw True";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Overflow", "Sequential", new TestOptions { CheckOverflow = true }));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Overflow", "Sequential", new TestOptions { CheckOverflow = true }));
        Assert.Equal("True 3000", await CompiledSources.RunAsync(fixedSource, "Overflow", "Concurrent", new TestOptions { CheckOverflow = true }));
    }

    [Fact]
    public async Task CheckedBlock_StillThrowsOnOverflow_WhileUncheckedCodeWraps()
    {
        var (original, fixedSource) = await FixAsync(CheckedBlock);
        Assert.DoesNotContain("s_count += 1", fixedSource);

        const string sequential = "threw True";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "CheckedBlock", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "CheckedBlock", "Sequential"));
        Assert.Equal("True 1500", await CompiledSources.RunAsync(fixedSource, "CheckedBlock", "Concurrent"));
    }

    [Fact]
    public async Task VolatileFields_GetInlineLoops_ThatAreExact()
    {
        var (original, fixedSource) = await FixAsync(Volatiles);
        Assert.DoesNotContain("v_count += 2", fixedSource);
        Assert.DoesNotContain("v_single += 1f", fixedSource);
        Assert.DoesNotContain("^=", fixedSource);
        Assert.DoesNotContain("#pragma", fixedSource);

        const string sequential = "42 42 42 5";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Volatiles", "Sequential"));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Volatiles", "Sequential"));
        Assert.Equal("800000 400000 0", await CompiledSources.RunAsync(fixedSource, "Volatiles", "Concurrent"));
    }

    [Fact]
    public async Task CSharp73_Output_IsExactToo()
    {
        var options = new TestOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3 };
        var (original, fixedSource) = await FixAsync(Bits, options);
        const string sequential = "7 5 6 6 -2";
        Assert.Equal(sequential, await CompiledSources.RunAsync(original, "Bits", "Sequential", new TestOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3 }));
        Assert.Equal(sequential, await CompiledSources.RunAsync(fixedSource, "Bits", "Sequential", new TestOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3 }));
        Assert.Equal("-1 FF00FF00FF00FF 0 0", await CompiledSources.RunAsync(fixedSource, "Bits", "Concurrent", new TestOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3 }));
    }

    private static async Task<(string Original, string Fixed)> FixAsync(string program, TestOptions? options = null)
    {
        var original = program + HammerSource;
        var fixedTexts = await Verify.ApplyFixAllAsync(new[] { original }, options);
        Assert.NotEqual(original, fixedTexts[0]);
        return (original, fixedTexts[0]);
    }
}
