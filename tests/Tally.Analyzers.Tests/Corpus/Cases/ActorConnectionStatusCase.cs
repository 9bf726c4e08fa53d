namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean, held-out family A): a TCP connection actor. Its mailbox hands it one message at a time; its
/// status flags change only in its receive handlers (socket completions come back as messages). The acknowledgements
/// of a write wait in a concurrent queue that the write fills and the "sent" handler drains: both run on the actor's
/// turn, and neither the queue's other user nor anything else touches the flags from another thread. Expected: nothing
/// reported.
/// </summary>
internal static class ActorConnectionStatusCase
{
    public static CorpusCase Case { get; } = new("ActorConnectionStatus", """
        using System;
        using System.Collections.Concurrent;

        namespace Corpus.Io
        {
            [Flags]
            public enum ConnectionStatus
            {
                None = 0,
                Sending = 1,
                Receiving = 2,
                ReadingSuspended = 4,
                ShutdownRequested = 8,
            }

            public sealed class TcpConnectionActor : ReceiveActor
            {
                private readonly ConcurrentQueue<Ack> _pendingAcks = new ConcurrentQueue<Ack>();
                private readonly SocketChannel _socket;
                private ConnectionStatus _status;

                public TcpConnectionActor(SocketChannel socket) => _socket = socket;

                protected override bool Receive(object message)
                {
                    switch (message)
                    {
                        case Write write:
                            SetStatus(ConnectionStatus.Sending);
                            DoWrite(write);
                            return true;
                        case SocketSent _:
                            AcknowledgeSent();
                            return true;
                        case SuspendReading _:
                            SetStatus(ConnectionStatus.ReadingSuspended);
                            return true;
                        case ResumeReading _:
                            ClearStatus(ConnectionStatus.ReadingSuspended);
                            _socket.ReceiveAsync(Self);
                            return true;
                        case Close _:
                            SetStatus(ConnectionStatus.ShutdownRequested);
                            return true;
                        default:
                            return false;
                    }
                }

                private bool HasStatus(ConnectionStatus status) => (_status & status) == status;

                private void DoWrite(Write write)
                {
                    if (write.Ack != null)
                    {
                        _pendingAcks.Enqueue(write.Ack);
                    }

                    _socket.SendAsync(write.Data, Self);
                }

                private void AcknowledgeSent()
                {
                    while (_pendingAcks.TryDequeue(out var ack))
                    {
                        ack.Commander.Tell(ack);
                    }

                    ClearStatus(ConnectionStatus.Sending);
                    if (HasStatus(ConnectionStatus.ShutdownRequested))
                    {
                        _socket.Close();
                    }
                }

                private void SetStatus(ConnectionStatus status) => _status |= status;

                private void ClearStatus(ConnectionStatus status) => _status &= ~status;
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ActorStatusBesideSharedAckQueue,
        Clean = true,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Io
            {
                public interface IActorRef
                {
                    void Tell(object message);
                }

                /// <summary>The runtime calls <see cref="Receive"/> with one message at a time per actor.</summary>
                public abstract class ReceiveActor
                {
                    protected IActorRef Self { get; set; }

                    protected abstract bool Receive(object message);
                }

                public sealed class Ack
                {
                    public Ack(IActorRef commander) => Commander = commander;

                    public IActorRef Commander { get; }
                }

                public sealed class Write
                {
                    public Write(byte[] data, Ack ack)
                    {
                        Data = data;
                        Ack = ack;
                    }

                    public byte[] Data { get; }

                    public Ack Ack { get; }
                }

                public sealed class SocketSent
                {
                }

                public sealed class SuspendReading
                {
                }

                public sealed class ResumeReading
                {
                }

                public sealed class Close
                {
                }

                /// <summary>Completions come back to the actor as messages (<see cref="SocketSent"/>).</summary>
                public abstract class SocketChannel
                {
                    public abstract void SendAsync(byte[] data, IActorRef notify);

                    public abstract void ReceiveAsync(IActorRef notify);

                    public abstract void Close();
                }
            }
            """,
        },
    };
}
