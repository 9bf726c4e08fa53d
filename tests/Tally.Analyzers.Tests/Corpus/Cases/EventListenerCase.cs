namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): an <c>EventListener</c>'s <c>OnEventWritten</c> runs on the thread that wrote the event, so it
/// runs concurrently for events written on several threads; the listener counts events without synchronisation:
/// lost updates.
/// </summary>
internal static class EventListenerCase
{
    public static CorpusCase Case { get; } = new("EventListener", """
        using System.Diagnostics.Tracing;

        namespace Corpus.Diagnostics
        {
            public sealed class ContentionListener : EventListener
            {
                private int _contentions;
                private int _events;

                public int Contentions => _contentions;

                protected override void OnEventSourceCreated(EventSource source)
                {
                    if (source.Name == "Microsoft-Windows-DotNETRuntime")
                    {
                        EnableEvents(source, EventLevel.Informational, (EventKeywords)0x4000);
                    }
                }

                protected override void OnEventWritten(EventWrittenEventArgs eventData)
                {
                    {|TALLY003:_events++|};
                    if (eventData.EventName == "ContentionStart_V2")
                    {
                        {|TALLY003:_contentions += 1|};
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.EventListenerCallback,
    };
}
