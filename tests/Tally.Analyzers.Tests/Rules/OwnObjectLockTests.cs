using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock on the very object an update writes (<c>lock (summary) summary.Failed++;</c>), with the object in a local or
/// parameter: each update holds the lock of the object it writes, so two updates of one object exclude each other,
/// whatever the variable holds. A lock on another local, or a variable reassigned in the method, is per key again.
/// </summary>
public class OwnObjectLockTests
{
    private const string Importer = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Summary
        {
            public int Failed;
            public int Done;
        }

        public sealed class Importer
        {
            public Summary Run(List<int> sources)
            {
                var summary = new Summary();
                var tasks = new List<Task>();
                foreach (var source in sources)
                {
                    var current = source;
                    tasks.Add(Task.Run(() =>
                    {
                        lock (summary)
                        {
                            if (current < 0)
                            {
                                summary.Failed++;
                            }

                            summary.Done++;
                        }
                    }));
                }

                Task.WaitAll(tasks.ToArray());
                return summary;
            }
        }
        """;

    [Fact]
    public Task UpdatesOfACapturedObjectUnderALockOnThatObject_AreNotReported() => Verify.VerifyAnalyzerAsync(Importer);

    [Fact]
    public Task UpdatesUnderALockOnAnotherLocalObject_AreReported() => Verify.VerifyAnalyzerAsync(Importer
        .Edit("var summary = new Summary();", "var summary = new Summary();\n        var other = new object();")
        .Edit("lock (summary)", "lock (other)")
        .Edit("summary.Failed++;", "{|TALLY003:summary.Failed++|};")
        .Edit("summary.Done++;", "{|TALLY003:summary.Done++|};"));

    [Fact]
    public Task LockedVariableReassignedInTheMethod_IsReported() => Verify.VerifyAnalyzerAsync(Importer
        .Edit("summary.Failed++;", "{|TALLY003:summary.Failed++|};")
        .Edit("summary.Done++;", "{|TALLY003:summary.Done++|};")
        .Edit("Task.WaitAll(tasks.ToArray());", "Task.WaitAll(tasks.ToArray());\n        summary = new Summary();"));

    [Fact]
    public Task ParameterObjectUpdatedUnderItsOwnLockFromAParallelLoop_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;

        public sealed class Tally
        {
            public long Count;
        }

        public static class Counting
        {
            public static void Add(Tally tally, int[] items)
                => Parallel.ForEach(items, item =>
                {
                    lock (tally)
                    {
                        tally.Count += item;
                    }
                });
        }
        """);
}
