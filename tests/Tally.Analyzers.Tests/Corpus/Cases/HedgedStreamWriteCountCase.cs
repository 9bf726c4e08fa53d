namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean, held-out family F): a client-streaming call with hedging. The call types are internal: an
/// abstract call base declares the write, and the hedging call overrides it, counting the message before its first
/// <c>await</c> and locking its own state for the attempts. The only caller is the request stream writer handed to the
/// user (as a public interface), which checks for a write in progress and starts the write inside its write lock, so
/// the count runs inside that lock. The override is public, but its chain ends in the internal base: nothing outside
/// the compilation can call it. Expected: nothing reported.
/// </summary>
internal static class HedgedStreamWriteCountCase
{
    public static CorpusCase Case { get; } = new("HedgedStreamWriteCount", """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Rpc
        {
            internal abstract class StreamingCallBase
            {
                protected readonly object Lock = new object();

                public bool Completed { get; protected set; }

                public abstract Task WriteMessageAsync(byte[] message, CancellationToken cancellationToken);

                public abstract Task CompleteAsync();
            }

            internal sealed class HedgingStreamingCall : StreamingCallBase
            {
                private readonly List<IAttempt> _attempts = new List<IAttempt>();
                private readonly List<byte[]> _buffered = new List<byte[]>();
                private int _messagesQueued;
                private TaskCompletionSource<bool> _sent;

                public void AddAttempt(IAttempt attempt)
                {
                    lock (Lock)
                    {
                        _attempts.Add(attempt);
                        foreach (var message in _buffered)
                        {
                            attempt.Replay(message);
                        }
                    }
                }

                public override async Task WriteMessageAsync(byte[] message, CancellationToken cancellationToken)
                {
                    _messagesQueued++;
                    _sent = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    Task[] writes;
                    lock (Lock)
                    {
                        _buffered.Add(message);
                        writes = new Task[_attempts.Count];
                        for (var i = 0; i < writes.Length; i++)
                        {
                            writes[i] = _attempts[i].WriteAsync(message, cancellationToken);
                        }
                    }

                    await Task.WhenAll(writes).ConfigureAwait(false);
                    _sent.TrySetResult(true);
                }

                public override Task CompleteAsync()
                {
                    Completed = true;
                    return Task.CompletedTask;
                }

                internal void OnReplayed(int count)
                {
                    if (count >= _messagesQueued)
                    {
                        _sent?.TrySetResult(true);
                    }
                }
            }

            internal interface IAttempt
            {
                Task WriteAsync(byte[] message, CancellationToken cancellationToken);

                void Replay(byte[] message);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CallerLockAroundInternalOverride,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Rpc
            {
                public interface IRequestStream
                {
                    Task WriteAsync(byte[] message, CancellationToken cancellationToken);

                    Task CompleteAsync();
                }

                internal sealed class RequestStreamWriter : IRequestStream
                {
                    private readonly object _writeLock = new object();
                    private readonly StreamingCallBase _call;
                    private Task _writeTask;

                    public RequestStreamWriter(StreamingCallBase call) => _call = call;

                    private bool IsWriteInProgress => _writeTask != null && !_writeTask.IsCompleted;

                    public Task WriteAsync(byte[] message, CancellationToken cancellationToken)
                    {
                        lock (_writeLock)
                        {
                            if (_call.Completed)
                            {
                                return Task.FromException(new InvalidOperationException("The request stream is complete."));
                            }

                            if (IsWriteInProgress)
                            {
                                return Task.FromException(new InvalidOperationException("A write is already in progress."));
                            }

                            _writeTask = _call.WriteMessageAsync(message, cancellationToken);
                            return _writeTask;
                        }
                    }

                    public Task CompleteAsync()
                    {
                        lock (_writeLock)
                        {
                            if (IsWriteInProgress)
                            {
                                return Task.FromException(new InvalidOperationException("A write is still in progress."));
                            }

                            return _call.CompleteAsync();
                        }
                    }
                }

                public static class StreamingCalls
                {
                    public static IRequestStream StartHedged() => new RequestStreamWriter(new HedgingStreamingCall());
                }
            }
            """,
        },
    };
}
