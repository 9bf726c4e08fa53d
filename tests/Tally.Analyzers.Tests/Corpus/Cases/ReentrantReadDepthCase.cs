namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): a compatibility layer wraps the older <c>ReaderWriterLock</c> in its own re-entrant lock
/// type and counts nested read acquisitions in one plain field: a thread that already holds the read lock bumps the
/// count, and the release path lowers it and lets the lock go at zero. Readers hold the read lock together, so two of
/// them change the count at once and the lock is released early or never. The same count changed while the thread
/// holds the writer lock (which keeps every reader out) stays silent. The lock is used through an interface by a cache
/// in another file.
/// </summary>
internal static class ReentrantReadDepthCase
{
    public static CorpusCase Case { get; } = new("ReentrantReadDepth", """
        using System;
        using System.Threading;

        namespace Corpus.Compat.Locks
        {
            public interface IReadWriteGate
            {
                IDisposable AcquireRead();

                IDisposable AcquireWrite();
            }

            public sealed class ReentrantReadWriteGate : IReadWriteGate
            {
                private readonly ReaderWriterLock _rwLock = new ReaderWriterLock();
                private readonly int _timeout;
                private int _readDepth;

                public ReentrantReadWriteGate(int timeout) => _timeout = timeout;

                public IDisposable AcquireRead()
                {
                    EnterRead();
                    return new Releaser(ExitRead);
                }

                public IDisposable AcquireWrite()
                {
                    _rwLock.AcquireWriterLock(_timeout);
                    return new Releaser(() => _rwLock.ReleaseWriterLock());
                }

                public void EnterRead()
                {
                    try
                    {
                        if (_rwLock.IsReaderLockHeld)
                        {
                            {|TALLY003:_readDepth++|};
                        }
                        else if (_rwLock.IsWriterLockHeld)
                        {
                            _readDepth++;
                        }
                        else
                        {
                            _rwLock.AcquireReaderLock(_timeout);
                            _readDepth = 1;
                        }
                    }
                    catch (ApplicationException)
                    {
                        throw new TimeoutException("read lock timeout");
                    }
                }

                public void ExitRead()
                {
                    if (_rwLock.IsWriterLockHeld)
                    {
                        if (_readDepth == 0)
                        {
                            throw new InvalidOperationException("not held through the read side");
                        }

                        _readDepth--;
                    }
                    else if (_rwLock.IsReaderLockHeld)
                    {
                        if ({|TALLY003:--_readDepth|} == 0)
                        {
                            _rwLock.ReleaseReaderLock();
                        }
                    }
                    else
                    {
                        throw new InvalidOperationException("the lock is not held by this thread");
                    }
                }

                private sealed class Releaser : IDisposable
                {
                    private Action? _release;

                    public Releaser(Action release) => _release = release;

                    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugReentrantReadDepth,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;
            using Corpus.Compat.Locks;

            namespace Corpus.Compat.Caching
            {
                public sealed class StatementCache
                {
                    private readonly IReadWriteGate _gate;
                    private readonly Dictionary<string, object> _compiled = new Dictionary<string, object>();

                    public StatementCache(IReadWriteGate gate) => _gate = gate;

                    public object? Find(string text)
                    {
                        using (_gate.AcquireRead())
                        {
                            return _compiled.TryGetValue(text, out var statement) ? statement : null;
                        }
                    }

                    public void Add(string text, object statement)
                    {
                        using (_gate.AcquireWrite())
                        {
                            _compiled[text] = statement;
                        }
                    }
                }
            }
            """,
        },
    };
}
