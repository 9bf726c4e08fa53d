namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 4 (reported): a connection pool base class counts leases with Interlocked and keeps idle connections in a
/// <c>ConcurrentBag</c>, because <c>Rent</c>/<c>Return</c> are called concurrently; a derived pool (another file)
/// counts the connections it creates from <c>Rent</c> with a plain <c>++</c>: lost updates.
/// </summary>
internal static class BaseClassSynchronisesCase
{
    public static CorpusCase Case { get; } = new("BaseClassSynchronises", """
        using System.Collections.Concurrent;
        using System.Threading;

        namespace Corpus.Pools
        {
            public abstract class ConnectionPoolBase<TConnection>
                where TConnection : class
            {
                private readonly ConcurrentBag<TConnection> _idle = new ConcurrentBag<TConnection>();
                private int _leased;

                public int Leased => Volatile.Read(ref _leased);

                public TConnection Rent()
                {
                    Interlocked.Increment(ref _leased);
                    return _idle.TryTake(out var connection) ? connection : CreateConnection();
                }

                public void Return(TConnection connection)
                {
                    Interlocked.Decrement(ref _leased);
                    if (IsReusable(connection))
                    {
                        _idle.Add(connection);
                    }
                    else
                    {
                        Discard(connection);
                    }
                }

                protected abstract TConnection CreateConnection();

                protected abstract bool IsReusable(TConnection connection);

                protected abstract void Discard(TConnection connection);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.BaseClassSynchronises,
        MoreFiles = new[]
        {
            """
            using System.Net.Sockets;

            namespace Corpus.Pools
            {
                public sealed class TcpConnectionPool : ConnectionPoolBase<TcpClient>
                {
                    private readonly string _host;
                    private readonly int _port;
                    private int _created;
                    private int _discarded;

                    public TcpConnectionPool(string host, int port)
                    {
                        _host = host;
                        _port = port;
                    }

                    public int Created => _created;

                    protected override TcpClient CreateConnection()
                    {
                        {|TALLY001:_created++|};
                        return new TcpClient(_host, _port);
                    }

                    protected override bool IsReusable(TcpClient connection) => connection.Connected;

                    protected override void Discard(TcpClient connection)
                    {
                        {|TALLY001:_discarded++|};
                        connection.Dispose();
                    }
                }
            }
            """,
        },
    };
}
