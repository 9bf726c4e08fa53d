namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported, test code): a hedging executor (another file) starts extra attempts with <c>Task.Run</c>
/// and calls the <c>OnHedging</c> callback of its options from each attempt; a test counts hedges with a captured
/// local, <c>hedges++</c>, and the count comes out short under load. The sequential assertion on the result stays
/// silent.
/// </summary>
internal static class ResilienceCallbackCountCase
{
    public static CorpusCase Case { get; } = new("ResilienceCallbackCount", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.Resilience.Tests
        {
            public static class HedgingScenario
            {
                public static async Task<bool> HedgesFourTimesAsync()
                {
                    int hedges = 0;
                    var executor = new HedgingExecutor<string>(new HedgingOptions<string>
                    {
                        MaxAttempts = 5,
                        Delay = TimeSpan.FromMilliseconds(5),
                        OnHedging = attempt => {|TALLY003:hedges++|},
                        IsSuccess = result => result == "ok",
                    });

                    string result = await executor.ExecuteAsync(async attempt =>
                    {
                        await Task.Delay(20);
                        return attempt == 4 ? "ok" : "error";
                    });
                    return result == "ok" && hedges == 4;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugResilienceCallbackCount,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Resilience
            {
                public sealed class HedgingOptions<T>
                {
                    public int MaxAttempts { get; set; } = 2;

                    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

                    public Action<int>? OnHedging { get; set; }

                    public Func<T, bool> IsSuccess { get; set; } = _ => true;
                }

                /// <summary>Starts another attempt every Delay until one succeeds; attempts run at the same time.</summary>
                public sealed class HedgingExecutor<T>
                {
                    private readonly HedgingOptions<T> _options;

                    public HedgingExecutor(HedgingOptions<T> options) => _options = options;

                    public async Task<T> ExecuteAsync(Func<int, Task<T>> action)
                    {
                        var running = new List<Task<T>> { action(0) };
                        for (int attempt = 1; attempt < _options.MaxAttempts; attempt++)
                        {
                            int number = attempt;
                            running.Add(Task.Run(async () =>
                            {
                                _options.OnHedging?.Invoke(number);
                                return await action(number).ConfigureAwait(false);
                            }));
                            await Task.Delay(_options.Delay).ConfigureAwait(false);
                        }

                        while (running.Count > 0)
                        {
                            var finished = await Task.WhenAny(running).ConfigureAwait(false);
                            running.Remove(finished);
                            T result = await finished.ConfigureAwait(false);
                            if (_options.IsSuccess(result))
                            {
                                return result;
                            }
                        }

                        throw new InvalidOperationException("Every attempt failed.");
                    }
                }
            }
            """,
        },
    };
}
