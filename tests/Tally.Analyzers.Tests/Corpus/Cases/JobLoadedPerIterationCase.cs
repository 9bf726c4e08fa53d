namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean), in the shape of a background-job scheduler (docs/real-code-wider.md): due jobs are handled
/// by a <c>Parallel.ForEach</c>, each iteration with its own store connection; an extension method builds a fresh job
/// object from the stored row on every call, and a failing job's retry count is bumped through two helpers. Many
/// iterations run at once, but each job object is created by, and only ever seen by, its own iteration. Expected:
/// nothing reported. (The real scheduler also resets the count in another method of the same iteration; with two
/// writers of the per-iteration object the model reports the pair, so that writer is left out here.)
/// </summary>
internal static class JobLoadedPerIterationCase
{
    public static CorpusCase Case { get; } = new("JobLoadedPerIteration", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Jobs
        {
            /// <summary>Not thread-safe: a scheduled job's row, loaded from storage by whoever processes it.</summary>
            public sealed class ScheduledJob
            {
                public ScheduledJob(string id, DateTime due)
                {
                    Id = id;
                    Due = due;
                }

                public string Id { get; }

                public DateTime Due { get; private set; }

                public int Retries { get; private set; }

                public string? LastError { get; private set; }

                public void ScheduleRetry(DateTime at, string error)
                {
                    Retries++;
                    LastError = error;
                    Due = at;
                }
            }

            public interface IJobStore : IDisposable
            {
                IReadOnlyDictionary<string, string>? ReadRow(string key);

                void Save(ScheduledJob job);
            }

            public static class JobStoreExtensions
            {
                /// <summary>Builds a fresh object from the stored row on every call.</summary>
                public static ScheduledJob? LoadJob(this IJobStore store, string id)
                {
                    var row = store.ReadRow("job:" + id);
                    if (row == null || !row.TryGetValue("due", out var due))
                    {
                        return null;
                    }

                    return new ScheduledJob(id, DateTime.Parse(due));
                }
            }

            public sealed class DueJobRunner
            {
                private readonly Func<IJobStore> _connect;

                public DueJobRunner(Func<IJobStore> connect)
                {
                    _connect = connect;
                }

                /// <summary>Each due job is handled on its own worker, with its own store connection.</summary>
                public void RunDue(IEnumerable<string> dueIds, int parallelism)
                {
                    Parallel.ForEach(dueIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, id =>
                    {
                        using (var store = _connect())
                        {
                            Process(store, id);
                        }
                    });
                }

                private void Process(IJobStore store, string id)
                {
                    var job = store.LoadJob(id);
                    if (job == null)
                    {
                        return;
                    }

                    try
                    {
                        Trigger(job);
                    }
                    catch (InvalidOperationException ex)
                    {
                        Retry(job, ex);
                    }

                    store.Save(job);
                }

                private static void Trigger(ScheduledJob job)
                {
                    if (job.Due > DateTime.UtcNow)
                    {
                        throw new InvalidOperationException("not due yet: " + job.Id);
                    }
                }

                private static void Retry(ScheduledJob job, Exception error)
                {
                    job.ScheduleRetry(DateTime.UtcNow.AddMinutes(1), error.Message);
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedTransactionPages,
        Clean = true,
    };
}
