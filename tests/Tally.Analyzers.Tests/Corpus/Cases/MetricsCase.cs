namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A metrics class that counts most things with Interlocked, but bumps one counter with a plain <c>++</c> on a path
/// someone forgot (TALLY001: the same field is updated atomically elsewhere) and another one never atomically
/// (TALLY005: the type synchronises its other state, so its instances are shared).
/// </summary>
internal static class MetricsCase
{
    public static CorpusCase Case { get; } = new("Metrics", """
        using System;
        using System.Threading;

        namespace Corpus.Telemetry
        {
            public sealed class RequestMetrics
            {
                private long _requests;
                private long _bytes;
                private int _retries;
                private int _errors;
                private int _peak;

                public void RequestStarted(int bytes)
                {
                    Interlocked.Increment(ref _requests);
                    Interlocked.Add(ref _bytes, bytes);
                }

                public void RequestRetried(bool fromQueue)
                {
                    if (fromQueue)
                    {
                        Interlocked.Increment(ref _retries);
                    }
                    else
                    {
                        {|TALLY001:_retries++|};
                    }
                }

                public void RequestFailed(Exception error)
                {
                    if (error is OperationCanceledException)
                    {
                        return;
                    }

                    {|TALLY005:_errors++|};
                }

                public void ObserveConcurrency(int current)
                {
                    int seen;
                    do
                    {
                        seen = Volatile.Read(ref _peak);
                        if (current <= seen)
                        {
                            return;
                        }
                    }
                    while (Interlocked.CompareExchange(ref _peak, current, seen) != seen);
                }

                public string Describe()
                    => $"{Interlocked.Read(ref _requests)} requests, {Interlocked.Read(ref _bytes)} bytes, {Volatile.Read(ref _retries)} retries, {_errors} errors, peak {Volatile.Read(ref _peak)}";
            }
        }
        """);
}
