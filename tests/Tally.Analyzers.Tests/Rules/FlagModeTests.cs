using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Writers in the two branches of one flag the object keeps (a lock-free fast path and a locked slow path chosen by a
/// setting) never run at the same time: pairs of them are not reported, unless the flag changes while the object is in
/// use, the writer is also reached outside its branch, or the storage is static and the flag is per object.
/// </summary>
public class FlagModeTests
{
    private const string SinkBase = """
        namespace Logs
        {
            public abstract class Sink
            {
                protected object SyncRoot { get; } = new object();

                public void Submit(string message) => WriteThreadSafe(message);

                protected virtual void WriteThreadSafe(string message)
                {
                    lock (SyncRoot)
                    {
                        Write(message);
                    }
                }

                protected virtual void Write(string message)
                {
                }
            }
        }
        """;

    [Fact]
    public Task FastPathAndLockedSlowPathChosenByAFlagNothingChanges_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(SinkBase + """

            namespace Logs
            {
                using System.Threading;

                public sealed class CountingSink : Sink
                {
                    private int _count;

                    public bool Render { get; set; }

                    public int Count => _count;

                    protected override void WriteThreadSafe(string message)
                    {
                        if (Render)
                        {
                            base.WriteThreadSafe(message);
                        }
                        else
                        {
                            Interlocked.Increment(ref _count);
                        }
                    }

                    protected override void Write(string message)
                    {
                        _count++;
                    }
                }
            }
            """);

    [Fact]
    public Task FastPathAndLockedSlowPathWhenTheFlagIsChangedAtRunTime_IsReported() =>
        Verify.VerifyAnalyzerAsync(SinkBase + """

            namespace Logs
            {
                using System.Threading;

                public sealed class CountingSink : Sink
                {
                    private int _count;

                    public bool Render { get; set; }

                    public void ToggleRendering() => Render = !Render;

                    protected override void WriteThreadSafe(string message)
                    {
                        if (Render)
                        {
                            base.WriteThreadSafe(message);
                        }
                        else
                        {
                            Interlocked.Increment(ref _count);
                        }
                    }

                    protected override void Write(string message)
                    {
                        {|TALLY001:_count++|};
                    }
                }
            }
            """);

    [Fact]
    public Task SlowPathWriterAlsoReachedOutsideTheFlagBranch_IsReported() =>
        Verify.VerifyAnalyzerAsync(SinkBase + """

            namespace Logs
            {
                using System.Threading;

                public sealed class CountingSink : Sink
                {
                    private int _count;

                    public bool Render { get; set; }

                    public void SubmitRendered(string message) => base.WriteThreadSafe(message);

                    protected override void WriteThreadSafe(string message)
                    {
                        if (Render)
                        {
                            base.WriteThreadSafe(message);
                        }
                        else
                        {
                            Interlocked.Increment(ref _count);
                        }
                    }

                    protected override void Write(string message)
                    {
                        {|TALLY001:_count++|};
                    }
                }
            }
            """);

    [Fact]
    public Task WritersInTwoBranchesOfAFlagSetOnlyInTheConstructor_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Tally
            {
                private readonly object _gate = new object();
                private readonly bool _lockFree;
                private long _total;

                public Tally(bool lockFree) { _lockFree = lockFree; }

                public void Add(long n)
                {
                    if (_lockFree)
                    {
                        Interlocked.Add(ref _total, n);
                    }
                    else
                    {
                        lock (_gate) { _total += n; }
                    }
                }
            }
            """);

    [Fact]
    public Task WritersInTwoBranchesOfAFlagAnyCallerCanFlip_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Tally
            {
                private readonly object _gate = new object();
                private bool _lockFree;
                private long _total;

                public void UseLocks() { _lockFree = false; }

                public void Add(long n)
                {
                    if (_lockFree)
                    {
                        Interlocked.Add(ref _total, n);
                    }
                    else
                    {
                        lock (_gate) { {|TALLY001:_total += n|}; }
                    }
                }
            }
            """);

    [Fact]
    public Task WriterAfterAnEarlyReturnOnTheFlag_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Tally
            {
                private readonly object _gate = new object();
                private readonly bool _lockFree;
                private long _total;

                public Tally(bool lockFree) { _lockFree = lockFree; }

                public void Add(long n)
                {
                    if (_lockFree)
                    {
                        Interlocked.Add(ref _total, n);
                        return;
                    }

                    lock (_gate) { _total += n; }
                }
            }
            """);

    [Fact]
    public Task StaticTotalInTwoBranchesOfAPerObjectFlag_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Tally
            {
                private static readonly object s_gate = new object();
                private static long s_total;
                private readonly bool _lockFree;

                public Tally(bool lockFree) { _lockFree = lockFree; }

                public void Add(long n)
                {
                    if (_lockFree)
                    {
                        Interlocked.Add(ref s_total, n);
                    }
                    else
                    {
                        lock (s_gate) { {|TALLY001:s_total += n|}; }
                    }
                }
            }
            """);
}
