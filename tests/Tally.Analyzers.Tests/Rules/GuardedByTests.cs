using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.GuardedBy.GuardedByAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY009: writes of a [GuardedBy("lock")] member made without holding that lock.</summary>
public class GuardedByTests
{
    /// <summary>A project-local attribute of the same name: the analyzer matches by simple name.</summary>
    private const string LocalAttribute = """

        [System.AttributeUsage(System.AttributeTargets.Field | System.AttributeTargets.Property)]
        sealed class GuardedByAttribute : System.Attribute
        {
            public GuardedByAttribute(string lockName) { }
        }
        """;

    [Fact]
    public Task WritesOutsideTheLock_AreReported_AndWritesInsideAreNot() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy(nameof(_gate))]
                private int _unread;

                public void Receive()
                {
                    lock (_gate) { _unread++; }
                }

                public void MarkAllRead() => [|_unread = 0|];

                public void Bump(int n) { [|_unread += n|]; }

                public void Down() { [|--_unread|]; }
            }
            """ + LocalAttribute);

    [Fact]
    public Task ReadsOutsideTheLock_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy("_gate")]
                private int _unread;

                public int Unread => _unread;

                public bool Any() { return _unread > 0; }
            }
            """ + LocalAttribute);

    [Fact]
    public Task WriteUnderAnotherLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private readonly object _gate = new object();
                private readonly object _other = new object();

                [GuardedBy("_gate")]
                private int _unread;

                public void Receive()
                {
                    lock (_other) { [|_unread++|]; }
                }
            }
            """ + LocalAttribute);

    [Fact]
    public Task WriteUnderAnInnerLock_InsideTheNamedLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private readonly object _gate = new object();
                private readonly object _other = new object();

                [GuardedBy("_gate")]
                private int _unread;

                public void Receive()
                {
                    lock (_gate)
                    {
                        lock (_other) { _unread++; }
                    }
                }
            }
            """ + LocalAttribute);

    [Fact]
    public Task MonitorEnterExit_LockScope_AndReaderWriterWriteLock_HoldTheLock() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Inbox
            {
                private readonly object _gate = new object();
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();

                [GuardedBy("_gate")]
                private int _unread;

                [GuardedBy("_rw")]
                private long _total;

                public void Receive()
                {
                    Monitor.Enter(_gate);
                    try { _unread++; }
                    finally { Monitor.Exit(_gate); }
                }

                public void Add(long n)
                {
                    _rw.EnterWriteLock();
                    try { _total += n; }
                    finally { _rw.ExitWriteLock(); }
                }
            }
            """ + LocalAttribute);

    [Fact]
    public Task WriteInALambdaInsideTheLock_IsReported_BecauseItRunsLater() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy("_gate")]
                private int _unread;

                public Action Later()
                {
                    lock (_gate)
                    {
                        return () => [|_unread++|];
                    }
                }
            }
            """ + LocalAttribute);

    [Fact]
    public Task ConstructorsStaticConstructorsAndObjectInitializers_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private static readonly object s_gate = new object();
                private readonly object _gate = new object();

                [GuardedBy("s_gate")]
                private static int s_instances;

                [GuardedBy("_gate")]
                private int _unread;

                [GuardedBy("_gate")]
                public int Limit { get; set; }

                static Inbox() { s_instances = 0; }

                public Inbox(int unread) { _unread = unread; this._unread++; }

                public static Inbox Create() => new Inbox(0) { Limit = 5 };

                public void CopyTo(Inbox other) { [|other._unread = _unread|]; }
            }
            """ + LocalAttribute);

    [Fact]
    public Task ThisLock_AndSynchronizedMethods_HoldTheInstanceLock() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;

            class Inbox
            {
                [GuardedBy("this")]
                private int _unread;

                public void Receive() { lock (this) { _unread++; } }

                [MethodImpl(MethodImplOptions.Synchronized)]
                public void Clear() { _unread = 0; }

                public void Racy() { [|_unread--|]; }
            }
            """ + LocalAttribute);

    [Fact]
    public Task RefArguments_Deconstruction_AndProperties_AreWrites() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy("_gate")]
                private int _unread;

                [GuardedBy("_gate")]
                private int _read;

                [GuardedBy("_gate")]
                public int Limit { get; private set; }

                public void Receive() { Interlocked.Increment([|ref _unread|]); }

                public void Swap() { ([|_unread|], [|_read|]) = (_read, _unread); }

                public void SetLimit(int limit) { [|Limit = limit|]; }

                public void SetLimitSafely(int limit) { lock (_gate) { Limit = limit; (_unread, _read) = (0, 0); } }
            }
            """ + LocalAttribute);

    [Fact]
    public Task TheLibraryAttribute_IsChecked() =>
        Verify.VerifyAnalyzerAsync("""
            using Tally;

            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy(nameof(_gate))]
                private int _unread;

                public void Receive() { lock (_gate) { _unread++; } }

                public void Reset() { [|_unread = 0|]; }
            }
            """, TallyLibrary.With());

    [Fact]
    public Task QualifiedLockName_ComparesTheLastPart() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                private readonly object _gate = new object();

                [GuardedBy("Inbox._gate")]
                private int _unread;

                public void Receive() { lock (_gate) { _unread++; } }

                public void Reset() { [|_unread = 0|]; }
            }
            """ + LocalAttribute);

    [Fact]
    public Task MalformedAnnotations_AreIgnored_WithoutCrashing() =>
        Verify.VerifyAnalyzerAsync("""
            class Inbox
            {
                [GuardedBy]
                private int _a;

                [GuardedBy(null)]
                private int _b;

                [GuardedBy("")]
                private int _c;

                [GuardedBy(42)]
                private int _d;

                public void Write() { _a = 1; _b = 2; _c = 3; _d = 4; }
            }

            [System.AttributeUsage(System.AttributeTargets.Field)]
            sealed class GuardedByAttribute : System.Attribute
            {
                public GuardedByAttribute() { }
                public GuardedByAttribute(string? lockName) { }
                public GuardedByAttribute(int lockName) { }
            }
            """);
}
