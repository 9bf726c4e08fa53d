using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The exception to the partner rule (<see cref="SynchronizationPartnersTests"/>): a public method of a public type that
/// synchronises on objects its partners also use is called by code outside the compilation, from threads the
/// compilation cannot see, so it runs beside itself and not only beside its partners; what it calls outside its lock
/// overlaps with itself. A method only the compilation calls (internal, or public in an internal type) is still judged
/// by its partners.
/// </summary>
public class SelfSynchronizingPartnerTests
{
    private const string PublicPool = """
        using System.Collections.Concurrent;
        using System.Threading;

        public sealed class SocketPool
        {
            private readonly ConcurrentBag<object> _idle = new ConcurrentBag<object>();
            private int _leased;
            private int _created;

            public object Rent()
            {
                Interlocked.Increment(ref _leased);
                return _idle.TryTake(out var socket) ? socket : Create();
            }

            public void Return(object socket)
            {
                Interlocked.Decrement(ref _leased);
                _idle.Add(socket);
            }

            public int Created() => _created;
            public string Name() => "sockets";
            public int Capacity() => 16;

            private object Create()
            {
                {|TALLY005:_created++|};
                return new object();
            }
        }
        """;

    [Fact]
    public Task PublicRentSharingItsCountersWithReturn_IsEvidenceForTheCountItsHelperKeeps() =>
        Verify.VerifyAnalyzerAsync(PublicPool);

    [Fact]
    public Task InternalRentSharingItsCountersWithReturn_IsNoEvidenceForTheCountItsHelperKeeps() =>
        Verify.VerifyAnalyzerAsync(PublicPool
            .Edit("public object Rent()", "internal object Rent()")
            .Edit("public void Return(", "internal void Return(")
            .Edit("{|TALLY005:_created++|}", "_created++"));

    [Fact]
    public Task PublicRentOfAnInternalPool_IsNoEvidenceForTheCountItsHelperKeeps() =>
        Verify.VerifyAnalyzerAsync(PublicPool
            .Edit("public sealed class SocketPool", "internal sealed class SocketPool")
            .Edit("{|TALLY005:_created++|}", "_created++"));

    [Fact]
    public Task PublicReturnSharingALockWithRent_IsEvidenceForTheDiscardCountOfItsOverride() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public abstract class PoolBase
            {
                private readonly object _sync = new object();
                private readonly Stack<object> _idle = new Stack<object>();

                public object Rent()
                {
                    lock (_sync) { if (_idle.Count > 0) { return _idle.Pop(); } }
                    return Create();
                }

                public void Return(object item)
                {
                    lock (_sync) { if (_idle.Count < 8) { _idle.Push(item); return; } }
                    Discard(item);
                }

                protected abstract object Create();
                protected abstract void Discard(object item);
            }

            public sealed class BufferPool : PoolBase
            {
                private int _discarded;

                public int Discarded => _discarded;

                protected override object Create() => new byte[4096];

                protected override void Discard(object item)
                {
                    {|TALLY005:_discarded++|};
                }
            }
            """);

    [Fact]
    public Task ProtectedReturnSharingALockWithRent_IsNoEvidenceForTheDiscardCountOfItsOverride() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public abstract class PoolBase
            {
                private readonly object _sync = new object();
                private readonly Stack<object> _idle = new Stack<object>();

                protected object Rent()
                {
                    lock (_sync) { if (_idle.Count > 0) { return _idle.Pop(); } }
                    return Create();
                }

                protected void Return(object item)
                {
                    lock (_sync) { if (_idle.Count < 8) { _idle.Push(item); return; } }
                    Discard(item);
                }

                protected abstract object Create();
                protected abstract void Discard(object item);
            }

            public sealed class BufferPool : PoolBase
            {
                private int _discarded;

                public int Discarded => _discarded;

                protected override object Create() => new byte[4096];

                protected override void Discard(object item)
                {
                    _discarded++;
                }
            }
            """);
}
