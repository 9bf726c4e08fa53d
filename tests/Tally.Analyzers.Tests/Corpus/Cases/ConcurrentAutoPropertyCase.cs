namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 4 (reported): a session registry keeps its sessions in a <c>ConcurrentDictionary</c> held by a get-only
/// auto-property, the author's statement that <c>Open</c> and <c>Close</c> are called from many connection threads at
/// once; the open/close counters next to it are plain fields updated with <c>++</c>/<c>--</c>: lost updates.
/// </summary>
internal static class ConcurrentAutoPropertyCase
{
    public static CorpusCase Case { get; } = new("ConcurrentAutoProperty", """
        using System;
        using System.Collections.Concurrent;

        namespace Corpus.Sessions
        {
            public sealed class Session
            {
                public Session(Guid id, string user)
                {
                    Id = id;
                    User = user;
                }

                public Guid Id { get; }

                public string User { get; }
            }

            /// <summary>Tracks live sessions; connection threads open and close sessions concurrently.</summary>
            public sealed class SessionRegistry
            {
                private int _opened;
                private int _live;

                public ConcurrentDictionary<Guid, Session> Sessions { get; } = new ConcurrentDictionary<Guid, Session>();

                public int Opened => _opened;

                public int Live => _live;

                public Session Open(string user)
                {
                    var session = new Session(Guid.NewGuid(), user);
                    Sessions[session.Id] = session;
                    {|TALLY005:_opened++|};
                    {|TALLY005:_live++|};
                    return session;
                }

                public void Close(Guid id)
                {
                    if (Sessions.TryRemove(id, out _))
                    {
                        {|TALLY005:_live--|};
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ConcurrentCollectionAutoProperty,
    };
}
