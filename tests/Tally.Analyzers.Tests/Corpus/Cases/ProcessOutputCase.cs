namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a build runner handles <c>Process.OutputDataReceived</c> and <c>ErrorDataReceived</c>; the two
/// streams are read by two threads, and both handlers update <c>_lines</c> without synchronisation: lost updates.
/// <c>_warnings</c> is only updated by the output handler (one stream, raised one line at a time) and stays silent.
/// </summary>
internal static class ProcessOutputCase
{
    public static CorpusCase Case { get; } = new("ProcessOutput", """
        using System;
        using System.Diagnostics;

        namespace Corpus.Build
        {
            public sealed class ToolRunner
            {
                private int _lines;
                private int _warnings;

                public int Run(string fileName, string arguments)
                {
                    var info = new ProcessStartInfo(fileName, arguments)
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                        UseShellExecute = false,
                    };
                    using var process = new Process { StartInfo = info };
                    process.OutputDataReceived += (_, e) =>
                    {
                        if (e.Data is null)
                        {
                            return;
                        }

                        {|TALLY003:_lines++|};
                        if (e.Data.Contains("warning", StringComparison.OrdinalIgnoreCase))
                        {
                            _warnings++;
                        }
                    };
                    process.ErrorDataReceived += OnError;
                    process.Start();
                    process.BeginOutputReadLine();
                    process.BeginErrorReadLine();
                    process.WaitForExit();
                    Console.WriteLine($"{_lines} lines, {_warnings} warnings");
                    return process.ExitCode;
                }

                private void OnError(object sender, DataReceivedEventArgs e)
                {
                    if (e.Data is not null)
                    {
                        {|TALLY003:_lines += 1|};
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ProcessOutputDataReceived,
    };
}
