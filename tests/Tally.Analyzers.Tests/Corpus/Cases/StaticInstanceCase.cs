namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 4 (reported): process-wide instances reached through static members (<c>MetricsRegistry.Default</c>, a
/// <c>Lazy&lt;T&gt;</c>-backed <c>FeatureFlags.Instance</c>) are used by work items queued to the thread pool (another
/// file); their methods update plain fields: lost updates.
/// </summary>
internal static class StaticInstanceCase
{
    public static CorpusCase Case { get; } = new("StaticInstance", """
        using System;

        namespace Corpus.Globals
        {
            public sealed class MetricsRegistry
            {
                private long _requests;
                private long _errors;

                public static MetricsRegistry Default { get; } = new MetricsRegistry();

                public void CountRequest(bool failed)
                {
                    {|TALLY005:_requests++|};
                    if (failed)
                    {
                        {|TALLY005:_errors++|};
                    }
                }

                public string Describe() => $"{_requests} requests, {_errors} errors";
            }

            public sealed class FeatureFlags
            {
                private static readonly Lazy<FeatureFlags> s_instance = new Lazy<FeatureFlags>(() => new FeatureFlags());
                private int _evaluations;

                public static FeatureFlags Instance => s_instance.Value;

                public bool IsEnabled(string flag)
                {
                    {|TALLY005:_evaluations++|};
                    return flag.Length % 2 == 0;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.InstanceThroughStaticMember,
        MoreFiles = new[]
        {
            """
            using System.Threading;

            namespace Corpus.Globals
            {
                public static class RequestQueue
                {
                    public static void Dispatch(string[] paths)
                    {
                        foreach (string path in paths)
                        {
                            ThreadPool.QueueUserWorkItem(_ =>
                            {
                                bool failed = !FeatureFlags.Instance.IsEnabled(path);
                                MetricsRegistry.Default.CountRequest(failed);
                            });
                        }
                    }
                }
            }
            """,
        },
    };
}
