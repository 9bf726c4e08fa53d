namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// "Fixes" that stayed racy: the Interlocked result written back (TALLY006), a new value computed from a separate read
/// (TALLY006), and the field read again after the update instead of using the returned value (TALLY007). The correct
/// uses next to them are not reported.
/// </summary>
internal static class InterlockedMisuseCase
{
    public static CorpusCase Case { get; } = new("InterlockedMisuse", """
        using System.Threading;

        namespace Corpus.Balancing
        {
            public sealed class Backend
            {
                public Backend(string address) => Address = address;

                public string Address { get; }
            }

            public sealed class LoadBalancer
            {
                private readonly Backend[] _backends;
                private int _next;
                private int _picked;
                private int _slot;
                private long _version;

                public LoadBalancer(Backend[] backends) => _backends = backends;

                public Backend PickRoundRobin()
                {
                    Interlocked.Increment(ref _next);
                    {|TALLY006:_picked = Interlocked.Increment(ref _picked)|};
                    return _backends[{|TALLY007:_next|} % _backends.Length];
                }

                public Backend PickSticky()
                {
                    {|TALLY006:Interlocked.Exchange(ref _slot, (_slot + 1) % _backends.Length)|};
                    return _backends[Volatile.Read(ref _slot)];
                }

                public Backend PickCorrectly()
                {
                    var next = Interlocked.Increment(ref _next);
                    return _backends[(next & int.MaxValue) % _backends.Length];
                }

                public long Reload()
                {
                    return Interlocked.Increment(ref _version);
                }
            }
        }
        """);
}
