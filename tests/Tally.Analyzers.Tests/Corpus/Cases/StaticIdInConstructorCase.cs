namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): an actor runtime gives each new actor an id from a static counter incremented in the
/// actor id's constructor; actors create actors from their own threads (another file), so two ids can collide. The
/// instance field set in the same constructor stays silent.
/// </summary>
internal static class StaticIdInConstructorCase
{
    public static CorpusCase Case { get; } = new("StaticIdInConstructor", """
        namespace Corpus.Actors.Ids
        {
            public sealed class ActorId
            {
                private static int s_next;

                public ActorId(string type)
                {
                    Type = type;
                    Value = {|TALLY004:s_next++|};
                }

                public int Value { get; }

                public string Type { get; }

                public override string ToString() => $"{Type}({Value})";
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugStaticIdInConstructor,
        MoreFiles = new[]
        {
            """
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            namespace Corpus.Actors.Ids
            {
                public sealed class ActorRuntime
                {
                    private readonly ConcurrentDictionary<int, string> _actors = new ConcurrentDictionary<int, string>();

                    public Task<ActorId> SpawnAsync(string type) => Task.Run(() =>
                    {
                        var id = new ActorId(type);
                        _actors[id.Value] = type;
                        return id;
                    });
                }
            }
            """,
        },
    };
}
