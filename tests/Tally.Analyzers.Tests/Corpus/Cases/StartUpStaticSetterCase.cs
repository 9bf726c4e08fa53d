namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 5 (clean): static configuration registered at start-up. <c>Codecs.Register</c> and the
/// <c>RetryPolicy</c> setters are called from <c>Main</c> before any worker starts; the workers only read. Expected:
/// nothing reported; every static update runs on the start-up thread before concurrency begins.
/// </summary>
internal static class StartUpStaticSetterCase
{
    public static CorpusCase Case { get; } = new("StartUpStaticSetter", """
        using System;

        namespace Corpus.Config
        {
            public static class Codecs
            {
                private static readonly string[] s_names = new string[16];
                private static int s_count;

                public static void Register(string name)
                {
                    if (s_count == s_names.Length)
                    {
                        throw new InvalidOperationException("Too many codecs.");
                    }

                    s_names[s_count] = name;
                    s_count++;
                }

                public static bool IsKnown(string name) => Array.IndexOf(s_names, name, 0, s_count) >= 0;
            }

            public static class RetryPolicy
            {
                public static int MaxAttempts { get; set; } = 3;

                public static int BackoffMilliseconds { get; set; } = 100;

                public static void Scale(int factor)
                {
                    MaxAttempts *= factor;
                    BackoffMilliseconds += 50 * factor;
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
            using System.Threading.Tasks;

            namespace Corpus.Config
            {
                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        Codecs.Register("gzip");
                        Codecs.Register("brotli");
                        if (args.Length > 0)
                        {
                            RetryPolicy.Scale(2);
                        }

                        Parallel.For(0, 8, worker =>
                        {
                            if (Codecs.IsKnown("gzip"))
                            {
                                Console.WriteLine($"worker {worker} retries {RetryPolicy.MaxAttempts} times");
                            }
                        });
                    }
                }
            }
            """,
        },
    };
}
