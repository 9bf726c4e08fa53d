namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean), in the shape of a ZeroMQ-style messaging library (docs/real-code-wider.md, pattern 4): a
/// socket keeps a fair-queueing helper in a readonly field and never hands it out. The helper has no lock of its own.
/// The socket's public receive runs under the socket's conditional <c>Lock()</c> (a Monitor taken only for
/// thread-safe sockets); pipe events (a pipe attached, a pipe with messages again, a pipe gone) reach the helper from
/// the socket's command processing, which the socket's own thread runs without that lock. The helper's counters are
/// one socket's state, changed by one thread at a time by the library's contract; the owner's lock on one path is the
/// owner's, not a sign that the helper's fields are shared. Expected: nothing reported.
/// </summary>
internal static class SocketHelperUnderOwnerLockCase
{
    public static CorpusCase Case { get; } = new("SocketHelperUnderOwnerLock", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Sockets
        {
            public sealed class Pipe
            {
                private readonly Queue<byte[]> _frames = new Queue<byte[]>();

                public bool TryRead(out byte[] frame) => _frames.TryDequeue(out frame!);
            }

            public enum CommandKind { Attach, Activate, Terminate }

            public sealed class Command
            {
                public Command(CommandKind kind, Pipe pipe)
                {
                    Kind = kind;
                    Pipe = pipe;
                }

                public CommandKind Kind { get; }

                public Pipe Pipe { get; }
            }

            /// <summary>Round-robin over the pipes that have messages; one socket's state.</summary>
            internal sealed class FairQueue
            {
                private readonly List<Pipe> _pipes = new List<Pipe>();
                private int _active;
                private int _current;

                public void Attach(Pipe pipe)
                {
                    _pipes.Add(pipe);
                    Swap(_active, _pipes.Count - 1);
                    _active++;
                }

                public void Activated(Pipe pipe)
                {
                    Swap(_pipes.IndexOf(pipe), _active);
                    _active++;
                }

                public void Terminated(Pipe pipe)
                {
                    var index = _pipes.IndexOf(pipe);
                    if (index < _active)
                    {
                        _active--;
                        Swap(index, _active);
                        if (_current == _active)
                        {
                            _current = 0;
                        }
                    }

                    _pipes.Remove(pipe);
                }

                public bool TryReceive(out byte[]? frame)
                {
                    while (_active > 0)
                    {
                        if (_pipes[_current].TryRead(out var read))
                        {
                            frame = read;
                            _current = (_current + 1) % _active;
                            return true;
                        }

                        _active--;
                        Swap(_current, _active);
                        if (_current == _active)
                        {
                            _current = 0;
                        }
                    }

                    frame = null;
                    return false;
                }

                private void Swap(int first, int second)
                {
                    (_pipes[first], _pipes[second]) = (_pipes[second], _pipes[first]);
                }
            }

            public abstract class SocketBase
            {
                private readonly object _threadSafeSync = new object();
                private readonly bool _threadSafe;
                private readonly Queue<Command> _mailbox = new Queue<Command>();

                protected SocketBase(bool threadSafe)
                {
                    _threadSafe = threadSafe;
                }

                internal void Lock()
                {
                    if (_threadSafe)
                    {
                        Monitor.Enter(_threadSafeSync);
                    }
                }

                internal void Unlock()
                {
                    if (_threadSafe)
                    {
                        Monitor.Exit(_threadSafeSync);
                    }
                }

                public bool TryReceive(out byte[]? frame)
                {
                    Lock();
                    try
                    {
                        return XReceive(out frame);
                    }
                    finally
                    {
                        Unlock();
                    }
                }

                /// <summary>The owning thread's poller calls this when the mailbox signals.</summary>
                public void OnMailboxReady()
                {
                    while (_mailbox.Count > 0)
                    {
                        var command = _mailbox.Dequeue();
                        switch (command.Kind)
                        {
                            case CommandKind.Attach:
                                XAttachPipe(command.Pipe);
                                break;
                            case CommandKind.Activate:
                                XReadActivated(command.Pipe);
                                break;
                            default:
                                XTerminated(command.Pipe);
                                break;
                        }
                    }
                }

                protected abstract bool XReceive(out byte[]? frame);

                protected abstract void XAttachPipe(Pipe pipe);

                protected abstract void XReadActivated(Pipe pipe);

                protected abstract void XTerminated(Pipe pipe);
            }

            public sealed class PullSocket : SocketBase
            {
                private readonly FairQueue _queue = new FairQueue();

                public PullSocket(bool threadSafe)
                    : base(threadSafe)
                {
                }

                protected override bool XReceive(out byte[]? frame) => _queue.TryReceive(out frame);

                protected override void XAttachPipe(Pipe pipe) => _queue.Attach(pipe);

                protected override void XReadActivated(Pipe pipe) => _queue.Activated(pipe);

                protected override void XTerminated(Pipe pipe) => _queue.Terminated(pipe);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedTransactionPages,
        Clean = true,
    };
}
