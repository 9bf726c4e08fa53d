using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Set-up that <c>Main</c> runs before it starts its threads (held-out fresh33, Inveigh's restored counts): starting a
/// thread is a happens-before edge, so a write reached only from <c>Main</c>, at statements of <c>Main</c> before every
/// statement through which a thread writing the storage is started, cannot overlap that thread. A set-up after the start,
/// also after it, in one loop with it, a thread started before it, or a set-up other code may call stays reported.
/// See docs/detection-model.md, "Set-up before Main starts its threads".
/// </summary>
public class SetUpBeforeThreadStartTests
{
    private static string Control(string restoreUpdate, string loopUpdate, bool usings = true) => (usings ? "using System.Threading;\n\n" : string.Empty) + """
        static class Store
        {
            public static int Count;
            public static bool Running = true;
        }

        static class Control
        {
            public static void Restore()
            {
                foreach (var line in System.IO.File.ReadAllLines("session.log"))
                {
                    RESTORE;
                }
            }

            public static void Loop()
            {
                while (Store.Running)
                {
                    LOOP;
                    Thread.Sleep(100);
                }
            }

            public static void StartThreads()
            {
                var t = new Thread(() => Loop());
                t.Start();
            }
        }
        """.Replace("RESTORE", restoreUpdate).Replace("LOOP", loopUpdate);

    private const string Monitor = """

        static class Monitor
        {
            public static void Reset()
            {
                Store.Count = 0;
            }

            public static void Start()
            {
                new Thread(Reset).Start();
            }
        }
        """;

    private static string Program(string body) => Control("Store.Count++", "Store.Count++") + """

        static class Program
        {
            static void Main()
            {
        BODY
            }
        }
        """.Replace("BODY", body);

    private static string Reported(string body) => Control("{|TALLY003:Store.Count++|}", "{|TALLY003:Store.Count++|}") + """

        static class Program
        {
            static void Main()
            {
        BODY
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public Task ASetUpMainCallsBeforeTheCallThatStartsTheThread_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Program("""
                    Control.Restore();
                    Control.StartThreads();
                    while (Store.Running) Thread.Sleep(1000);
            """));

    [Fact]
    public Task ASetUpBeforeTheStartInOneBlockOfMain_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Program("""
                    if (Store.Running)
                    {
                        Control.Restore();
                        System.Console.WriteLine("started");
                        Control.StartThreads();
                        while (Store.Running) Thread.Sleep(1000);
                    }
            """));

    [Fact]
    public Task ASetUpInOneBranchAndTheStartInTheOther_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    if (Store.Running)
                    {
                        Control.StartThreads();
                    }
                    else
                    {
                        Control.Restore();
                    }
            """));

    [Fact]
    public Task ASetUpBeforeAThreadMainStartsItself_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            static class Counts
            {
                public static int Seen;

                public static void Restore(int saved) => Seen += saved;

                public static void Watch()
                {
                    while (true)
                    {
                        Seen++;
                        Thread.Sleep(100);
                    }
                }
            }

            static class Program
            {
                static void Main(string[] args)
                {
                    Counts.Restore(args.Length);
                    new Thread(Counts.Watch).Start();
                }
            }
            """);

    [Fact]
    public Task ASetUpAfterTheStart_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    Control.StartThreads();
                    Control.Restore();
            """));

    [Fact]
    public Task ASetUpBeforeAndAgainAfterTheStart_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    Control.Restore();
                    Control.StartThreads();
                    Control.Restore();
            """));

    [Fact]
    public Task ASetUpAndAStartInOneLoopOfMain_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    for (var i = 0; i < 2; i++)
                    {
                        Control.Restore();
                        Control.StartThreads();
                    }
            """));

    [Fact]
    public Task ASetUpInALoopBodyAfterAStartInTheSameLoop_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    while (Store.Running)
                    {
                        Control.StartThreads();
                        Control.Restore();
                    }
            """));

    [Fact]
    public Task ASetUpAfterASecondThreadThatWritesTheStorageStarted_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    Monitor.Start();
                    Control.Restore();
                    Control.StartThreads();
            """) + Monitor);

    [Fact]
    public Task ASetUpAPublicMethodAlsoCalls_IsReported() =>
        Verify.VerifyAnalyzerAsync(Reported("""
                    Control.Restore();
                    Control.StartThreads();
                }

                public static void Reload()
                {
                    Control.Restore();
            """));

    [Fact]
    public Task ASetUpInMainsOwnBodyBeforeTheStart_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Control("_ = line", "Store.Count++") + """

            static class Program
            {
                static void Main()
                {
                    Store.Count++;
                    Control.StartThreads();
                }
            }
            """);

    [Fact]
    public Task ASetUpInMainsOwnBodyAfterTheStart_IsReported() =>
        Verify.VerifyAnalyzerAsync(Control("_ = line", "{|TALLY003:Store.Count++|}") + """

            static class Program
            {
                static void Main()
                {
                    Control.StartThreads();
                    {|TALLY003:Store.Count++|};
                }
            }
            """);

    [Fact]
    public Task ASetUpInTopLevelStatementsBeforeTheStart_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            Control.Restore();
            Control.StartThreads();

            """ + Control("Store.Count++", "Store.Count++", usings: false), new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task ASetUpInTopLevelStatementsAfterTheStart_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            Control.StartThreads();
            Control.Restore();

            """ + Control("{|TALLY003:Store.Count++|}", "{|TALLY003:Store.Count++|}", usings: false), new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task BrokenMainAroundASetUpAndAStart_RaisesNoAnalyzerException() =>
        Verify.VerifyAnalyzerAsync(Control("{|TALLY003:Store.Count++|}", "{|TALLY003:Store.Count++|}") + """

            static class Program
            {
                static void Main()
                {
                    Control.Restore(
                    Control.StartThreads();
                    Missing.Start();
                }
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS1026", "CS1501", "CS0103" } });
}
