namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A thread-safe-by-design publisher: field-like events (their <c>+=</c> is atomic, never reported) next to a delegate
/// field combined with <c>+=</c> (not atomic) in a type that locks for its other state (TALLY005).
/// </summary>
internal static class EventsAndDelegatesCase
{
    public static CorpusCase Case { get; } = new("EventsAndDelegates", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Events
        {
            public sealed class Publisher
            {
                private readonly object _gate = new object();
                private readonly List<string> _history = new List<string>();
                private Action<string>? _listeners;

                public event EventHandler? Published;

                public void Subscribe(Action<string> listener) => {|TALLY005:_listeners += listener|};

                public void Publish(string message)
                {
                    lock (_gate)
                    {
                        _history.Add(message);
                    }

                    _listeners?.Invoke(message);
                    Published?.Invoke(this, EventArgs.Empty);
                }
            }

            public sealed class Subscriber
            {
                private int _received;

                public Subscriber(Publisher publisher)
                {
                    publisher.Published += OnPublished;
                    publisher.Subscribe(_ => _received++);
                }

                public int Received => _received;

                private void OnPublished(object? sender, EventArgs e)
                {
                }
            }
        }
        """);
}
