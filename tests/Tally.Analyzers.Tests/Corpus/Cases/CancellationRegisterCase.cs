namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a request tracker counts waiters in <c>WaitAsync</c> (called by many callers) and un-counts them
/// in a callback registered with <c>CancellationToken.Register</c>, which runs on the thread that cancels (a timer
/// thread for <c>CancelAfter</c>): writers on different threads without a lock, lost updates.
/// </summary>
internal static class CancellationRegisterCase
{
    public static CorpusCase Case { get; } = new("CancellationRegister", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Requests
        {
            public sealed class ReplyTracker
            {
                private int _waiting;
                private int _timedOut;

                public int Waiting => _waiting;

                public async Task<string?> WaitAsync(Task<string> reply, TimeSpan timeout)
                {
                    using var cts = new CancellationTokenSource();
                    var pending = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    {|TALLY003:_waiting++|};
                    using (cts.Token.Register(() =>
                    {
                        {|TALLY003:_waiting--|};
                        {|TALLY003:_timedOut++|};
                        pending.TrySetResult(null);
                    }))
                    {
                        cts.CancelAfter(timeout);
                        var finished = await Task.WhenAny(reply, pending.Task).ConfigureAwait(false);
                        return finished == reply ? await reply.ConfigureAwait(false) : null;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CancellationTokenRegister,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Corpus.Requests
            {
                public static class Client
                {
                    public static Task<string?[]> AskAllAsync(ReplyTracker tracker, Task<string>[] replies) =>
                        Task.WhenAll(replies.Select(r => tracker.WaitAsync(r, TimeSpan.FromSeconds(1))));
                }
            }
            """,
        },
    };
}
