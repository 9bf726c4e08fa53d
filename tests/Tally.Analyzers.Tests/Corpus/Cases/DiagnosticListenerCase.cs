namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): an observer subscribed to a <c>DiagnosticListener</c> (through <c>AllListeners</c>) receives
/// HTTP events on the threads that send the requests, concurrently; it counts requests and failures without
/// synchronisation: lost updates. (A DiagnosticListener does not serialise its observers the way an Rx operator
/// chain does.)
/// </summary>
internal static class DiagnosticListenerCase
{
    public static CorpusCase Case { get; } = new("DiagnosticListener", """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        namespace Corpus.Diagnostics.Http
        {
            public sealed class HttpEventsObserver : IObserver<KeyValuePair<string, object?>>
            {
                private int _requests;
                private int _failures;

                public int Requests => _requests;

                public void OnNext(KeyValuePair<string, object?> value)
                {
                    switch (value.Key)
                    {
                        case "System.Net.Http.HttpRequestOut.Start":
                            {|TALLY003:_requests++|};
                            break;
                        case "System.Net.Http.Exception":
                            {|TALLY003:_failures++|};
                            break;
                    }
                }

                public void OnError(Exception error)
                {
                }

                public void OnCompleted()
                {
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.DiagnosticListenerObserver,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Diagnostics;

            namespace Corpus.Diagnostics.Http
            {
                public sealed class ListenerSubscriber : IObserver<DiagnosticListener>
                {
                    private readonly HttpEventsObserver _http = new HttpEventsObserver();

                    public static IDisposable Install(out HttpEventsObserver observer)
                    {
                        var subscriber = new ListenerSubscriber();
                        observer = subscriber._http;
                        return DiagnosticListener.AllListeners.Subscribe(subscriber);
                    }

                    public void OnNext(DiagnosticListener listener)
                    {
                        if (listener.Name == "HttpHandlerDiagnosticListener")
                        {
                            listener.Subscribe(_http);
                        }
                    }

                    public void OnError(Exception error)
                    {
                    }

                    public void OnCompleted()
                    {
                    }
                }
            }
            """,
        },
    };
}
