using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A TPL Dataflow block runs its delegate for one message at a time unless its options raise
/// <c>MaxDegreeOfParallelism</c> (fourth fresh sample, family X: an actor made of an <c>ActionBlock</c>). Functions
/// reached only from such a delegate are one run, however the block is fed; a block with a larger degree, two blocks,
/// a block made again by every call, or another caller of the same function overlap.
/// </summary>
public class DataflowExecutorTests
{
    private const string Router = """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Dataflow;

        public sealed class Router
        {
            private readonly ConcurrentQueue<string> _retries = new ConcurrentQueue<string>();
            private readonly ActionBlock<string> _messages;
            private int _postponed;

            public Router()
            {
                _messages = new ActionBlock<string>(m => Process(m)OPTIONS);
            }

            public bool Post(string message) => _messages.Post(message);

            public void Retry(string message) => _retries.Enqueue(message);

            private async Task Process(string message)
            {
                while (_retries.TryDequeue(out var retry))
                {
                    Postpone(retry);
                }

                if (message.Length == 0)
                {
                    UPDATE_DEC;
                }

                await Task.Yield();
            }

            private void Postpone(string message) => UPDATE_INC;
        }
        """;

    private static string RouterWith(string options, string increment, string decrement)
        => Router.Replace("OPTIONS", options).Replace("UPDATE_INC", increment).Replace("UPDATE_DEC", decrement);

    [Fact]
    public Task ActorWhoseActionBlockHasNoOptions_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(RouterWith("", "++_postponed", "--_postponed"));

    [Fact]
    public Task ActorWhoseActionBlockSetsOtherOptionsOrADegreeOfOne_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(RouterWith(
            ", new ExecutionDataflowBlockOptions { BoundedCapacity = 100, MaxMessagesPerTask = 8, MaxDegreeOfParallelism = 1 }",
            "++_postponed",
            "--_postponed"));

    [Fact]
    public Task ActorWhoseActionBlockRunsFourMessagesAtATime_IsReported() =>
        Verify.VerifyAnalyzerAsync(RouterWith(
            ", new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 4 }",
            "{|TALLY003:++_postponed|}",
            "{|TALLY003:--_postponed|}"));

    [Fact]
    public Task ActorWhoseActionBlockHasAnUnboundedDegree_IsReported() =>
        Verify.VerifyAnalyzerAsync(RouterWith(
            ", new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = DataflowBlockOptions.Unbounded }",
            "{|TALLY003:++_postponed|}",
            "{|TALLY003:--_postponed|}"));

    [Fact]
    public Task TwoSerialBlocksWritingOneField_AreReportedAndAFieldOnlyOneWrites_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks.Dataflow;

            public sealed class Node
            {
                private readonly ActionBlock<int> _requests;
                private readonly ActionBlock<int> _responses;
                private int _inFlight;
                private int _served;

                public Node()
                {
                    var options = new ExecutionDataflowBlockOptions { MaxMessagesPerTask = 1 };
                    options.MaxDegreeOfParallelism = 1;
                    _requests = new ActionBlock<int>(r => Request(r), options);
                    _responses = new ActionBlock<int>(r => Response(r), options);
                }

                public void Send(int request) => _requests.Post(request);

                public void Receive(int response) => _responses.Post(response);

                private void Request(int request)
                {
                    {|TALLY003:_inFlight++|};
                }

                private void Response(int response)
                {
                    {|TALLY003:_inFlight--|};
                    _served += response;
                }
            }
            """);

    [Fact]
    public Task OptionsFromAParameterOrADegreeAssignedLater_AreTakenAsParallel() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks.Dataflow;

            public sealed class Pool
            {
                private readonly ActionBlock<int> _given;
                private readonly TransformBlock<int, int> _mapped;
                private int _count;
                private int _sum;

                public Pool(ExecutionDataflowBlockOptions options, int dop)
                {
                    _given = new ActionBlock<int>(i => {|TALLY003:_count++|}, options);
                    var local = new ExecutionDataflowBlockOptions();
                    local.MaxDegreeOfParallelism = dop;
                    _mapped = new TransformBlock<int, int>(i => {|TALLY003:_sum += i|}, local);
                }
            }
            """);

    [Fact]
    public Task ActionBlockMadeAgainByAPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks.Dataflow;

            public sealed class Restartable
            {
                private ActionBlock<int> _block;
                private int _handled;

                public void Start() => _block = new ActionBlock<int>(i => Handle(i));

                public void Post(int item) => _block.Post(item);

                private void Handle(int item) => {|TALLY003:_handled++|};
            }
            """);

    [Fact]
    public Task ActorFunctionAlsoCalledByAPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks.Dataflow;

            public sealed class Router
            {
                private readonly ConcurrentQueue<string> _retries = new ConcurrentQueue<string>();
                private readonly ActionBlock<string> _messages;
                private int _postponed;

                public Router() => _messages = new ActionBlock<string>(m => Process(m));

                public void Flush() => Process(string.Empty);

                private void Process(string message)
                {
                    _retries.Enqueue(message);
                    {|#0:_postponed++|};
                }
            }
            """.Replace("{|#0:", "{|TALLY003:"));

    [Fact]
    public Task ActorOverAnUnboundActionBlock_StaysReportedWithoutCrashing() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks.Dataflow;

            public sealed class Router
            {
                private readonly ConcurrentQueue<string> _retries = new ConcurrentQueue<string>();
                private readonly ActionBlock<string> _messages;
                private int _postponed;

                public Router() => _messages = new ActionBlock<string>(m => Process(m));

                private void Process(string message)
                {
                    _retries.Enqueue(message);
                    {|TALLY005:_postponed++|};
                }
            }
            """,
            new TestOptions
            {
                TargetFramework = TestTargetFramework.NetStandard20,
                AllowedCompilerDiagnostics = new[] { "CS0234", "CS0246" },
            });
}
