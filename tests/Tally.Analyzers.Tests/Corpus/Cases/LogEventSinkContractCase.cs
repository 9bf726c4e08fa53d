namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): a table-storage sink for Serilog gives every row key a running suffix with
/// <c>_suffix++</c> in a private helper of <c>Emit</c>. Nothing in the sink's own project calls <c>Emit</c>: Serilog's
/// loggers do, on whichever thread logs, so the contract (<c>Serilog.Core.ILogEventSink</c>) is the evidence. The
/// second file stands in for the Serilog package. The constructor's counter stays silent.
/// </summary>
internal static class LogEventSinkContractCase
{
    public static CorpusCase Case { get; } = new("LogEventSinkContract", """
        using System;
        using System.Globalization;
        using Serilog.Core;
        using Serilog.Events;

        namespace Corpus.Sinks.Tables
        {
            public interface ITableWriter
            {
                void Write(string partitionKey, string rowKey, string text);
            }

            public sealed class TableSink : ILogEventSink
            {
                private readonly ITableWriter _writer;
                private readonly IFormatProvider? _formatProvider;
                private long _suffix;
                private int _instances;

                public TableSink(ITableWriter writer, IFormatProvider? formatProvider = null)
                {
                    _writer = writer;
                    _formatProvider = formatProvider;
                    _instances++;
                }

                public void Emit(LogEvent logEvent)
                {
                    string partition = logEvent.Timestamp.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
                    _writer.Write(partition, NextRowKey(logEvent), logEvent.RenderMessage(_formatProvider));
                }

                private string NextRowKey(LogEvent logEvent)
                    => logEvent.Level + "|" + logEvent.Timestamp.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + {|TALLY005:_suffix++|};
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugSinkRowNumber,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Serilog.Events
            {
                public enum LogEventLevel { Verbose, Debug, Information, Warning, Error, Fatal }

                public sealed class LogEvent
                {
                    public LogEvent(DateTimeOffset timestamp, LogEventLevel level, string template)
                    {
                        Timestamp = timestamp;
                        Level = level;
                        Template = template;
                    }

                    public DateTimeOffset Timestamp { get; }

                    public LogEventLevel Level { get; }

                    public string Template { get; }

                    public string RenderMessage(IFormatProvider? formatProvider = null) => Template;
                }
            }

            namespace Serilog.Core
            {
                public interface ILogEventSink
                {
                    void Emit(Serilog.Events.LogEvent logEvent);
                }
            }
            """,
        },
    };
}
