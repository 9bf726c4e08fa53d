namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>An <c>ILogger</c> and its provider: frameworks call one logger from many threads at once (TALLY005).</summary>
internal static class LoggerCase
{
    public static CorpusCase Case { get; } = new("Logger", """
        using System;
        using System.IO;
        using Microsoft.Extensions.Logging;

        namespace Corpus.Logging
        {
            public sealed class CountingLogger : ILogger
            {
                private readonly string _category;
                private readonly TextWriter _output;
                private int _written;
                private int _dropped;

                public CountingLogger(string category, TextWriter output)
                {
                    _category = category;
                    _output = output;
                }

                public int Written => _written;

                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    if (!IsEnabled(logLevel))
                    {
                        {|TALLY005:_dropped++|};
                        return;
                    }

                    _output.WriteLine($"[{logLevel}] {_category}: {formatter(state, exception)}");
                    {|TALLY005:_written++|};
                }
            }

            public sealed class CountingLoggerProvider : ILoggerProvider
            {
                private int _created;

                public ILogger CreateLogger(string categoryName)
                {
                    {|TALLY005:_created++|};
                    return new CountingLogger(categoryName, Console.Out);
                }

                public void Dispose()
                {
                }
            }
        }
        """, AspNetCore: true);
}
