using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// One start paired with itself (a chat bot's session tick count, stepped only by the loop of one <c>Task.Run</c> started
/// after login): the start's runs overlap only if the public method holding it is called again, which nothing in the code
/// does. The finding stays, but inferred, as one periodic timer's handler with itself is. A start in a loop or per item,
/// a starter reached from repeated or overlapping code, two start sites, and another writer keep it certain.
/// </summary>
public class OneStartSelfOverlapTests
{
    [Fact]
    public Task StaticCounterSteppedOnlyByTheLoopOfOneTaskRun_IsInferred()
        => AssertCertaintyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize(CancellationToken token)
                {
                    _ = Task.Run(async () =>
                    {
                        while (!token.IsCancellationRequested)
                        {
                            Tick();
                            await Task.Delay(60000, token);
                        }
                    }, token);
                }

                private static void Tick()
                {
                    {|TALLY003:s_ticks++|};
                    if (s_ticks >= 5) s_ticks = 0;
                }
            }
            """, "Inferred");

    [Fact]
    public Task StaticCounterSteppedInlineInTheLoopOfOneTaskRun_IsInferred()
        => AssertCertaintyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize(CancellationToken token)
                {
                    _ = Task.Run(() =>
                    {
                        while (!token.IsCancellationRequested)
                        {
                            {|TALLY003:s_ticks++|};
                            if (s_ticks >= 5) s_ticks = 0;
                            Thread.Sleep(100);
                        }
                    }, token);
                }
            }
            """, "Inferred");

    [Fact]
    public Task StaticCounterSteppedOnlyByOneThreadStartedInAPublicMethod_IsInferred()
        => AssertCertaintyAsync("""
            using System.Threading;

            public sealed class Pump
            {
                private static int s_rounds;

                public void Start()
                {
                    var thread = new Thread(Run) { IsBackground = true };
                    thread.Start();
                }

                private static void Run()
                {
                    while (true)
                    {
                        {|TALLY003:s_rounds += 2|};
                        Thread.Sleep(50);
                    }
                }
            }
            """, "Inferred");

    [Fact]
    public Task StaticCounterSteppedOnlyByTheLoopAHelperStartsOncePerCall_IsInferred()
        => AssertCertaintyAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Runner
            {
                public static Task Background(Func<Task> work) => Task.Run(work);
            }

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize() => _ = Runner.Background(Loop);

                private static async Task Loop()
                {
                    while (true)
                    {
                        {|TALLY003:s_ticks++|};
                        await Task.Delay(1000);
                    }
                }
            }
            """, "Inferred");

    [Fact]
    public Task HelperThatStartsOncePerCallCalledInALoop_IsCertain()
        => AssertCertaintyAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Runner
            {
                public static Task Background(Func<Task> work) => Task.Run(work);
            }

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        _ = Runner.Background(Step);
                    }
                }

                private static Task Step()
                {
                    {|TALLY003:s_ticks++|};
                    return Task.CompletedTask;
                }
            }
            """, "Certain");

    [Fact]
    public Task TaskRunStartedInALoop_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize(int workers)
                {
                    for (var i = 0; i < workers; i++)
                    {
                        _ = Task.Run(() => Tick());
                    }
                }

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task TaskRunStartedPerItemOfALambda_IsCertain()
        => AssertCertaintyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize(List<string> names)
                {
                    names.ForEach(name => Task.Run(() => Tick()));
                }

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task StarterCalledFromAParallelForBody_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize() => Parallel.For(0, 4, _ => StartOne());

                private static void StartOne() => _ = Task.Run(() => Tick());

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task StarterCalledFromATaskRunInALoop_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        _ = Task.Run(() => StartOne());
                    }
                }

                private static void StartOne() => _ = Task.Run(() => Tick());

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task TwoStartSitesOfTheSameMethod_AreCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize() => _ = Task.Run(() => Tick());

                public static void Reconnect() => _ = Task.Run(() => Tick());

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task StorageAlsoWrittenByAnotherThread_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize()
                {
                    _ = Task.Run(() => Tick());
                    new Thread(() => { s_ticks = 0; }).Start();
                }

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task UpdateAlsoReachedByOrdinaryCalls_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize() => _ = Task.Run(() => Tick());

                public static void Poke() => Tick();

                private static void Tick() => {|TALLY003:s_ticks++|};
            }
            """, "Certain");

    [Fact]
    public Task StartInAConstructor_StaysUnreported()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Session
            {
                private static int s_ticks;

                public Session(bool start)
                {
                    if (start)
                    {
                        _ = Task.Run(() => Tick());
                    }
                }

                private static void Tick() => s_ticks++;
            }
            """);

    [Fact]
    public async Task IncompleteStartCode_DoesNotThrow()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public static class Session
            {
                private static int s_ticks;

                public static void Initialize() => _ = Task.Run(() => Tick(;

                private static void Tick() => s_ticks++;
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS1026", "CS1002", "CS1525", "CS7036", "CS1501" } });

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
    }

    private static async Task AssertCertaintyAsync(string markup, string certainty)
    {
        await Verify.VerifyAnalyzerAsync(markup);

        var parsed = MarkupParser.Parse(markup);
        var spans = parsed.Spans.Select(s => s.Span).ToHashSet();
        var marked = (await Verify.GetDiagnosticsAsync(parsed.Text)).Where(d => spans.Contains(d.Location.SourceSpan)).ToList();
        Assert.Equal(spans.Count, marked.Count);
        Assert.All(marked, d => Assert.Equal(certainty, d.Properties["Certainty"]));
    }
}
