namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): a connection pool whose bookkeeping helpers start with
/// <c>Debug.Assert(Monitor.IsEntered(_sync))</c>, the author's statement that callers hold the pool's lock (they all
/// do, including a nested reaper type that locks the pool's object). Expected: nothing reported.
/// </summary>
internal static class AssertMonitorEnteredCase
{
    public static CorpusCase Case { get; } = new("AssertMonitorEntered", """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;

        namespace Corpus.Pooling
        {
            public sealed class SocketPool
            {
                private readonly object _sync = new object();
                private readonly Stack<PooledSocket> _idle = new Stack<PooledSocket>();
                private int _leased;
                private int _created;
                private int _reaped;

                public PooledSocket Rent()
                {
                    lock (_sync)
                    {
                        var socket = _idle.Count > 0 ? _idle.Pop() : CreateSocket();
                        MarkLeased();
                        return socket;
                    }
                }

                public void Return(PooledSocket socket)
                {
                    lock (_sync)
                    {
                        MarkReturned();
                        _idle.Push(socket);
                    }
                }

                private PooledSocket CreateSocket()
                {
                    Debug.Assert(Monitor.IsEntered(_sync));
                    _created++;
                    return new PooledSocket(DateTime.UtcNow);
                }

                private void MarkLeased()
                {
                    Debug.Assert(Monitor.IsEntered(_sync));
                    _leased++;
                }

                private void MarkReturned()
                {
                    Debug.Assert(Monitor.IsEntered(_sync));
                    _leased--;
                }

                private void ForgetIdle(int count)
                {
                    Debug.Assert(Monitor.IsEntered(_sync));
                    _reaped += count;
                }

                public sealed class Reaper
                {
                    private readonly SocketPool _pool;
                    private readonly Timer _timer;

                    public Reaper(SocketPool pool)
                    {
                        _pool = pool;
                        _timer = new Timer(_ => Reap(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
                    }

                    private void Reap()
                    {
                        lock (_pool._sync)
                        {
                            int count = _pool._idle.Count / 2;
                            for (int i = 0; i < count; i++)
                            {
                                _pool._idle.Pop();
                            }

                            _pool.ForgetIdle(count);
                        }
                    }
                }
            }

            public sealed class PooledSocket
            {
                public PooledSocket(DateTime created) => Created = created;

                public DateTime Created { get; }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.AssertMonitorIsEntered,
        Clean = true,
    };
}
