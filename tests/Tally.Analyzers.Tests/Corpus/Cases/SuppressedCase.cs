namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>Updates the author suppressed with <c>#pragma</c> and <c>[SuppressMessage]</c> stay silent; the others are reported (TALLY004).</summary>
internal static class SuppressedCase
{
    public static CorpusCase Case { get; } = new("Suppressed", """
        using System.Diagnostics.CodeAnalysis;

        namespace Corpus.Diagnostics
        {
            public static class ApproximateStats
            {
                private static int s_samples;
                private static int s_dropped;
                private static int s_errors;

                public static void Sample()
                {
        #pragma warning disable TALLY004 // an approximate count is fine here
                    s_samples++;
        #pragma warning restore TALLY004
                    {|TALLY004:s_errors++|};
                }

                [SuppressMessage("Concurrency", "TALLY004:Non-atomic update of a static field", Justification = "Approximate")]
                public static void Drop() => s_dropped++;
            }
        }
        """);
}
