namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): an <c>ActivityListener</c>'s <c>ActivityStarted</c>/<c>ActivityStopped</c> callbacks run on
/// whatever thread starts or stops an activity, many at once in a server; the tracer updates its counters there
/// without synchronisation: lost updates.
/// </summary>
internal static class ActivityListenerCase
{
    public static CorpusCase Case { get; } = new("ActivityListener", """
        using System;
        using System.Diagnostics;

        namespace Corpus.Tracing
        {
            public sealed class SpanCounter : IDisposable
            {
                private readonly ActivityListener _listener;
                private int _started;
                private int _stopped;
                private long _totalTicks;

                public SpanCounter(string sourceName)
                {
                    _listener = new ActivityListener
                    {
                        ShouldListenTo = source => source.Name == sourceName,
                        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                        ActivityStarted = _ => {|TALLY003:_started++|},
                        ActivityStopped = OnStopped,
                    };
                    ActivitySource.AddActivityListener(_listener);
                }

                public int InFlight => _started - _stopped;

                private void OnStopped(Activity activity)
                {
                    {|TALLY003:_stopped++|};
                    {|TALLY003:_totalTicks += activity.Duration.Ticks|};
                }

                public void Dispose() => _listener.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ActivityListenerCallbacks,
    };
}
