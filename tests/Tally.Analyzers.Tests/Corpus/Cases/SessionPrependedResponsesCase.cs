namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean, held-out family A, the partner a function reaches itself): a wire-protocol session of a
/// pooled client. Commands it sends ahead of the next operation (a rollback, a reset) leave responses to skip, counted
/// in <c>PendingResponses</c>; the reader skips them first, and if a cancellation was asked for meanwhile it performs
/// it in a helper that locks the session's sync object. Opening the session reads the startup responses and then arms
/// the keep-alive under the same sync object, which the keep-alive callback and the operation bookkeeping lock too.
/// The lock <c>OpenAsync</c> shares with the cancellation helper says nothing about a second reader: the helper runs
/// inside <c>OpenAsync</c>'s own read. The keep-alive, the other partner, skips its work while an operation owns the
/// session and never touches the count. Expected: nothing reported.
/// </summary>
internal static class SessionPrependedResponsesCase
{
    public static CorpusCase Case { get; } = new("SessionPrependedResponses", """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Wire
        {
            public sealed class WireSession
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private readonly int _keepAliveMs;
                private Stream _stream = Stream.Null;
                private bool _busy;
                private bool _closed;
                private bool _cancelRequested;
                private int _pings;

                internal WireSession(int keepAliveMs)
                {
                    _keepAliveMs = keepAliveMs;
                    _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite);
                }

                internal int PendingResponses { get; set; }

                internal int Pings => _pings;

                internal async Task OpenAsync(Stream stream)
                {
                    _stream = stream;
                    await ReadResponsesAsync().ConfigureAwait(false);
                    lock (_sync)
                    {
                        _keepAlive.Change(_keepAliveMs, _keepAliveMs);
                    }
                }

                internal async Task<int> ExecuteAsync(byte[] command)
                {
                    Begin();
                    try
                    {
                        await _stream.WriteAsync(command, 0, command.Length).ConfigureAwait(false);
                        return await ReadResponsesAsync().ConfigureAwait(false);
                    }
                    finally
                    {
                        End();
                    }
                }

                internal void RequestCancel() => _cancelRequested = true;

                internal Task FlushAsync() => _stream.FlushAsync();

                internal bool IsUsable() => !_closed && _stream.CanWrite;

                internal void Attach(Stream stream) => _stream = stream;

                internal void Close()
                {
                    lock (_sync)
                    {
                        _closed = true;
                        _keepAlive.Change(Timeout.Infinite, Timeout.Infinite);
                    }
                }

                private async Task<int> ReadResponsesAsync()
                {
                    for (; PendingResponses > 0; PendingResponses--)
                    {
                        await SkipOneAsync().ConfigureAwait(false);
                    }

                    if (_cancelRequested)
                    {
                        CancelDelayed();
                    }

                    return await SkipOneAsync().ConfigureAwait(false);
                }

                private async Task<int> SkipOneAsync()
                {
                    var header = new byte[5];
                    return await _stream.ReadAsync(header, 0, header.Length).ConfigureAwait(false);
                }

                private void CancelDelayed()
                {
                    lock (_sync)
                    {
                        if (_closed)
                        {
                            return;
                        }

                        _cancelRequested = false;
                    }
                }

                private void Begin()
                {
                    lock (_sync)
                    {
                        if (_busy || _closed)
                        {
                            throw new InvalidOperationException("The session is in use.");
                        }

                        _busy = true;
                        _keepAlive.Change(Timeout.Infinite, Timeout.Infinite);
                    }
                }

                private void End()
                {
                    lock (_sync)
                    {
                        _busy = false;
                        _keepAlive.Change(_keepAliveMs, _keepAliveMs);
                    }
                }

                private void KeepAlive(object? state)
                {
                    if (!Monitor.TryEnter(_sync))
                    {
                        return;
                    }

                    try
                    {
                        if (_busy || _closed)
                        {
                            return;
                        }

                        _pings++;
                        _stream.WriteByte(0);
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PartnerInWritersOwnRun,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Threading.Tasks;

            namespace Corpus.Wire
            {
                internal sealed class WireTransaction
                {
                    private readonly WireSession _session;

                    internal WireTransaction(WireSession session) => _session = session;

                    internal void RollbackLater()
                    {
                        _session.PendingResponses += 1;
                    }

                    internal Task<int> CommitAsync() => _session.ExecuteAsync(new byte[] { (byte)'C' });
                }
            }
            """,
            """
            using System.Collections.Concurrent;
            using System.IO;
            using System.Threading.Tasks;

            namespace Corpus.Wire
            {
                public sealed class SessionPool
                {
                    private readonly ConcurrentBag<WireSession> _idle = new ConcurrentBag<WireSession>();
                    private readonly int _keepAliveMs;

                    public SessionPool(int keepAliveMs) => _keepAliveMs = keepAliveMs;

                    public async Task<int> RunAsync(Stream stream, byte[] command, bool rollback)
                    {
                        if (!_idle.TryTake(out var session))
                        {
                            session = new WireSession(_keepAliveMs);
                            await session.OpenAsync(stream).ConfigureAwait(false);
                        }

                        var transaction = new WireTransaction(session);
                        if (rollback)
                        {
                            transaction.RollbackLater();
                        }

                        var result = await transaction.CommitAsync().ConfigureAwait(false);
                        _idle.Add(session);
                        return result;
                    }
                }
            }
            """,
        },
    };
}
