using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Objects each run makes for itself and hands down through parameters: a parameter that only ever receives an object
/// its caller has just made (<c>new</c>, or a factory returning <c>new</c>) is a different object on every run, so two
/// writers of it in one parallel iteration do not race with the writers of other iterations. Each not-reported case has
/// a reported twin where the object is shared.
/// </summary>
public class PerCallObjectTests
{
    private const string Job = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Job
        {
            public int Retries { get; set; }

            public void ScheduleRetry() => Retries++;
        }

        public interface IStore
        {
            string? Read(string key);
        }

        public static class StoreExtensions
        {
            public static Job? LoadJob(this IStore store, string id)
            {
                if (store.Read(id) == null)
                {
                    return null;
                }

                return new Job();
            }
        }

        """;

    [Fact]
    public Task TwoWritersOfAJobEachIterationLoads_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Job + """
            public sealed class Runner
            {
                private readonly IStore _store;

                public Runner(IStore store) => _store = store;

                public void RunDue(IEnumerable<string> ids) => Parallel.ForEach(ids, id => Process(id));

                private void Process(string id)
                {
                    var job = _store.LoadJob(id);
                    if (job != null)
                    {
                        Handle(job, id);
                    }
                }

                private void Handle(Job job, string id)
                {
                    if (id.Length > 3)
                    {
                        Retry(job);
                    }
                    else
                    {
                        job.Retries = 0;
                    }
                }

                private static void Retry(Job job) => job.ScheduleRetry();
            }
            """);

    [Fact]
    public Task TwoWritersOfOneJobAllIterationsShare_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Job
            {
                public int Retries { get; set; }

                public void ScheduleRetry() => {|TALLY003:Retries++|};
            }

            public sealed class Runner
            {
                private readonly Job _current = new Job();

                public void RunDue(IEnumerable<string> ids) => Parallel.ForEach(ids, id => Handle(_current, id));

                private void Handle(Job job, string id)
                {
                    if (id.Length > 3)
                    {
                        job.ScheduleRetry();
                    }
                    else
                    {
                        job.Retries = 0;
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateThroughAParameterEveryCallerPassesANewObject_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Tally
            {
                public int Seen;
            }

            public sealed class Scanner
            {
                public void Scan(IEnumerable<string> lines) => Parallel.ForEach(lines, line =>
                {
                    var tally = new Tally();
                    Count(tally, line);
                    Count(new Tally(), line);
                });

                private static void Count(Tally tally, string line)
                {
                    foreach (var c in line)
                    {
                        tally.Seen++;
                    }

                    tally.Seen = 0;
                }
            }
            """);

    [Fact]
    public Task UpdateThroughAParameterOneCallerPassesASharedObject_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Tally
            {
                public int Seen;
            }

            public sealed class Scanner
            {
                private readonly Tally _total = new Tally();

                public void Scan(IEnumerable<string> lines) => Parallel.ForEach(lines, line =>
                {
                    Count(new Tally(), line);
                    Count(_total, line);
                });

                private static void Count(Tally tally, string line)
                {
                    foreach (var c in line)
                    {
                        {|TALLY003:tally.Seen++|};
                    }

                    tally.Seen = 0;
                }
            }
            """);

    [Fact]
    public Task UpdateThroughAParameterOfAPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Tally
            {
                public int Seen;
            }

            public sealed class Scanner
            {
                public void Scan(IEnumerable<string> lines) => Parallel.ForEach(lines, line => Count(new Tally(), line));

                // Public: callers outside the compilation may pass one object from many threads.
                public static void Count(Tally tally, string line)
                {
                    {|TALLY003:tally.Seen++|};
                    tally.Seen = 0;
                }
            }
            """);
}
