namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 4 (clean): a file indexer's single worker thread updates its progress; dashboards on other threads
/// read it with <c>Volatile.Read</c>, and its phase and generation are <c>volatile</c> fields written by the worker
/// only. One writer with volatile readers is correct. Expected: nothing reported.
/// </summary>
internal static class VolatileObserversCase
{
    public static CorpusCase Case { get; } = new("VolatileObservers", """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;

        namespace Corpus.Indexing
        {
            public enum IndexPhase
            {
                Idle,
                Scanning,
                Done,
            }

            public sealed class FileIndexer
            {
                private readonly string _root;
                private readonly Thread _worker;
                private int _filesIndexed;
                private int _directories;
                private volatile int _generation;
                private volatile IndexPhase _phase;

                public FileIndexer(string root)
                {
                    _root = root;
                    _worker = new Thread(Run) { IsBackground = true };
                }

                public void Start() => _worker.Start();

                public int FilesIndexed => Volatile.Read(ref _filesIndexed);

                public int Directories => Volatile.Read(ref _directories);

                public int Generation => _generation;

                public IndexPhase Phase => _phase;

                private void Run()
                {
                    _phase = IndexPhase.Scanning;
                    var pending = new Stack<string>();
                    pending.Push(_root);
                    while (pending.Count > 0)
                    {
                        string directory = pending.Pop();
                        _directories++;
                        foreach (string file in Directory.EnumerateFiles(directory))
                        {
                            _filesIndexed++;
                        }

                        foreach (string child in Directory.EnumerateDirectories(directory))
                        {
                            pending.Push(child);
                        }
                    }

                    _generation++;
                    _phase = IndexPhase.Done;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.VolatileReadObservers,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;

            namespace Corpus.Indexing
            {
                public sealed class ProgressDashboard : IDisposable
                {
                    private readonly Timer _refresh;

                    public ProgressDashboard(FileIndexer indexer)
                    {
                        _refresh = new Timer(
                            _ => Console.WriteLine($"{indexer.Phase}: {indexer.FilesIndexed} files in {indexer.Directories} directories (generation {indexer.Generation})"),
                            null,
                            TimeSpan.Zero,
                            TimeSpan.FromMilliseconds(500));
                    }

                    public void Dispose() => _refresh.Dispose();
                }
            }
            """,
        },
    };
}
