namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A <c>volatile</c> field used as a counter: volatile makes reads visible, not <c>++</c> atomic (TALLY002).</summary>
internal static class VolatileCounterCase
{
    public static CorpusCase Case { get; } = new("VolatileCounter", """
        namespace Corpus.Coordination
        {
            public sealed class PendingWork
            {
                private volatile int _pending;
                private volatile bool _closed;

                public bool IsIdle => _pending == 0;

                public bool TryBegin()
                {
                    if (_closed)
                    {
                        return false;
                    }

                    {|TALLY002:_pending++|};
                    return true;
                }

                public void End() => {|TALLY002:_pending -= 1|};

                public void Close() => _closed = true;
            }
        }
        """);
}
