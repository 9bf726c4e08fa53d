using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A class deriving from a System.Collections.Concurrent type declares that one instance is used by many threads at
/// once: that is what its base class is for. Its own members that adjust its own plain fields (a size kept beside the
/// queue in <c>new Enqueue</c>/<c>new TryDequeue</c>) overlap each other, with no start in the project: a certain
/// finding. Counters kept with Interlocked or under a lock, and fields written only by the constructor, are not reported.
/// </summary>
public class ConcurrentCollectionSubclassTests
{
    [Fact]
    public async Task ByteCountOfAConcurrentQueueSubclassAdjustedInNewEnqueueAndTryDequeue_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public sealed class Parcel { public int Size; }

            public sealed class WeighedQueue : ConcurrentQueue<Parcel>
            {
                private long _bytes;

                public long Bytes => _bytes;

                public new void Enqueue(Parcel parcel)
                {
                    base.Enqueue(parcel);
                    _bytes += parcel.Size;
                }

                public new bool TryDequeue(out Parcel parcel)
                {
                    if (base.TryDequeue(out parcel))
                    {
                        _bytes -= parcel.Size;
                        return true;
                    }

                    return false;
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("TALLY005", d.Id);
            Assert.Equal("Certain", d.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("ConcurrentQueue", d.GetMessage());
        });
    }

    [Fact]
    public async Task PushCountOfAConcurrentStackSubclassRaisedInItsOwnPushMethod_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public class CountingStack<T> : ConcurrentStack<T>
            {
                private int _pushes;

                public int Pushes => _pushes;

                public void PushCounted(T item)
                {
                    Push(item);
                    _pushes++;
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task ByteCountOfAConcurrentQueueSubclassKeptWithInterlocked_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Parcel { public int Size; }

            public sealed class WeighedQueue : ConcurrentQueue<Parcel>
            {
                private long _bytes;

                public long Bytes => Interlocked.Read(ref _bytes);

                public new void Enqueue(Parcel parcel)
                {
                    base.Enqueue(parcel);
                    Interlocked.Add(ref _bytes, parcel.Size);
                }

                public new bool TryDequeue(out Parcel parcel)
                {
                    if (base.TryDequeue(out parcel))
                    {
                        Interlocked.Add(ref _bytes, -parcel.Size);
                        return true;
                    }

                    return false;
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ByteCountOfAConcurrentQueueSubclassKeptUnderItsOwnLock_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public sealed class Parcel { public int Size; }

            public sealed class WeighedQueue : ConcurrentQueue<Parcel>
            {
                private readonly object _sync = new object();
                private long _bytes;

                public new void Enqueue(Parcel parcel)
                {
                    lock (_sync)
                    {
                        base.Enqueue(parcel);
                        _bytes += parcel.Size;
                    }
                }

                public new bool TryDequeue(out Parcel parcel)
                {
                    lock (_sync)
                    {
                        if (!base.TryDequeue(out parcel)) return false;
                        _bytes -= parcel.Size;
                        return true;
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task LimitOfAConcurrentDictionarySubclassSetOnlyByItsConstructor_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;

            public sealed class BoundedMap : ConcurrentDictionary<string, int>
            {
                private int _limit;

                public BoundedMap(int limit)
                {
                    _limit = limit;
                    _limit += 1;
                }

                public bool Full => Count >= _limit;
            }
            """);

        Assert.Empty(diagnostics);
    }
}
