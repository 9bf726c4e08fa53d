namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A reference-counted handle: the classic "decrement, then read the field again" double-release bug (TALLY007) and a
/// racy write-back (TALLY006), next to the correct uses of the returned values.
/// </summary>
internal static class RefCountedHandleCase
{
    public static CorpusCase Case { get; } = new("RefCountedHandle", """
        using System;
        using System.Threading;

        namespace Corpus.Native
        {
            public sealed class SharedHandle : IDisposable
            {
                private readonly Action _release;
                private int _refCount = 1;
                private int _disposed;
                private int _leases;
                private long _lastUse;

                public SharedHandle(Action release) => _release = release;

                public SharedHandle AddRef()
                {
                    if (Interlocked.Increment(ref _refCount) <= 1)
                    {
                        throw new ObjectDisposedException(nameof(SharedHandle));
                    }

                    {|TALLY006:_leases = Interlocked.Increment(ref _leases)|};
                    Interlocked.Exchange(ref _lastUse, DateTime.UtcNow.Ticks);
                    return this;
                }

                public void Release()
                {
                    Interlocked.Decrement(ref _refCount);
                    if ({|TALLY007:_refCount|} == 0)
                    {
                        _release();
                    }
                }

                public void Dispose()
                {
                    if (Interlocked.Exchange(ref _disposed, 1) != 0)
                    {
                        return;
                    }

                    if (Interlocked.Decrement(ref _refCount) == 0)
                    {
                        _release();
                    }
                }
            }
        }
        """);
}
