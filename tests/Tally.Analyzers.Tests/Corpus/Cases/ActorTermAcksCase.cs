namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): actors in the ZeroMQ style. Each actor is changed only by the thread that drains its command
/// mailbox; the one counter other threads touch is the number of commands sent to it, bumped with Interlocked before
/// they post. The processed-command count, the pending termination acks and a connector's back-off interval are the
/// mailbox thread's own. Expected: nothing reported.
/// </summary>
internal static class ActorTermAcksCase
{
    public static CorpusCase Case { get; } = new("ActorTermAcks", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Actors
        {
            public enum CommandKind
            {
                Seqnum,
                Term,
                TermAck,
                Timer,
            }

            public sealed class Command
            {
                public Command(Actor destination, CommandKind kind, int argument = 0)
                {
                    Destination = destination;
                    Kind = kind;
                    Argument = argument;
                }

                public Actor Destination { get; }

                public CommandKind Kind { get; }

                public int Argument { get; }
            }

            public abstract class Actor
            {
                private readonly Mailbox _mailbox;
                private readonly List<Actor> _owned = new List<Actor>();
                private long _sentSeqnum;
                private long _processedSeqnum;
                private int _termAcks;
                private bool _terminating;
                private Actor? _owner;

                protected Actor(Mailbox mailbox) => _mailbox = mailbox;

                /// <summary>Called by another actor, on its own thread, before it posts a command here.</summary>
                public void IncSeqnum() => Interlocked.Increment(ref _sentSeqnum);

                public void Process(Command command)
                {
                    switch (command.Kind)
                    {
                        case CommandKind.Seqnum:
                            ProcessSeqnum();
                            break;
                        case CommandKind.Term:
                            ProcessTerm(command.Argument);
                            break;
                        case CommandKind.TermAck:
                            UnregisterTermAck();
                            break;
                        case CommandKind.Timer:
                            ProcessTimer();
                            break;
                    }
                }

                public void Own(Actor child)
                {
                    child._owner = this;
                    _owned.Add(child);
                }

                protected virtual void ProcessSeqnum()
                {
                    _processedSeqnum++;
                    CheckTermAcks();
                }

                protected virtual void ProcessTimer()
                {
                }

                protected void RegisterTermAcks(int count) => _termAcks += count;

                protected void UnregisterTermAck()
                {
                    _termAcks--;
                    CheckTermAcks();
                }

                private void ProcessTerm(int linger)
                {
                    _terminating = true;
                    RegisterTermAcks(_owned.Count + linger);
                    _owned.Clear();
                    CheckTermAcks();
                }

                private void CheckTermAcks()
                {
                    if (_terminating && _processedSeqnum == Interlocked.Read(ref _sentSeqnum) && _termAcks == 0)
                    {
                        if (_owner != null)
                        {
                            _owner.IncSeqnum();
                            _mailbox.Post(new Command(_owner, CommandKind.TermAck));
                        }
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ActorCommandCounter,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Concurrent;

            namespace Corpus.Actors
            {
                /// <summary>One per I/O thread: the thread that runs Dispatch is the only one that processes the commands.</summary>
                public sealed class Mailbox
                {
                    private readonly BlockingCollection<Command> _commands = new BlockingCollection<Command>();

                    public void Post(Command command) => _commands.Add(command);

                    public void Dispatch()
                    {
                        foreach (var command in _commands.GetConsumingEnumerable())
                        {
                            command.Destination.Process(command);
                        }
                    }
                }

                public sealed class TcpConnector : Actor
                {
                    private readonly TimeSpan _maxInterval;
                    private TimeSpan _interval;
                    private int _attempts;

                    public TcpConnector(Mailbox mailbox, TimeSpan initial, TimeSpan max)
                        : base(mailbox)
                    {
                        _interval = initial;
                        _maxInterval = max;
                    }

                    public TimeSpan NextDelay => _interval;

                    protected override void ProcessTimer()
                    {
                        _attempts++;
                        _interval = _interval + _interval;
                        if (_interval > _maxInterval)
                        {
                            _interval = _maxInterval;
                        }
                    }
                }
            }
            """,
        },
    };
}
