using System.Threading.Tasks;
using Xunit;
using VerifyGuardedBy = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.GuardedBy.GuardedByAnalyzer>;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock taken through a property whose getter only returns a field (<c>lock (this.Gate)</c> with
/// <c>Gate =&gt; this.gate</c>) locks the field's object: it is the same lock as <c>lock (this.gate)</c>. The shape of a
/// protocol link whose base class exposes its lock object to derived classes through a protected property, while the
/// base's own methods lock the field (second fresh sample, family P).
/// </summary>
public class LockThroughPropertyTests
{
    private const string Link = """
        using System.Threading;
        using System.Threading.Tasks;

        public abstract class ChannelBase
        {
            private readonly object gate = new object();
            private uint window;

            protected object Gate
            {
                get { return this.gate; }
            }

            protected uint Window
            {
                get { return this.window; }
                set { this.window = value; }
            }

            public bool TrySend()
            {
                lock (this.gate)
                {
                    if (this.window == 0)
                    {
                        return false;
                    }

                    this.window--;
                    return true;
                }
            }
        }

        public sealed class InboundChannel : ChannelBase
        {
            public void Grant(int count)
            {
                lock (this.Gate)
                {
                    this.Window += (uint)count;
                }
            }

            public void Start() => Task.Run(() => this.Grant(1));
        }
        """;

    [Fact]
    public Task UpdateUnderTheBasesPropertyThatReturnsTheLockField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Link);

    [Fact]
    public Task UpdateUnderAPropertyThatReturnsAnotherObject_IsReported() =>
        Verify.VerifyAnalyzerAsync(Link
            .Edit("private readonly object gate = new object();", "private readonly object gate = new object();\n    private readonly object other = new object();")
            .Edit("get { return this.gate; }", "get { return this.other; }")
            .Edit("this.Window += (uint)count;", "{|TALLY001:this.Window += (uint)count|};"));

    [Fact]
    public Task UpdateUnderAVirtualPropertyThatReturnsTheLockField_IsReported() =>
        Verify.VerifyAnalyzerAsync(Link
            .Edit("protected object Gate", "protected virtual object Gate")
            .Edit("this.Window += (uint)count;", "{|TALLY001:this.Window += (uint)count|};"));

    [Fact]
    public Task UpdateUnderAnExpressionBodiedPropertyOfTheSameType_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class CreditCounter
            {
                private readonly object syncRoot = new object();
                private long credit;

                private object SyncRoot => syncRoot;

                public void Take()
                {
                    lock (syncRoot) { credit--; }
                }

                public void Give(long n)
                {
                    lock (SyncRoot) { credit += n; }
                }

                public void Start() => Task.Run(() => Give(1));
            }
            """);

    private const string StaticRegistry = """
        using System.Threading.Tasks;

        public sealed class Registry
        {
            private static readonly object s_gate = new object();
            private static int s_count;

            private static object Gate => Registry.s_gate;

            public static void Add()
            {
                lock (s_gate) { s_count++; }
            }

            public static void AddMany(int n)
            {
                lock (Gate) { s_count += n; }
            }

            public static void Start() => Task.Run(() => AddMany(2));
        }
        """;

    [Fact]
    public Task StaticUpdateUnderAStaticPropertyThatReturnsTheStaticLockField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(StaticRegistry);

    [Fact]
    public Task StaticUpdateUnderAStaticPropertyWhoseGetterDoesMoreThanReturn_IsReported() =>
        Verify.VerifyAnalyzerAsync(StaticRegistry
            .Edit("private static object Gate => Registry.s_gate;", "private static object Gate => new object();")
            .Edit("lock (s_gate) { s_count++; }", "lock (s_gate) { {|TALLY001:s_count++|}; }")
            .Edit("lock (Gate) { s_count += n; }", "lock (Gate) { {|TALLY001:s_count += n|}; }"));

    private const string PerInstanceGate = """
        using System.Threading.Tasks;

        public sealed class Meter
        {
            private static readonly object s_gate = new object();
            private readonly object _gate = new object();
            private static long s_total;

            private object Gate => s_gate;

            public void Record(long n)
            {
                lock (this.Gate) { s_total += n; }
            }

            public void Start() => Task.Run(() => Record(1));
        }
        """;

    [Fact]
    public Task StaticUpdateUnderAnInstancePropertyThatReturnsAStaticLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(PerInstanceGate);

    [Fact]
    public Task StaticUpdateUnderAnInstancePropertyThatReturnsAnInstanceLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(PerInstanceGate
            .Edit("private object Gate => s_gate;", "private object Gate => _gate;")
            .Edit("lock (this.Gate) { s_total += n; }", "lock (this.Gate) { {|TALLY003:s_total += n|}; }"));

    private const string GuardedInbox = """
        public sealed class Inbox
        {
            private readonly object _gate = new object();
            private readonly object _other = new object();

            [GuardedBy("_gate")]
            private int _unread;

            private object Gate => _gate;

            private object Other => _other;

            public void Receive()
            {
                lock (Gate) { _unread++; }
            }
        }

        [System.AttributeUsage(System.AttributeTargets.Field | System.AttributeTargets.Property)]
        sealed class GuardedByAttribute : System.Attribute
        {
            public GuardedByAttribute(string lockName) { }
        }
        """;

    [Fact]
    public Task GuardedWriteUnderAPropertyThatReturnsTheNamedField_IsNotReported() =>
        VerifyGuardedBy.VerifyAnalyzerAsync(GuardedInbox);

    [Fact]
    public Task GuardedWriteUnderTheNamedPropertyThatReturnsTheField_IsNotReported() =>
        VerifyGuardedBy.VerifyAnalyzerAsync(GuardedInbox.Edit("[GuardedBy(\"_gate\")]", "[GuardedBy(\"Gate\")]"));

    [Fact]
    public Task GuardedWriteUnderAPropertyThatReturnsAnotherField_IsReported() =>
        VerifyGuardedBy.VerifyAnalyzerAsync(GuardedInbox.Edit("lock (Gate) { _unread++; }", "lock (Other) { [|_unread++|]; }"));
}
