using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A property setter with a body is a function the compilation calls: <c>this.IsDone = true</c> runs the setter, so
/// the locks every caller holds around such assignments cover the setter's own update, as for a private method's.
/// The shape of a task object whose internal flag property sets a bit of its state word, assigned only inside the
/// context's lock, while every other change of the state word holds that lock too (second fresh sample, family H).
/// </summary>
public class PropertyAccessorCallerLockTests
{
    private const string Job = """
        using System.Threading.Tasks;

        public sealed class JobContext
        {
            internal readonly object Gate = new object();
        }

        public sealed class Job
        {
            private const int Started = 1;
            private const int CompleteRequested = 2;
            private const int Completed = 4;

            private readonly JobContext context;
            private int state;

            public Job(JobContext context) => this.context = context;

            internal bool IsCompleteRequested
            {
                get { return (this.state & CompleteRequested) != 0; }
                set { this.state |= CompleteRequested; }
            }

            public void Start()
            {
                lock (this.context.Gate)
                {
                    this.state |= Started;
                }

                Task.Run(() => this.Complete());
            }

            public void Complete()
            {
                lock (this.context.Gate)
                {
                    if (!this.IsCompleteRequested)
                    {
                        this.IsCompleteRequested = true;
                    }
                }

                Task.Run(() => this.OnCompleted());
            }

            private void OnCompleted()
            {
                lock (this.context.Gate)
                {
                    this.state |= Completed;
                }
            }
        }
        """;

    [Fact]
    public Task SetterAssignedOnlyInsideTheLockOfItsOtherUpdates_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Job);

    [Fact]
    public Task SetterAlsoAssignedOutsideTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(Job
            .Edit("set { this.state |= CompleteRequested; }", "set { {|TALLY001:this.state |= CompleteRequested|}; }")
            .Edit("Task.Run(() => this.OnCompleted());", "Task.Run(() => this.OnCompleted());\n        this.IsCompleteRequested = true;"));

    [Fact]
    public Task PublicSetterAssignedOnlyInsideTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(Job
            .Edit("internal bool IsCompleteRequested", "public bool IsCompleteRequested")
            .Edit("set { this.state |= CompleteRequested; }", "set { {|TALLY001:this.state |= CompleteRequested|}; }"));
}
