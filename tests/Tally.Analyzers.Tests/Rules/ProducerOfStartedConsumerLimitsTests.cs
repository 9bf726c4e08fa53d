using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Where a concurrent collection between two writers is not a producer of a started consumer: the consumer is not
/// started, one lock covers both sides, only one side writes, or the producer adds to another object's collection.
/// </summary>
public class ProducerOfStartedConsumerLimitsTests
{
    [Fact]
    public async Task PendingCountOfAQueueTheCallerDrainsItself_IsNeverCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public sealed class Outbox
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();
                private int _pending;

                public int Pending => _pending;

                public void Post(string item)
                {
                    _pending++;
                    _items.Enqueue(item);
                }

                public void Flush()
                {
                    while (_items.TryDequeue(out var item))
                    {
                        System.Console.WriteLine(item);
                        _pending--;
                    }
                }
            }
            """);

        Assert.All(diagnostics, diagnostic => Assert.Equal("Inferred", diagnostic.Properties["Certainty"]));
    }

    [Fact]
    public async Task PendingCountWrittenUnderTheLockThatTheStartedDrainAlsoTakes_IsNotReported()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class Inbox
            {
                private readonly object _gate = new object();
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();
                private int _pending;

                public Inbox()
                {
                    Task.Run(DrainAsync);
                }

                public void Post(string item)
                {
                    lock (_gate)
                    {
                        _pending++;
                        _items.Enqueue(item);
                    }
                }

                private async Task DrainAsync()
                {
                    while (true)
                    {
                        await Task.Delay(10);
                        lock (_gate)
                        {
                            while (_items.TryDequeue(out var item))
                            {
                                _pending--;
                            }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task HandledCountWrittenOnlyByTheStartedConsumer_IsNotReported()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Recorder
            {
                private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
                private int _handled;

                public Recorder()
                {
                    new Thread(Write).Start();
                }

                public int Handled => _handled;

                public void Record(string line) => _lines.Add(line);

                private void Write()
                {
                    foreach (var line in _lines.GetConsumingEnumerable())
                    {
                        System.Console.WriteLine(line);
                        _handled++;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CountRaisedByAProducerThatEnqueuesIntoAnotherObjectsQueue_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class Mailbox
            {
                public readonly ConcurrentQueue<string> Items = new ConcurrentQueue<string>();
            }

            public sealed class Relay
            {
                private readonly Mailbox _outgoing = new Mailbox();
                private readonly ConcurrentQueue<string> _incoming = new ConcurrentQueue<string>();
                private int _count;

                public Relay()
                {
                    Task.Run(PumpAsync);
                }

                public int Count => _count;

                public void Forward(string item)
                {
                    _count++;
                    _outgoing.Items.Enqueue(item);
                }

                private async Task PumpAsync()
                {
                    while (true)
                    {
                        await Task.Delay(10);
                        while (_incoming.TryDequeue(out var item))
                        {
                            _count--;
                        }
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        CertaintyAssert.AllInferred(diagnostics);
    }
}
