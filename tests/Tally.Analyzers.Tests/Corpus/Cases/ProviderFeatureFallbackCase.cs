namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 5 (clean, held-out family E): a data-access library's static feature switches. Public static
/// properties turn two provider features on or off through one private helper that sets or clears bits of a static
/// flag word; users set them at start-up. When a provider rejects a feature, the command runner (on whichever thread
/// runs the query) falls back and clears both features for good, through the same helper and always with the same
/// constant mask: two threads doing that at once lose nothing. Expected: nothing reported.
/// </summary>
internal static class ProviderFeatureFallbackCase
{
    public static CorpusCase Case { get; } = new("ProviderFeatureFallback", """
        using System;

        namespace Corpus.Data
        {
            [Flags]
            public enum Features
            {
                None = 0,
                Streaming = 1,
                Prepared = 2,
                Batching = 4,
                KeyInfo = 8,
            }

            public static class DataSettings
            {
                private const Features Defaults = Features.Batching | Features.KeyInfo;

                internal static Features Enabled { get; private set; } = Defaults;

                public static int? CommandTimeout { get; set; }

                public static bool UseStreaming
                {
                    get => (Enabled & Features.Streaming) != 0;
                    set => Toggle(Features.Streaming, value);
                }

                public static bool UsePrepared
                {
                    get => (Enabled & Features.Prepared) != 0;
                    set => Toggle(Features.Prepared, value);
                }

                internal static bool FallBack(Features attempted, Exception error)
                {
                    if ((attempted & (Features.Streaming | Features.Prepared)) == 0 || !ProviderErrors.IsUnsupported(error))
                    {
                        return false;
                    }

                    Toggle(Features.Streaming | Features.Prepared, false);
                    return true;
                }

                private static void Toggle(Features features, bool on)
                {
                    if (on)
                    {
                        Enabled |= features;
                    }
                    else
                    {
                        Enabled &= ~features;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.StaticStartUpSetter,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Data
            {
                internal static class ProviderErrors
                {
                    public static bool IsUnsupported(Exception error)
                        => error is NotSupportedException || error.Message.IndexOf("not supported", StringComparison.OrdinalIgnoreCase) >= 0;
                }
            }
            """,
            """
            using System;
            using System.Threading.Tasks;

            namespace Corpus.Data
            {
                public sealed class CommandRunner
                {
                    private readonly Func<string, Features, Task<int>> _execute;

                    public CommandRunner(Func<string, Features, Task<int>> execute) => _execute = execute;

                    public async Task<int> ExecuteAsync(string sql)
                    {
                        var wanted = Features.Streaming | Features.Prepared | Features.KeyInfo;
                        try
                        {
                            return await _execute(sql, wanted & DataSettings.Enabled).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (DataSettings.FallBack(wanted, ex))
                        {
                            return await _execute(sql, wanted & DataSettings.Enabled).ConfigureAwait(false);
                        }
                    }

                    public Task<int[]> ExecuteAllAsync(string[] batch)
                    {
                        var tasks = new Task<int>[batch.Length];
                        for (var i = 0; i < batch.Length; i++)
                        {
                            tasks[i] = ExecuteAsync(batch[i]);
                        }

                        return Task.WhenAll(tasks);
                    }
                }
            }
            """,
        },
    };
}
