namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh-sample false-alarm family W (clean): a session starts its message listener through a small helper that
/// wraps <c>Task.Factory.StartNew(action, ..., LongRunning, ...)</c>. <c>Connect</c> holds a <c>SemaphoreSlim(1, 1)</c>
/// and returns when already connected, so the listener starts once per connection; it counts inbound packets and a
/// key-exchange message it processes resets the count. Expected: nothing reported.
/// </summary>
internal static class ListenerStartedThroughHelperCase
{
    public static CorpusCase Case { get; } = new("ListenerStartedThroughHelper", """
        using System;
        using System.Threading;

        namespace Corpus.Shell
        {
            public sealed class Session : IDisposable
            {
                private readonly SemaphoreSlim _connectLock = new SemaphoreSlim(1, 1);
                private readonly object _writeLock = new object();
                private readonly IPacketSocket _socket;
                private uint _inboundSequence;
                private uint _outboundSequence;
                private volatile bool _connected;

                public Session(IPacketSocket socket) => _socket = socket;

                public void Connect()
                {
                    _connectLock.Wait();
                    try
                    {
                        if (_connected)
                        {
                            return;
                        }

                        _socket.Open();
                        _connected = true;
                        ThreadHelpers.RunLongRunning(MessageListener);
                    }
                    finally
                    {
                        _connectLock.Release();
                    }
                }

                public void Send(byte[] payload)
                {
                    lock (_writeLock)
                    {
                        _socket.Write(_outboundSequence, payload);
                        _outboundSequence++;
                    }
                }

                public void Dispose() => _connected = false;

                private void MessageListener()
                {
                    while (_connected)
                    {
                        var packet = _socket.Read();
                        if (packet == null)
                        {
                            break;
                        }

                        _inboundSequence++;
                        Dispatch(packet);
                    }
                }

                private void Dispatch(byte[] packet)
                {
                    if (packet.Length > 0 && packet[0] == 21)
                    {
                        OnNewKeysReceived();
                    }
                }

                internal void OnNewKeysReceived() => _inboundSequence = 0;
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LoopStartedOnceThroughHelper,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Shell
            {
                internal static class ThreadHelpers
                {
                    public static Task RunLongRunning(Action action)
                        => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }

                public interface IPacketSocket
                {
                    void Open();

                    byte[]? Read();

                    void Write(uint sequence, byte[] payload);
                }
            }
            """,
        },
    };
}
