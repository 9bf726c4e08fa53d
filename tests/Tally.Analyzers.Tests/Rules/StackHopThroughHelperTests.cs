using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// "Run on an empty stack" (seventeenth fresh sample, family J: a script engine's recursion): when the stack runs low,
/// a recursive method hands the rest of its work to a helper of another class, which starts it on a pool thread, keeps
/// the task in a local and waits for it before anything else (<c>if (!task.IsCompleted) ((IAsyncResult)task)
/// .AsyncWaitHandle.WaitOne(); return task.GetAwaiter().GetResult();</c>). The caller is blocked while the hop runs, so
/// the hop is the caller's own call, whatever class the helper is in and however the delegate reaches the start (a
/// closure over the helper's parameter, a wrapper lambda given a tuple state). Reported twins: the helper returns the
/// task, one path returns before the wait, other code runs between the start and the wait, the wait has a timeout,
/// and the same work also started elsewhere without a wait.
/// </summary>
public class StackHopThroughHelperTests
{
    private static string Walker(string helper, string more = "") => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class TreeWalker
        {
            private int _level;

            public int Walk(int nodes)
            {
                if (nodes == 0)
                {
                    return 0;
                }

                if (!Stack.Deep())
                {
                    return Hop.OnFreshStack(static (TreeWalker walker) => walker.Walk(1), this);
                }

                {|TALLY003:_level++|};
                try
                {
                    return Walk(nodes - 1) + 1;
                }
                finally
                {
                    {|TALLY003:_level--|};
                }
            }
            {{more}}
        }

        internal static class Stack
        {
            public static bool Deep() => Environment.TickCount % 3 == 0;
        }

        internal static class Hop
        {
            {{helper}}
        }
        """;

    /// <summary>The helper wraps the delegate and its argument in a tuple state for a second method that starts it.</summary>
    private const string TupleState = """
        public static TResult OnFreshStack<TArg, TResult>(Func<TArg, TResult> work, TArg arg)
        {
            return Core(static state =>
            {
                var pair = ((Func<TArg, TResult>, TArg))state;
                return pair.Item1(pair.Item2);
            }, (work, arg));
        }

        private static TResult Core<TResult>(Func<object, TResult> work, object state)
        {
            Task<TResult> hop = Task.Factory.StartNew((Func<object?, TResult>)work, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            /*BETWEEN*/
            return hop.GetAwaiter().GetResult();
        }
        """;

    private const string WaitHandleFirst = """
            if (!hop.IsCompleted)
            {
                ((IAsyncResult)hop).AsyncWaitHandle.WaitOne();
            }
        """;

    /// <summary>The helper starts a closure over its own parameters.</summary>
    private const string Closure = """
        public static TResult OnFreshStack<TArg, TResult>(Func<TArg, TResult> work, TArg arg)
        {
            var hop = Task.Factory.StartNew(() => work(arg), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            /*BETWEEN*/
            return hop.GetAwaiter().GetResult();
        }
        """;

    /// <summary>The same with <c>Task.Run</c>, waited for with <c>Wait()</c> and read with <c>Result</c>.</summary>
    private const string RunThenWait = """
        public static TResult OnFreshStack<TArg, TResult>(Func<TArg, TResult> work, TArg arg)
        {
            var hop = Task.Run(() => work(arg));
            hop.Wait();
            return hop.Result;
        }
        """;

    private static string Unmarked(string source) => source.Replace("{|TALLY003:", string.Empty).Replace("|}", string.Empty);

    [Fact]
    public Task AHopWithATupleStateWaitedForOnItsWaitHandleAndThenItsResult_IsNotReported()
        => Verify.VerifyAnalyzerAsync(Unmarked(Walker(TupleState.Replace("/*BETWEEN*/", WaitHandleFirst))));

    [Fact]
    public Task AHopWithATupleStateWaitedForOnItsResultAlone_IsNotReported()
        => Verify.VerifyAnalyzerAsync(Unmarked(Walker(TupleState)));

    [Fact]
    public Task AHopOfAClosureOverTheHelpersParameters_IsNotReported()
        => Verify.VerifyAnalyzerAsync(Unmarked(Walker(Closure.Replace("/*BETWEEN*/", WaitHandleFirst))));

    [Fact]
    public Task AHopStartedWithTaskRunAndWaitedFor_IsNotReported()
        => Verify.VerifyAnalyzerAsync(Unmarked(Walker(RunThenWait)));

    [Fact]
    public Task AHelperThatReturnsTheTaskToACallerThatWaits_IsReported() => Verify.VerifyAnalyzerAsync(Walker("""
        public static TResult OnFreshStack<TArg, TResult>(Func<TArg, TResult> work, TArg arg)
        {
            var hop = Start(() => work(arg));
            return hop.GetAwaiter().GetResult();
        }

        private static Task<TResult> Start<TResult>(Func<TResult> work)
        {
            var hop = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            if (!hop.IsCompleted)
            {
                Thread.Yield();
            }

            return hop;
        }
        """));

    [Fact]
    public Task AHelperWithAPathThatReturnsBeforeTheWait_IsReported() => Verify.VerifyAnalyzerAsync(Walker(Closure.Replace("/*BETWEEN*/", """
            if (Stack.Deep())
            {
                return default!;
            }
        """)));

    [Fact]
    public Task AHelperThatWorksBetweenTheStartAndTheWait_IsReported() => Verify.VerifyAnalyzerAsync(Walker(Closure.Replace("/*BETWEEN*/", """
            Console.WriteLine("hopped");
        """)));

    [Fact]
    public Task AHelperThatWaitsWithATimeout_IsReported() => Verify.VerifyAnalyzerAsync(Walker(Closure.Replace("/*BETWEEN*/", """
            hop.Wait(100);
        """)));

    [Fact]
    public Task AHopWhoseWorkIsAlsoStartedElsewhereWithoutAWait_IsReported() => Verify.VerifyAnalyzerAsync(Walker(Closure.Replace("/*BETWEEN*/", WaitHandleFirst), """

            public void WalkInBackground(int nodes)
            {
                for (var i = 0; i < 4; i++)
                {
                    _ = Task.Run(() => Walk(nodes));
                }
            }
        """));
}
