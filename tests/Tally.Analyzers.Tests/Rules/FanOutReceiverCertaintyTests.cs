using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Copies started together (a fan-out, a thread start in a loop) overlap by construction. When they reach the update
/// through calls, the update is certain only if every call on the way runs on the same object in every copy: the
/// started code's <c>this</c>, a readonly field, a static, or a local captured from outside the loop and never
/// reassigned. A receiver made per copy, a loop variable, an element or a call's result stays inferred.
/// </summary>
public class FanOutReceiverCertaintyTests
{
    [Fact]
    public async Task ParallelForEachRecordingIntoACapturedTally_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class RowTally
            {
                private int _accepted;
                public void Record(string row)
                {
                    if (row.Length > 0)
                    {
                        _accepted++;
                    }
                }
                public int Accepted => _accepted;
            }

            public class Importer
            {
                public int Import(List<string> rows)
                {
                    var stats = new RowTally();
                    Parallel.ForEach(rows, row => stats.Record(row));
                    return stats.Accepted;
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task TaskRunInALoopSpinningAWorkerDeclaredBeforeTheLoop_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Spinner
            {
                private long _turns;
                public void Spin()
                {
                    for (var i = 0; i < 1000; i++)
                    {
                        _turns++;
                    }
                }
                public long Turns => _turns;
            }

            public class StressHarness
            {
                public async Task<long> RunAsync(int threads)
                {
                    var worker = new Spinner();
                    var running = new List<Task>();
                    for (var i = 0; i < threads; i++)
                    {
                        running.Add(Task.Run(() => worker.Spin()));
                    }
                    await Task.WhenAll(running);
                    return worker.Turns;
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task FanOutLambdaCallingAHelperOnThis_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class DocumentIndexer
            {
                private int _indexed;
                public void IndexAll(IEnumerable<string> documents)
                {
                    Parallel.ForEach(documents, document => this.Index(document));
                }
                private void Index(string document)
                {
                    if (document.Length > 0)
                    {
                        _indexed++;
                    }
                }
                public int Indexed => _indexed;
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task FanOutReachingTheUpdateTwoCallsDeepThroughAReadonlyField_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Meter
            {
                private long _bytes;
                public void Add(byte[] chunk) => Grow(chunk.Length);
                private void Grow(int size) { _bytes += size; }
                public long Bytes => _bytes;
            }

            public class Uploader
            {
                private readonly Meter _meter = new Meter();
                public void UploadAll(IReadOnlyList<byte[]> chunks)
                {
                    Parallel.For(0, chunks.Count, i => _meter.Add(chunks[i]));
                }
                public long Sent => _meter.Bytes;
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task WorkerCreatedInsideTheLoopBody_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Spinner
            {
                private long _turns;
                public void Spin() { _turns++; }
                public long Turns => _turns;
            }

            public class StressHarness
            {
                public Task RunAsync(int threads)
                {
                    var running = new List<Task>();
                    for (var i = 0; i < threads; i++)
                    {
                        var w = new Spinner();
                        running.Add(Task.Run(() => w.Spin()));
                    }
                    return Task.WhenAll(running);
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task WorkerThatIsTheLoopVariable_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Connection
            {
                private int _pings;
                public void Ping() { _pings++; }
                public int Pings => _pings;
            }

            public class Pool
            {
                public void PingAll(List<Connection> connections)
                {
                    foreach (var connection in connections)
                    {
                        Task.Run(() => connection.Ping());
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task FanOutCallingTheItemItself_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Connection
            {
                private int _pings;
                public void Ping() { _pings++; }
                public int Pings => _pings;
            }

            public class Pool
            {
                public void PingAll(List<Connection> connections)
                {
                    Parallel.ForEach(connections, connection => connection.Ping());
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task FanOutCallingACallsResult_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Shard
            {
                private int _writes;
                public void Write(string key) { _writes++; }
                public int Writes => _writes;
            }

            public class ShardedStore
            {
                private readonly Shard[] _shards = { new Shard(), new Shard() };
                private Shard ShardFor(string key) => _shards[key.Length % _shards.Length];
                public void WriteAll(IEnumerable<string> keys)
                {
                    Parallel.ForEach(keys, key => ShardFor(key).Write(key));
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task WorkerFieldReassignedInTheLoopBody_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public class Spinner
            {
                private long _turns;
                public void Spin() { _turns++; }
                public long Turns => _turns;
            }

            public class StressHarness
            {
                private Spinner _current = new Spinner();
                public void Run(int threads)
                {
                    for (var i = 0; i < threads; i++)
                    {
                        _current = new Spinner();
                        Task.Run(() => _current.Spin());
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task CapturedWorkerReassignedInTheLoopBody_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public class Spinner
            {
                private long _turns;
                public void Spin() { _turns++; }
                public long Turns => _turns;
            }

            public class StressHarness
            {
                public void Run(int threads)
                {
                    var worker = new Spinner();
                    for (var i = 0; i < threads; i++)
                    {
                        Task.Run(() => worker.Spin());
                        worker = new Spinner();
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task MethodGroupOfTheLoopVariableReachingAHelper_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Channel
            {
                private int _drained;
                public void Pump() => Drain();
                private void Drain() { _drained++; }
                public int Drained => _drained;
            }

            public class Switchboard
            {
                public void PumpAll(List<Channel> channels)
                {
                    foreach (var channel in channels)
                    {
                        Task.Run(channel.Pump);
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }
}
