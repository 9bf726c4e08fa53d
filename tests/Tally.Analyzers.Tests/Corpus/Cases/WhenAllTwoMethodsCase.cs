namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 3 (reported): <c>Task.WhenAll(SyncUsersAsync(), SyncOrdersAsync())</c>; after their first <c>await</c> both
/// methods run on thread-pool threads at the same time and both add to <c>_synced</c>: lost updates. Each method's
/// own counter (<c>_userPages</c>, <c>_orderPages</c>) has one writer and stays silent.
/// </summary>
internal static class WhenAllTwoMethodsCase
{
    public static CorpusCase Case { get; } = new("WhenAllTwoMethods", """
        using System.Threading.Tasks;

        namespace Corpus.Sync
        {
            public interface IRemote
            {
                Task<int> FetchPageAsync(string kind, int page);
            }

            public sealed class Synchroniser
            {
                private readonly IRemote _remote;
                private int _synced;
                private int _userPages;
                private int _orderPages;

                public Synchroniser(IRemote remote) => _remote = remote;

                public async Task<int> SyncAllAsync()
                {
                    await Task.WhenAll(SyncUsersAsync(), SyncOrdersAsync()).ConfigureAwait(false);
                    return _synced;
                }

                private async Task SyncUsersAsync()
                {
                    for (int page = 0; page < 10; page++)
                    {
                        int count = await _remote.FetchPageAsync("users", page).ConfigureAwait(false);
                        {|TALLY003:_synced += count|};
                        _userPages++;
                    }
                }

                private async Task SyncOrdersAsync()
                {
                    for (int page = 0; page < 10; page++)
                    {
                        int count = await _remote.FetchPageAsync("orders", page).ConfigureAwait(false);
                        {|TALLY003:_synced += count|};
                        _orderPages++;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.WhenAllTwoMethods,
    };
}
