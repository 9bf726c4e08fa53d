namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean), in the shape of a recurring-trigger scheduler (docs/real-code-wider.md, pattern 5): due
/// triggers are handled by a <c>Parallel.ForEach</c>, each iteration with its own store session; an extension method
/// builds a fresh trigger object from the stored row; the handler resets the trigger's failure count after a successful
/// fire and, on failure, passes the trigger on to a helper that bumps the count through the trigger's own method. Two
/// writers of the count, but each trigger object is made by, and only ever seen by, its own iteration. Expected:
/// nothing reported. (<c>JobLoadedPerIteration</c> is the same design with a single writer.)
/// </summary>
internal static class TriggerResetPerIterationCase
{
    public static CorpusCase Case { get; } = new("TriggerResetPerIteration", """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Triggers
        {
            public sealed class TriggerScheduler
            {
                private const int MaxFailures = 3;
                private readonly Func<ITriggerSession> _openSession;
                private int _fired;

                public TriggerScheduler(Func<ITriggerSession> openSession)
                {
                    _openSession = openSession;
                }

                public int Fired => Volatile.Read(ref _fired);

                public void FireDue(IReadOnlyList<string> dueIds, int parallelism)
                {
                    Parallel.ForEach(dueIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, id =>
                    {
                        using (var session = _openSession())
                        {
                            TryFire(session, id);
                        }
                    });
                }

                private void TryFire(ITriggerSession session, string id)
                {
                    var trigger = session.LoadTrigger(id);
                    if (trigger == null)
                    {
                        return;
                    }

                    Fire(session, trigger);
                }

                private void Fire(ITriggerSession session, Trigger trigger)
                {
                    try
                    {
                        session.Enqueue(trigger.Job);
                        trigger.Failures = 0;
                        trigger.NextRun = DateTime.UtcNow.Add(trigger.Interval);
                        Interlocked.Increment(ref _fired);
                    }
                    catch (InvalidOperationException ex)
                    {
                        Retry(trigger, ex);
                    }

                    session.Save(trigger);
                }

                private static void Retry(Trigger trigger, Exception error)
                {
                    if (trigger.Failures < MaxFailures)
                    {
                        trigger.RecordFailure(DateTime.UtcNow.AddSeconds(30), error.Message);
                    }
                    else
                    {
                        trigger.Disable(error.Message);
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Triggers
            {
                /// <summary>Not thread-safe: a trigger's stored row, loaded by whoever processes it.</summary>
                public sealed class Trigger
                {
                    public Trigger(string id, string job, TimeSpan interval)
                    {
                        Id = id;
                        Job = job;
                        Interval = interval;
                    }

                    public string Id { get; }

                    public string Job { get; }

                    public TimeSpan Interval { get; }

                    public DateTime NextRun { get; set; }

                    public int Failures { get; set; }

                    public string? LastError { get; private set; }

                    public bool Disabled { get; private set; }

                    public void RecordFailure(DateTime retryAt, string error)
                    {
                        Failures++;
                        LastError = error;
                        NextRun = retryAt;
                    }

                    public void Disable(string error)
                    {
                        Disabled = true;
                        LastError = error;
                    }
                }
            }
            """,
            """
            using System;
            using System.Collections.Generic;

            namespace Corpus.Triggers
            {
                public interface ITriggerSession : IDisposable
                {
                    IReadOnlyDictionary<string, string>? ReadHash(string key);

                    void Enqueue(string job);

                    void Save(Trigger trigger);
                }

                public static class TriggerSessionExtensions
                {
                    /// <summary>Builds a fresh trigger from its stored hash on every call.</summary>
                    public static Trigger? LoadTrigger(this ITriggerSession session, string id)
                    {
                        var hash = session.ReadHash("trigger:" + id);
                        if (hash == null || !hash.TryGetValue("job", out var job) || !hash.TryGetValue("interval", out var interval))
                        {
                            return null;
                        }

                        var trigger = new Trigger(id, job, TimeSpan.Parse(interval));
                        if (hash.TryGetValue("failures", out var failures))
                        {
                            trigger.Failures = int.Parse(failures);
                        }

                        return trigger;
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.OwnedTransactionPages,
        Clean = true,
    };
}
