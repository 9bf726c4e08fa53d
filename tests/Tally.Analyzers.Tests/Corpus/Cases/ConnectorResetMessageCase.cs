namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean, held-out family A): a pooled database connector. The pool opens a connector before handing it
/// out; opening builds the reset message (counting the responses it will produce) and then arms the keep-alive timer
/// under the connector's sync object, which the keep-alive callback and the user-action bookkeeping also lock. A closed
/// connector rebuilds the message under the one user action that owns it. The lock excludes the keep-alive, which never
/// touches the response count. Expected: nothing reported.
/// </summary>
internal static class ConnectorResetMessageCase
{
    public static CorpusCase Case { get; } = new("ConnectorResetMessage", """
        using System.Text;
        using System.Threading;

        namespace Corpus.Database
        {
            public sealed class PooledConnector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private readonly bool _preparedStatements;
                private readonly bool _enlisted;
                private string _resetMessage;
                private int _resetResponses;
                private int _userActions;
                private int _pings;
                private int _written;
                private int _pendingResults;
                private bool _broken;

                public PooledConnector(bool preparedStatements, bool enlisted)
                {
                    _preparedStatements = preparedStatements;
                    _enlisted = enlisted;
                    _keepAlive = new Timer(_ => KeepAlive(), null, Timeout.Infinite, Timeout.Infinite);
                }

                public int Pings => _pings;

                internal bool IsOpen { get; private set; }

                internal void Open(int keepAliveSeconds)
                {
                    IsOpen = true;
                    if (_preparedStatements)
                    {
                        BuildResetMessage();
                    }

                    if (keepAliveSeconds > 0)
                    {
                        lock (_sync)
                        {
                            _keepAlive.Change(keepAliveSeconds * 1000, keepAliveSeconds * 1000);
                        }
                    }
                }

                internal string Reset()
                {
                    StartUserAction();
                    try
                    {
                        if (_resetMessage == null)
                        {
                            BuildResetMessage();
                        }

                        return _resetMessage + ":" + _resetResponses;
                    }
                    finally
                    {
                        EndUserAction();
                    }
                }

                internal void StartUserAction()
                {
                    lock (_sync)
                    {
                        _userActions = _userActions + 1;
                    }
                }

                internal void EndUserAction()
                {
                    lock (_sync)
                    {
                        _userActions = _userActions - 1;
                    }
                }

                internal void WriteQuery(string sql)
                {
                    _written += sql.Length;
                    _pendingResults++;
                }

                internal bool ReadResult()
                {
                    if (_pendingResults == 0)
                    {
                        return false;
                    }

                    _pendingResults--;
                    return true;
                }

                internal void Flush() => _written = 0;

                internal void Break() => _broken = true;

                internal bool IsBroken => _broken;

                private void KeepAlive()
                {
                    lock (_sync)
                    {
                        if (_userActions == 0)
                        {
                            _pings = _pings + 1;
                        }
                    }
                }

                private void BuildResetMessage()
                {
                    var text = new StringBuilder("SET SESSION AUTHORIZATION DEFAULT;RESET ALL;");
                    _resetResponses = 2;
                    if (_preparedStatements)
                    {
                        text.Append("CLOSE ALL;");
                        _resetResponses++;
                    }

                    if (_enlisted)
                    {
                        text.Append("UNLISTEN *;SELECT pg_advisory_unlock_all();");
                        _resetResponses += 2;
                    }

                    text.Append("DISCARD SEQUENCES;");
                    _resetResponses++;
                    _resetMessage = text.ToString();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ConnectorOpenedBesideKeepAliveLock,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Generic;

            namespace Corpus.Database
            {
                public sealed class ConnectorPool
                {
                    private readonly object _idleLock = new object();
                    private readonly Stack<PooledConnector> _idle = new Stack<PooledConnector>();

                    public PooledConnector Rent()
                    {
                        lock (_idleLock)
                        {
                            return _idle.Count > 0 ? _idle.Pop() : new PooledConnector(preparedStatements: true, enlisted: false);
                        }
                    }

                    public void Return(PooledConnector connector)
                    {
                        connector.Reset();
                        lock (_idleLock)
                        {
                            _idle.Push(connector);
                        }
                    }
                }

                /// <summary>Not thread-safe: one operation at a time, like every database connection.</summary>
                public sealed class DbConnection
                {
                    private readonly ConnectorPool _pool;
                    private PooledConnector _connector;

                    public DbConnection(ConnectorPool pool) => _pool = pool;

                    public void Open()
                    {
                        _connector = _pool.Rent();
                        if (!_connector.IsOpen)
                        {
                            _connector.Open(30);
                        }
                    }

                    public void Close()
                    {
                        if (_connector != null)
                        {
                            _pool.Return(_connector);
                            _connector = null;
                        }
                    }
                }
            }
            """,
        },
    };
}
