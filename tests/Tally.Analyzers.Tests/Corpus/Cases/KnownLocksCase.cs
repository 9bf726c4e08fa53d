namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Updates under ReaderWriterLockSlim, System.Threading.Lock, Monitor.TryEnter and SpinLock are not reported; the one
/// update someone left outside every lock is (TALLY005: the type synchronises its other state).
/// </summary>
internal static class KnownLocksCase
{
    public static CorpusCase Case { get; } = new("KnownLocks", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Coordination.Registry
        {
            public sealed class ServiceRegistry
            {
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
                private readonly Lock _statsLock = new Lock();
                private readonly object _monitor = new object();
                private SpinLock _spin = new SpinLock(false);
                private readonly Dictionary<string, string> _services = new Dictionary<string, string>();
                private int _version;
                private int _lookups;
                private int _contended;
                private int _spins;
                private int _misses;

                public void Register(string name, string address)
                {
                    _rw.EnterWriteLock();
                    try
                    {
                        _services[name] = address;
                        _version++;
                    }
                    finally
                    {
                        _rw.ExitWriteLock();
                    }
                }

                public string? Find(string name)
                {
                    using (_statsLock.EnterScope())
                    {
                        _lookups++;
                    }

                    _rw.EnterReadLock();
                    try
                    {
                        if (_services.TryGetValue(name, out var address))
                        {
                            return address;
                        }
                    }
                    finally
                    {
                        _rw.ExitReadLock();
                    }

                    {|TALLY005:_misses++|};
                    return null;
                }

                public bool TryCountContention()
                {
                    if (!Monitor.TryEnter(_monitor))
                    {
                        return false;
                    }

                    try
                    {
                        _contended += 1;
                        return true;
                    }
                    finally
                    {
                        Monitor.Exit(_monitor);
                    }
                }

                public void Spin()
                {
                    bool taken = false;
                    try
                    {
                        _spin.Enter(ref taken);
                        _spins++;
                    }
                    finally
                    {
                        if (taken)
                        {
                            _spin.Exit();
                        }
                    }
                }
            }
        }
        """);
}
