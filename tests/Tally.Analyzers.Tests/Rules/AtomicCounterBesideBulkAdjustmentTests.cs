using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY001 beside an atomic counter step (<c>Interlocked.Increment</c>, <c>Decrement</c>, <c>Add</c>) whose plain update
/// is a bulk adjustment (a computed amount added, a maximum taken) is certain only when the model also sees the plain
/// update overlap: an entry reaching it, a lock of its own, the atomic step in its own function. Otherwise it is inferred:
/// the shapes of BuildXL's initial counts, FASTER's recovered session id and FFME's serial decode (fresh18, fresh5).
/// A plain unit step (<c>x++</c>, <c>--x</c>) beside an atomic counter, and any update beside an exchange or a
/// compare-exchange (Azure.Amqp's dispose flag, New Relic's reset minimum), stay certain.
/// </summary>
public class AtomicCounterBesideBulkAdjustmentTests
{
    [Fact]
    public async Task CountsAddedOnceDuringInitialisationBesideAnInterlockedIncrement_AreInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Scheduler
            {
                private long _completed;
                private long _pruned;

                public bool Initialize(int pruned)
                {
                    CalculateNodes(pruned);
                    return true;
                }

                private void CalculateNodes(int pruned)
                {
                    _pruned = pruned;
                    _completed += _pruned;
                }

                public void OnPipCompleted() => Interlocked.Increment(ref _completed);
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task ARecoveredMaximumBesideAnInterlockedIncrementOfTheSameId_IsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Threading;

            public class Store
            {
                private int _maxSessionId;

                public void Recover(int recovered)
                {
                    _maxSessionId = Math.Max(recovered, _maxSessionId);
                }

                public int NewSession() => Interlocked.Increment(ref _maxSessionId);
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task ASerialLoopAddingBesideAParallelLoopsInterlockedAdd_IsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public class Decoder
            {
                private int _decoded;

                public void Cycle(List<int> blocks, bool parallel)
                {
                    _decoded = 0;
                    if (parallel)
                        Parallel.ForEach(blocks, b => Interlocked.Add(ref _decoded, Decode(b)));
                    else
                        DecodeSerially(blocks);
                }

                private void DecodeSerially(List<int> blocks)
                {
                    foreach (var b in blocks)
                        _decoded += Decode(b);
                }

                private static int Decode(int block) => block;
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task APlainDecrementBesideAnInterlockedIncrement_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Sessions
            {
                private long _active;

                internal void Begin() => Interlocked.Increment(ref _active);

                internal void End() => --_active;
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ABulkAdditionUnderItsOwnLockBesideAnInterlockedAdd_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Traffic
            {
                private readonly object _gate = new object();
                private long _bytes;

                public void Received(int count) => Interlocked.Add(ref _bytes, count);

                public void Sent(int count)
                {
                    lock (_gate)
                    {
                        _bytes += count;
                    }
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ABulkAdditionInAStartedTaskBesideAnInterlockedIncrement_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Uploader
            {
                private long _parts;

                public void Part() => Interlocked.Increment(ref _parts);

                public Task Batch(int count) => Task.Run(() => { _parts += count; });
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ABulkAdditionInTheFunctionOfTheInterlockedIncrement_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Pages
            {
                private long _written;

                public void Write(int extra)
                {
                    Interlocked.Increment(ref _written);
                    _written += extra;
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task AFlagSetBeforeACompareExchangeInTheSameDispose_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Message
            {
                private const int MessageDisposed = 1;
                private const int BufferDisposed = 2;
                private int _disposeState;

                public void Dispose()
                {
                    _disposeState |= MessageDisposed;
                    ReleaseBuffer();
                }

                private void ReleaseBuffer()
                {
                    int unset = _disposeState & ~BufferDisposed;
                    int set = _disposeState | BufferDisposed;
                    Interlocked.CompareExchange(ref _disposeState, set, unset);
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ABulkSubtractionBesideInterlockedAddsAndACompareExchangeOfTheSameSize_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Cache
            {
                private long _size;

                public void Added(long bytes) => Interlocked.Add(ref _size, bytes);

                public void Removed(long bytes) => Interlocked.Add(ref _size, -bytes);

                public bool TryReserve(long bytes, long capacity)
                {
                    var read = Interlocked.Read(ref _size);
                    return read + bytes <= capacity && Interlocked.CompareExchange(ref _size, read + bytes, read) == read;
                }

                public void Compact(long freed)
                {
                    _size -= freed;
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task AMinimumTakenUnderALockBesideAnInterlockedExchangeReset_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Threading;

            public class Health
            {
                private readonly object _sync = new object();
                private long _batchMin = long.MaxValue;

                public void Sent(long count)
                {
                    lock (_sync)
                    {
                        _batchMin = Math.Min(_batchMin, count);
                    }
                }

                public long Harvest() => Interlocked.Exchange(ref _batchMin, long.MaxValue);
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }
}
