namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): an in-memory trigger store hands out fired-trigger ids from a static sequence, bumped
/// inside <c>lock (this)</c> in a protected virtual property its acquire method reads under the same lock. Two
/// schedulers in one process (another file) each own a store, so the two stores take two different locks and can hand
/// out one id twice. The store's own acquired count, under the same <c>lock (this)</c>, and a journal store that guards
/// its static sequence with a static lock object, stay silent. The property's getter is reached from the schedulers'
/// polling loops (started with <c>Task.Run</c>) and, being protected, from code the compilation does not show: TALLY003
/// names the start (before property reads were calls, the getter had no caller in the compilation and TALLY004 named the
/// static field).
/// </summary>
internal static class StaticSequenceUnderInstanceLockCase
{
    public static CorpusCase Case { get; } = new("StaticSequenceUnderInstanceLock", """
        using System;
        using System.Collections.Generic;
        using System.Globalization;

        namespace Corpus.Scheduling.Stores
        {
            public sealed class FiredTrigger
            {
                public FiredTrigger(string name) => Name = name;

                public string Name { get; }

                public string? FiredId { get; set; }
            }

            public class MemoryTriggerStore
            {
                private static long s_firedSequence = DateTime.UtcNow.Ticks;
                private readonly SortedSet<string> _waiting = new SortedSet<string>(StringComparer.Ordinal);
                private int _acquired;

                protected virtual string NextFiredId
                {
                    get
                    {
                        lock (this)
                        {
                            return Convert.ToString({|TALLY003:s_firedSequence++|}, CultureInfo.InvariantCulture);
                        }
                    }
                }

                public void Store(string name)
                {
                    lock (this)
                    {
                        _waiting.Add(name);
                    }
                }

                public FiredTrigger? AcquireNext()
                {
                    lock (this)
                    {
                        if (_waiting.Count == 0)
                        {
                            return null;
                        }

                        var name = _waiting.Min!;
                        _waiting.Remove(name);
                        _acquired++;
                        return new FiredTrigger(name) { FiredId = NextFiredId };
                    }
                }
            }

            public class JournalTriggerStore
            {
                private static readonly object s_sequenceGate = new object();
                private static long s_journalSequence;
                private readonly Queue<string> _pending = new Queue<string>();

                public void Store(string name)
                {
                    lock (_pending)
                    {
                        _pending.Enqueue(name);
                    }
                }

                public FiredTrigger? AcquireNext()
                {
                    string name;
                    lock (_pending)
                    {
                        if (_pending.Count == 0)
                        {
                            return null;
                        }

                        name = _pending.Dequeue();
                    }

                    lock (s_sequenceGate)
                    {
                        return new FiredTrigger(name) { FiredId = "j" + s_journalSequence++ };
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugStaticSequenceUnderInstanceLock,
        MoreFiles = new[]
        {
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Corpus.Scheduling.Stores;

            namespace Corpus.Scheduling
            {
                public sealed class SchedulerHost
                {
                    private readonly MemoryTriggerStore _store;

                    public SchedulerHost(MemoryTriggerStore store) => _store = store;

                    public Task RunAsync(CancellationToken token) => Task.Run(async () =>
                    {
                        while (!token.IsCancellationRequested)
                        {
                            var fired = _store.AcquireNext();
                            if (fired == null)
                            {
                                await Task.Delay(100, token);
                            }
                        }
                    });
                }

                public static class TwoSchedulers
                {
                    public static Task RunBoth(CancellationToken token)
                        => Task.WhenAll(
                            new SchedulerHost(new MemoryTriggerStore()).RunAsync(token),
                            new SchedulerHost(new MemoryTriggerStore()).RunAsync(token));
                }
            }
            """,
        },
    };
}
