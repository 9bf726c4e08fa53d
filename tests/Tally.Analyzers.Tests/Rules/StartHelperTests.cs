using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A thread started through a helper that takes the delegate (fourth fresh sample, family W:
/// <c>static Task Run(Action action) =&gt; Task.Factory.StartNew(action, ..., LongRunning, ...)</c>) starts once per call of
/// the helper: the start's multiplicity is that of the helper's call site, as if the caller had started it itself.
/// </summary>
public class StartHelperTests
{
    private const string Helper = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        internal static class Threads
        {
            public static Task RunLong(Action action)
                => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        """;

    [Fact]
    public Task ListenerStartedOnceThroughAHelperByAGuardedConnect_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Helper + """

            public sealed class Session
            {
                private readonly SemaphoreSlim _connectLock = new SemaphoreSlim(1, 1);
                private uint _inbound;
                private bool _connected;

                public void Connect()
                {
                    _connectLock.Wait();
                    try
                    {
                        if (_connected)
                        {
                            return;
                        }

                        _connected = true;
                        _ = Threads.RunLong(Listen);
                    }
                    finally
                    {
                        _connectLock.Release();
                    }
                }

                private void Listen()
                {
                    while (_connected)
                    {
                        _inbound++;
                        if (_inbound % 100 == 0) OnNewKeys();
                    }
                }

                internal void OnNewKeys() => _inbound = 0;
            }
            """);

    [Fact]
    public Task LoopStartedThroughAHelperFromAConstructor_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Helper + """

            public sealed class Pump
            {
                private readonly object _gate = new object();
                private long _pumped;

                public Pump() => Threads.RunLong(() => Run());

                public void Touch() { lock (_gate) { } }

                private void Run()
                {
                    while (true) _pumped++;
                }
            }
            """);

    [Fact]
    public Task HelperCalledInALoop_IsReported() =>
        Verify.VerifyAnalyzerAsync(Helper + """

            public sealed class Workers
            {
                private long _done;

                public Workers(int count)
                {
                    for (var i = 0; i < count; i++)
                    {
                        Threads.RunLong(Work);
                    }
                }

                private void Work() => {|TALLY003:_done++|};
            }
            """);

    [Fact]
    public Task HelperCalledByAnUnguardedPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync(Helper + """

            public sealed class Session
            {
                private uint _inbound;

                public void Connect() => Threads.RunLong(Listen);

                private void Listen() => {|TALLY003:_inbound++|};
            }
            """);

    [Fact]
    public Task HelperCalledFromAParallelBody_IsReported() =>
        Verify.VerifyAnalyzerAsync(Helper + """

            public sealed class Fan
            {
                private long _started;

                public Fan(int[] items)
                {
                    Parallel.ForEach(items, item => Threads.RunLong(Count));
                }

                private void Count() => {|TALLY003:_started++|};
            }
            """);

    [Fact]
    public Task HelperThatStartsItsDelegateTwice_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            internal static class Twice
            {
                public static void Run(Action action)
                {
                    Task.Run(action);
                    Task.Run(action);
                }
            }

            public sealed class Session
            {
                private uint _inbound;

                public Session() => Twice.Run(Listen);

                private void Listen() => {|TALLY003:_inbound++|};
            }
            """);
}
