namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fresh-sample false-alarm family M (clean): a journal shared by several processes writes through a lock strategy
/// whose <c>AcquireLock</c> takes a named <c>Mutex</c> (or, in-process, <c>Monitor.Enter</c>) and returns holding it,
/// and whose <c>ReleaseLock</c> gives it back. The hold count is bumped after the acquire, dropped on the acquire's
/// failure path just before its release, and dropped in <c>ReleaseLock</c> just before the release: always by the
/// thread that holds the lock, which only that thread can release. A timer flushes while callers append from any
/// thread. Expected: nothing reported.
/// </summary>
internal static class CrossProcessFileLockCase
{
    public static CorpusCase Case { get; } = new("CrossProcessFileLock", """
        using System;
        using System.IO;
        using System.Threading;

        namespace Corpus.Journal
        {
            /// <summary>How a journal file is shared: every write happens between AcquireLock and ReleaseLock.</summary>
            public abstract class JournalLockStrategy : IDisposable
            {
                public abstract Stream? AcquireLock();

                public abstract void ReleaseLock();

                public abstract void Dispose();
            }

            /// <summary>Several processes append to one file, serialised by a named mutex.</summary>
            public sealed class NamedMutexLockStrategy : JournalLockStrategy
            {
                private readonly Mutex _mutex;
                private readonly FileStream? _file;
                private int _holdCount;

                public NamedMutexLockStrategy(string path)
                {
                    _mutex = new Mutex(false, "journal-" + Path.GetFileName(path));
                    try
                    {
                        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                    }
                    catch (IOException)
                    {
                        _file = null;
                    }
                }

                public override Stream? AcquireLock()
                {
                    _mutex.WaitOne();
                    _holdCount++;
                    if (_file == null)
                    {
                        // Nothing to write to: give the lock back at once.
                        _holdCount--;
                        _mutex.ReleaseMutex();
                        return null;
                    }

                    _file.Seek(0, SeekOrigin.End);
                    return _file;
                }

                public override void ReleaseLock()
                {
                    if (_holdCount > 0)
                    {
                        _holdCount--;
                        _file?.Flush();
                        _mutex.ReleaseMutex();
                    }
                }

                public override void Dispose()
                {
                    _file?.Dispose();
                    _mutex.Dispose();
                }
            }

            /// <summary>One process only: a monitor held from AcquireLock to ReleaseLock.</summary>
            public sealed class InProcessLockStrategy : JournalLockStrategy
            {
                private readonly object _gate = new object();
                private readonly MemoryStream _buffer = new MemoryStream();
                private long _acquisitions;
                private int _depth;

                public long Acquisitions => Interlocked.Read(ref _acquisitions);

                public override Stream? AcquireLock()
                {
                    Monitor.Enter(_gate);
                    _depth++;
                    _acquisitions++;
                    return _buffer;
                }

                public override void ReleaseLock()
                {
                    _depth--;
                    Monitor.Exit(_gate);
                }

                public override void Dispose() => _buffer.Dispose();
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.IO;
            using System.Text;
            using System.Threading;

            namespace Corpus.Journal
            {
                /// <summary>Appends entries from any thread; a timer writes a heartbeat entry.</summary>
                public sealed class SharedJournal : IDisposable
                {
                    private readonly JournalLockStrategy _strategy;
                    private readonly Timer _heartbeat;

                    public SharedJournal(JournalLockStrategy strategy, TimeSpan period)
                    {
                        _strategy = strategy;
                        _heartbeat = new Timer(_ => Append("heartbeat"), null, period, period);
                    }

                    public void Append(string entry)
                    {
                        var stream = _strategy.AcquireLock();
                        if (stream == null)
                        {
                            return;
                        }

                        try
                        {
                            var bytes = Encoding.UTF8.GetBytes(entry + Environment.NewLine);
                            stream.Write(bytes, 0, bytes.Length);
                        }
                        finally
                        {
                            _strategy.ReleaseLock();
                        }
                    }

                    public void Dispose()
                    {
                        _heartbeat.Dispose();
                        _strategy.Dispose();
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.LockHeldAcrossMethods,
        Clean = true,
    };
}
