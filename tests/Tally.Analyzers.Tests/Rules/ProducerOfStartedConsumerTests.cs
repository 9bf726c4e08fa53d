using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A producer of a started consumer (docs/detection-model.md, "Declared sharing"): ordinary code adds to a concurrent
/// collection field of <c>this</c> (a <c>ConcurrentQueue</c>, a <c>BlockingCollection</c>, a <c>Channel</c>'s writer), in
/// the update's own function or one call on <c>this</c> away, and code started on the same object takes from that field.
/// The collection is there so that the two run at once: both updating one counter without a common lock is certain.
/// </summary>
public class ProducerOfStartedConsumerTests
{
    /// <summary>A wake-up event of the project's own, as a worker's inbox might use (not a known synchronisation type).</summary>
    private const string WakeUp = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class WakeUp
        {
            private TaskCompletionSource<bool> _pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Set() => _pending.TrySetResult(true);

            public async Task WaitAsync()
            {
                await _pending.Task;
                Interlocked.Exchange(ref _pending, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
        """;

    private static readonly TestOptions WithWakeUp = new TestOptions { AdditionalSources = new[] { WakeUp } };

    [Fact]
    public async Task LengthRaisedByAPublicReceiveThatEnqueuesThroughAHelperAndLoweredByTheLoopStartedInTheConstructor_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class WorkerContext
            {
                private readonly ConcurrentQueue<(bool IsMessage, object State)> _work = new ConcurrentQueue<(bool IsMessage, object State)>();
                private readonly WakeUp _wakeUp = new WakeUp();
                private readonly Task _loop;
                private int _backlog;

                public WorkerContext()
                {
                    _loop = Task.Run(RunLoop);
                }

                public int Backlog => _backlog;

                public void Receive(object message)
                {
                    _backlog++;
                    Schedule(true, message);
                }

                public void Stop() => Schedule(false, null!);

                private void Schedule(bool isMessage, object state)
                {
                    _work.Enqueue((isMessage, state));
                    _wakeUp.Set();
                }

                private async Task RunLoop()
                {
                    while (true)
                    {
                        while (_work.TryDequeue(out var item))
                        {
                            if (item.IsMessage)
                            {
                                _backlog--;
                            }
                            else
                            {
                                return;
                            }
                        }

                        await _wakeUp.WaitAsync();
                    }
                }
            }
            """, WithWakeUp);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic =>
        {
            Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        });
    }

    [Fact]
    public async Task InFlightCountRaisedByAPublishIntoAChannelAndLoweredByTheStartedReader_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Channels;
            using System.Threading.Tasks;

            public sealed class EventPump
            {
                private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
                private int _inFlight;

                public int InFlight => _inFlight;

                public void Start()
                {
                    _ = Task.Run(PumpAsync);
                }

                public bool Publish(string name)
                {
                    _inFlight += 1;
                    return _events.Writer.TryWrite(name);
                }

                private async Task PumpAsync()
                {
                    await foreach (var name in _events.Reader.ReadAllAsync())
                    {
                        System.Console.WriteLine(name);
                        _inFlight -= 1;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Equal("Certain", diagnostic.Properties["Certainty"]));
    }

    [Fact]
    public async Task QueuedJobsCountedByASubmitIntoABlockingCollectionAndByTheConsumingThread_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class JobRunner
            {
                private readonly BlockingCollection<Action> _jobs = new BlockingCollection<Action>();
                private long _queued;

                public JobRunner()
                {
                    new Thread(Consume) { IsBackground = true }.Start();
                }

                public long Queued => _queued;

                public void Submit(Action job)
                {
                    _jobs.Add(job);
                    _queued++;
                }

                private void Consume()
                {
                    foreach (var job in _jobs.GetConsumingEnumerable())
                    {
                        _queued--;
                        job();
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Equal("Certain", diagnostic.Properties["Certainty"]));
    }
}
