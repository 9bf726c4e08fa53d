using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The runtime runs a type's static constructor and static initializers once, before any other code touches the type's
/// statics, and another thread that touches them meanwhile waits. So a helper that updates a static field of the type,
/// called from the type's static constructor, cannot race there with another use of the type's statics: only its other
/// callers count, as for a helper an instance constructor calls. The shape of LaserGRBL's high-resolution timer
/// (held-out sample fresh23): a static helper that steps a static tick count is called under a lock from a property
/// and, without the lock, from the static constructor through a nested struct. Code the static constructor starts (a
/// thread, a timer, the rest of an async method), another type's statics and objects' fields stay reported.
/// </summary>
public class StaticConstructorCallTests
{
    private const string Loader = """

        public class Loader
        {
            public void Load() => new Thread(() => { long t = Clock.Total; }).Start();
        }
        """;

    private const string LockedTotal = """

            private static long Read()
            {
                _ticks += 1;
                return _ticks;
            }

            public static long Total
            {
                get
                {
                    lock (Gate)
                    {
                        return Read();
                    }
                }
            }
        }
        """;

    private const string Head = """
        using System.Threading;
        using System.Threading.Tasks;

        public static class Clock
        {
            private static readonly object Gate = new object();
            private static long _ticks;

        """;

    [Fact]
    public Task AStaticHelperCalledUnderALockAndFromTheStaticConstructorIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                static Clock()
                {
                    Read();
                }
            """ + LockedTotal + Loader);

    [Fact]
    public Task AStaticHelperTheStaticConstructorReachesThroughANestedTypeIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                static Clock()
                {
                    Sample.Now();
                }

                private struct Sample
                {
                    internal static long Now() => Read();
                }
            """ + LockedTotal + Loader);

    [Fact]
    public Task AStaticHelperAStaticInitializerCallsIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                private static readonly long Start = Read();
            """ + LockedTotal + Loader);

    [Fact]
    public Task AHelperOnlyTheStaticConstructorRunsDoesNotPairWithALockedWriter() =>
        Verify.VerifyAnalyzerAsync(Head + """
                static Clock()
                {
                    Init();
                }

                private static void Init()
                {
                    _ticks += 10;
                }

                public static long Total
                {
                    get
                    {
                        lock (Gate)
                        {
                            _ticks += 1;
                            return _ticks;
                        }
                    }
                }
            }
            """ + Loader);

    [Fact]
    public Task AHelperOnAThreadTheStaticConstructorStartsIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                static Clock()
                {
                    new Thread(() => Read()).Start();
                }

                private static long Read()
                {
                    {|TALLY003:_ticks += 1|};
                    return _ticks;
                }

                public static long Total
                {
                    get
                    {
                        lock (Gate)
                        {
                            return Read();
                        }
                    }
                }
            }
            """ + Loader);

    [Fact]
    public Task AHelperOnATimerTheStaticConstructorMakesIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                private static readonly Timer Ticker;

                static Clock()
                {
                    Ticker = new Timer(_ => Read(), null, 0, 100);
                }

                private static long Read()
                {
                    {|TALLY003:_ticks += 1|};
                    return _ticks;
                }

                public static long Total
                {
                    get
                    {
                        lock (Gate)
                        {
                            return Read();
                        }
                    }
                }
            }
            """ + Loader);

    [Fact]
    public Task TheRestOfAnAsyncMethodAStaticInitializerStartsIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                private static readonly Task Ready = InitAsync();

                private static async Task InitAsync()
                {
                    await Task.Delay(10);
                    Read();
                }

                private static long Read()
                {
                    {|TALLY003:_ticks += 1|};
                    return _ticks;
                }

                public static long Total
                {
                    get
                    {
                        lock (Gate)
                        {
                            return Read();
                        }
                    }
                }
            }
            """ + Loader);

    [Fact]
    public Task AnotherTypesStaticFieldUpdatedFromTheStaticConstructorIsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public static class Counter
            {
                private static readonly object Gate = new object();
                private static long _count;

                internal static void Bump() { {|TALLY003:_count += 1|}; }

                public static void Add()
                {
                    lock (Gate)
                    {
                        Bump();
                    }
                }
            }

            public static class Clock
            {
                static Clock() { Counter.Bump(); }

                public static long Now => 1;
            }

            public class Loader
            {
                public void Load() => new Thread(() => Counter.Add()).Start();
            }
            """);

    [Fact]
    public Task AFieldOfAnObjectAStaticFieldHoldsUpdatedFromTheStaticConstructorIsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Meter
            {
                private long _count;

                internal void Bump() { {|TALLY003:_count += 1|}; }
            }

            public static class Clock
            {
                private static readonly object Gate = new object();
                private static readonly Meter Shared = new Meter();

                static Clock() { Shared.Bump(); }

                public static void Add()
                {
                    lock (Gate)
                    {
                        Shared.Bump();
                    }
                }
            }

            public class Loader
            {
                public void Load() => new Thread(() => Clock.Add()).Start();
            }
            """);
}
