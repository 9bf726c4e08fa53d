using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer,
    Tally.CodeFixes.InterlockedMisuse.InterlockedMisuseCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// The misuse fixes must not change what single-threaded code computes: run a scenario before and after Fix All and
/// compare the results, including wrap-around at the integer limits.
/// </summary>
public class InterlockedMisuseFixSemanticsTests
{
    private const string Scenario = """
        using System.Collections.Immutable;
        using System.Text;
        using System.Threading;

        public static class Scenario
        {
            private static int s_hits = int.MaxValue - 1;
            private static long s_total = long.MinValue + 3;
            private static int s_budget = int.MinValue + 2;
            private static int s_slot;
            private static long s_ticks = 5;
            private static int s_next;
            private static object s_state = "start";
            private static ImmutableList<int> s_list = ImmutableList<int>.Empty;

            public static string Run()
            {
                var log = new StringBuilder();
                for (int i = 0; i < 3; i++)
                {
                    s_hits = Interlocked.Increment(ref s_hits);
                    log.Append(s_hits).Append(',');
                    log.Append(s_total = Interlocked.Add(ref s_total, -2)).Append(',');
                    Interlocked.Exchange(ref s_budget, s_budget - 1);
                    Interlocked.Exchange(ref s_total, s_total - i);
                    Interlocked.Exchange(ref s_budget, s_budget - int.MaxValue);
                    Interlocked.Exchange(ref s_slot, (s_slot + 2) % 3);
                    Interlocked.CompareExchange(ref s_ticks, s_ticks * 3 + 1, s_ticks);
                    Interlocked.Exchange(ref s_list, s_list.Add(i * 10));
                    Interlocked.Increment(ref s_next);
                    log.Append(s_next % 2).Append(',').Append(s_next).Append(',');
                    Interlocked.Exchange(ref s_state, "s" + i);
                    log.Append(s_state).Append(';');
                }

                return log.Append(s_budget).Append('|').Append(s_total).Append('|').Append(s_slot).Append('|')
                    .Append(s_ticks).Append('|').Append(string.Join(" ", s_list)).ToString();
            }
        }
        """;

    [Fact]
    public async Task FixAll_KeepsTheResultsOfSingleThreadedCode()
    {
        var fixedTexts = await Verify.ApplyFixAllAsync(new[] { Scenario });
        var fixedSource = fixedTexts[0];

        Assert.DoesNotContain("s_hits = Interlocked", fixedSource);
        Assert.Contains("Interlocked.Add(ref s_budget, -1)", fixedSource);
        Assert.Contains("CompareExchange(ref s_slot", fixedSource);
        Assert.Contains("= Interlocked.Increment(ref s_next)", fixedSource);

        var before = await CompiledSources.RunAsync(Scenario, "Scenario", "Run");
        var after = await CompiledSources.RunAsync(fixedSource, "Scenario", "Run");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task FixAll_InACheckedCompilation_KeepsOverflowChecks()
    {
        const string source = """
            using System;
            using System.Threading;

            public static class Scenario
            {
                private static int s_value = int.MaxValue - 1;

                public static string Run()
                {
                    try
                    {
                        for (int i = 0; i < 3; i++)
                        {
                            Interlocked.Exchange(ref s_value, s_value + 1);
                        }

                        return "no overflow " + s_value;
                    }
                    catch (OverflowException)
                    {
                        return "overflow at " + s_value;
                    }
                }
            }
            """;
        var options = new TestOptions { CheckOverflow = true };

        var fixedSource = (await Verify.ApplyFixAllAsync(new[] { source }, options))[0];

        Assert.DoesNotContain("Interlocked.Add", fixedSource);
        Assert.Equal(
            await CompiledSources.RunAsync(source, "Scenario", "Run", new TestOptions { CheckOverflow = true }),
            await CompiledSources.RunAsync(fixedSource, "Scenario", "Run", new TestOptions { CheckOverflow = true }));
    }
}
