namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a config reloader counts pending changes in <c>FileSystemWatcher</c> event handlers (raised on
/// thread-pool threads) while its reload loop, started once with <c>Task.Run</c>, subtracts what it handled: two
/// writers on different threads without a common lock, lost updates on both sides.
/// </summary>
internal static class FileSystemWatcherCase
{
    public static CorpusCase Case { get; } = new("FileSystemWatcher", """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Config.Reload
        {
            public sealed class ConfigReloader : IDisposable
            {
                private readonly FileSystemWatcher _watcher;
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private int _pendingChanges;
                private int _reloads;

                public ConfigReloader(string directory)
                {
                    _watcher = new FileSystemWatcher(directory, "*.json");
                    _watcher.Changed += OnChanged;
                    _watcher.Created += (_, _) => {|TALLY003:_pendingChanges++|};
                    _watcher.EnableRaisingEvents = true;
                    _ = Task.Run(() => ReloadLoopAsync(_stop.Token));
                }

                private void OnChanged(object sender, FileSystemEventArgs e) => {|TALLY003:_pendingChanges += 1|};

                private async Task ReloadLoopAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        int seen = _pendingChanges;
                        if (seen > 0)
                        {
                            Reload();
                            {|TALLY003:_pendingChanges -= seen|};
                            _reloads++;
                        }

                        await Task.Delay(200, CancellationToken.None);
                    }
                }

                private static void Reload()
                {
                }

                public void Dispose()
                {
                    _stop.Cancel();
                    _watcher.Dispose();
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.FileSystemWatcherEvents,
    };
}
