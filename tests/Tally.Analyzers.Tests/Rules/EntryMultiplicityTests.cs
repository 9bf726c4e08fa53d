using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// One writer is not many: a loop started once per object (from a constructor) is one writer however many calls away
/// its writes are, and a worker object that is never seen as an interface is not run by the code that calls that
/// interface. Each not-reported case has a reported twin where the start may run again or the object is handed out.
/// </summary>
public class EntryMultiplicityTests
{
    // A connection's read loop delivers each message to its subscription, one after another, four calls down.
    private const string ReadLoop = """
        using System.Threading.Tasks;

        public abstract class Subscription
        {
            public ValueTask ReceiveAsync(string subject) => ReceiveInternalAsync(subject);

            protected abstract ValueTask ReceiveInternalAsync(string subject);
        }

        public sealed class Dispatcher
        {
            private readonly Subscription _subscription;

            public Dispatcher(Subscription subscription) => _subscription = subscription;

            internal ValueTask DispatchAsync(string subject) => _subscription.ReceiveAsync(subject);
        }

        public sealed class Connection
        {
            private readonly Dispatcher _dispatcher;
            private Task _reading = Task.CompletedTask;

            public Connection(Dispatcher dispatcher)
            {
                _dispatcher = dispatcher;
                START_IN_CONSTRUCTOR
            }

            START_IN_METHOD

            private async Task ReadLoopAsync()
            {
                while (true)
                {
                    await DeliverAsync("subject").ConfigureAwait(false);
                }
            }

            private ValueTask DeliverAsync(string subject) => _dispatcher.DispatchAsync(subject);
        }

        public sealed class Consumer : Subscription
        {
            private readonly object _pendingLock = new object();
            private int _pending;
            private int _failures;

            // The heartbeat timer and pull requests touch the pending count: it is locked.
            public void Pull(int count)
            {
                lock (_pendingLock)
                {
                    _pending += count;
                }
            }

            protected override ValueTask ReceiveInternalAsync(string subject)
            {
                if (subject.Length == 0)
                {
                    MARK;
                }
                else
                {
                    _failures = 0;
                }

                return default;
            }
        }
        """;

    [Fact]
    public Task UpdateReachedOnlyByAReadLoopStartedInAConstructor_ManyCallsAway_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", "_reading = Task.Run(ReadLoopAsync);")
            .Replace("START_IN_METHOD", string.Empty)
            .Replace("MARK", "_failures++"));

    [Fact]
    public Task UpdateReachedByAReadLoopThatEveryCallStartsAgain_ManyCallsAway_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", string.Empty)
            .Replace("START_IN_METHOD", "public void Start() => _reading = Task.Run(ReadLoopAsync);")
            .Replace("MARK", "{|TALLY005:_failures++|}"));

    [Fact]
    public Task UpdateReachedByTwoLoopsStartedInConstructors_ManyCallsAway_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", "_reading = Task.Run(ReadLoopAsync); Task.Run(ReadLoopAsync);")
            .Replace("START_IN_METHOD", string.Empty)
            .Replace("MARK", "{|TALLY005:_failures++|}"));
}
