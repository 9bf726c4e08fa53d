namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): a logging library's static <c>Log.Logger</c> hands every event to its sinks on the
/// caller's thread; a table sink (another file) gives each row a unique key with <c>_rowNumber++</c> in a private
/// helper of <c>Emit</c>. Workers log from many threads: two events can get the same number. The per-event local stays
/// silent.
/// </summary>
internal static class SinkRowNumberCase
{
    public static CorpusCase Case { get; } = new("SinkRowNumber", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Logging
        {
            public interface ILogSink
            {
                void Emit(LogEntry entry);
            }

            public sealed record LogEntry(DateTimeOffset Timestamp, string Message);

            public sealed class Logger
            {
                private readonly IReadOnlyList<ILogSink> _sinks;

                public Logger(IReadOnlyList<ILogSink> sinks) => _sinks = sinks;

                public void Write(string message)
                {
                    var entry = new LogEntry(DateTimeOffset.UtcNow, message);
                    foreach (var sink in _sinks)
                    {
                        sink.Emit(entry);
                    }
                }
            }

            public static class Log
            {
                public static Logger Logger { get; set; } = new Logger(Array.Empty<ILogSink>());
            }

            public static class ImportJob
            {
                public static void Run(IEnumerable<string> files, ITableClient table)
                {
                    Log.Logger = new Logger(new ILogSink[] { new TableSink(table) });
                    Parallel.ForEach(files, file => Log.Logger.Write($"imported {file}"));
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugSinkRowNumber,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Logging
            {
                public interface ITableClient
                {
                    void Insert(string partition, string row, string message);
                }

                public sealed class TableSink : ILogSink
                {
                    private readonly ITableClient _table;
                    private long _rowNumber;

                    public TableSink(ITableClient table) => _table = table;

                    public void Emit(LogEntry entry)
                    {
                        string partition = entry.Timestamp.ToString("yyyyMMddHH");
                        _table.Insert(partition, RowKey(partition), entry.Message);
                    }

                    private string RowKey(string partition)
                    {
                        int attempts = 0;
                        attempts++;
                        return partition + "|" + {|TALLY005:_rowNumber++|} + "|" + attempts;
                    }
                }
            }
            """,
        },
    };
}
