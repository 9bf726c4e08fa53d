namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported, test code): a test hands <c>Task.Run(() => ++runs)</c> to a fire-and-forget helper
/// that does not wait for it, then runs an async lambda that also does <c>++runs</c> after an await; both increments
/// can run at the same time on two pool threads, so the test sometimes sees 1. The later read is not an update.
/// </summary>
internal static class FireAndForgetLocalCase
{
    public static CorpusCase Case { get; } = new("FireAndForgetLocal", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.Swallowing
        {
            public static class Safe
            {
                public static void Forget(Task task) => task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);

                public static async Task RunAsync(Func<Task> action)
                {
                    try
                    {
                        await action().ConfigureAwait(false);
                    }
                    catch (Exception error)
                    {
                        Console.Error.WriteLine(error);
                    }
                }
            }

            public static class SwallowScenario
            {
                public static async Task<bool> RunsBothAsync()
                {
                    int runs = 0;
                    Safe.Forget(Task.Run(() => {|TALLY003:++runs|}));
                    await Safe.RunAsync(async () =>
                    {
                        await Task.Delay(20).ConfigureAwait(false);
                        {|TALLY003:++runs|};
                    });
                    return runs == 2;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugFireAndForgetLocal,
    };
}
