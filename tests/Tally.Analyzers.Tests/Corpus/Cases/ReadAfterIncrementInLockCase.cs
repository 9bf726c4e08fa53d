namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5, TALLY007 (reported): a round-robin picker increments its cursor with Interlocked and reads it again inside
/// <c>lock (_pickLock)</c>, but <c>Skip</c> increments the same cursor without that lock, so between the increment and
/// the read another thread can move the cursor: the read is reported. A second picker whose every increment is under
/// its one lock stays silent.
/// </summary>
internal static class ReadAfterIncrementInLockCase
{
    public static CorpusCase Case { get; } = new("ReadAfterIncrementInLock", """
        using System.Threading;

        namespace Corpus.Balancing
        {
            public sealed class RoundRobin
            {
                private readonly object _pickLock = new object();
                private readonly string[] _backends;
                private int _cursor;

                public RoundRobin(string[] backends) => _backends = backends;

                public string Pick()
                {
                    lock (_pickLock)
                    {
                        Interlocked.Increment(ref _cursor);
                        return _backends[({|TALLY007:_cursor|} & int.MaxValue) % _backends.Length];
                    }
                }

                public void Skip() => Interlocked.Increment(ref _cursor);
            }

            public sealed class LockedRoundRobin
            {
                private readonly object _pickLock = new object();
                private readonly string[] _backends;
                private int _cursor;

                public LockedRoundRobin(string[] backends) => _backends = backends;

                public string Pick()
                {
                    lock (_pickLock)
                    {
                        Interlocked.Increment(ref _cursor);
                        return _backends[(_cursor & int.MaxValue) % _backends.Length];
                    }
                }

                public void Skip()
                {
                    lock (_pickLock)
                    {
                        Interlocked.Increment(ref _cursor);
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ReadAfterInterlockedInsideLock,
    };
}
