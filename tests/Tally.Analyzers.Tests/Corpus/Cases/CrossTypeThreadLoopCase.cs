namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 1 (reported): a consumer group starts <c>new Thread(loop.Run)</c> in a loop, every thread on the same poll loop
/// object (another file); the loop's counters are updated by all threads at once: lost updates.
/// </summary>
internal static class CrossTypeThreadLoopCase
{
    public static CorpusCase Case { get; } = new("CrossTypeThreadLoop", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Consumers
        {
            public sealed class ConsumerGroup
            {
                private readonly List<Thread> _threads = new List<Thread>();

                public PollLoop Start(int consumers, IMessageSource source)
                {
                    var loop = new PollLoop(source);
                    for (int i = 0; i < consumers; i++)
                    {
                        var thread = new Thread(loop.Run) { IsBackground = true, Name = $"consumer-{i}" };
                        _threads.Add(thread);
                        thread.Start();
                    }

                    return loop;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CrossTypeThreadInLoop,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Consumers
            {
                public interface IMessageSource
                {
                    string? Poll();
                }

                public sealed class PollLoop
                {
                    private readonly IMessageSource _source;
                    private long _received;
                    private int _emptyPolls;

                    public PollLoop(IMessageSource source) => _source = source;

                    public long Received => _received;

                    public volatile bool Stopped;

                    public void Run()
                    {
                        while (!Stopped)
                        {
                            string? message = _source.Poll();
                            if (message is null)
                            {
                                {|TALLY003:_emptyPolls++|};
                                continue;
                            }

                            {|TALLY003:_received += 1|};
                        }
                    }
                }
            }
            """,
        },
    };
}
