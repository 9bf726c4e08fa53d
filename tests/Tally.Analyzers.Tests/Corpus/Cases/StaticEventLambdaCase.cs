namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): lambdas subscribed to static events raised on many threads: the project's own
/// <c>Connection.Opened</c> (raised by each connection's <c>Task.Run</c>, another file) and
/// <c>AppDomain.FirstChanceException</c> (raised on every thread that throws). Both lambdas update static counters
/// without synchronisation: lost updates.
/// </summary>
internal static class StaticEventLambdaCase
{
    public static CorpusCase Case { get; } = new("StaticEventLambda", """
        using System;

        namespace Corpus.Monitoring
        {
            public static class ProcessMonitor
            {
                private static int s_connectionsOpened;
                private static int s_firstChanceExceptions;

                public static void Install()
                {
                    Connection.Opened += endpoint => {|TALLY004:s_connectionsOpened++|};
                    AppDomain.CurrentDomain.FirstChanceException += (_, _) => {|TALLY004:s_firstChanceExceptions += 1|};
                }

                public static string Describe() => $"{s_connectionsOpened} connections, {s_firstChanceExceptions} exceptions";
            }
        }
        """)
    {
        Pattern = Issue9Patterns.StaticEventLambda,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading.Tasks;

            namespace Corpus.Monitoring
            {
                public sealed class Connection
                {
                    public static event Action<string>? Opened;

                    private Connection(string endpoint) => Endpoint = endpoint;

                    public string Endpoint { get; }

                    public static Task<Connection> OpenAsync(string endpoint) => Task.Run(() =>
                    {
                        var connection = new Connection(endpoint);
                        Opened?.Invoke(endpoint);
                        return connection;
                    });
                }
            }
            """,
        },
    };
}
