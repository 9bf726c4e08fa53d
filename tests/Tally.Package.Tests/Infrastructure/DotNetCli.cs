using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>What one <c>dotnet</c> invocation did: its command line, exit code and everything it printed.</summary>
    public sealed record DotNetResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output)
    {
        /// <summary>The command and its output, for assertion messages.</summary>
        public string Describe()
            => $"$ {CommandLine}\n(in {WorkingDirectory}, exit code {ExitCode})\n{Output}";
    }

    /// <summary>
    /// Runs the <c>dotnet</c> CLI as a child process, with a timeout, and captures its output. Build servers and
    /// node reuse are turned off so that no process outlives the command and holds its output open.
    /// </summary>
    public static class DotNetCli
    {
        /// <summary>Runs <c>dotnet</c> with the given arguments and returns what happened; never throws on a non-zero exit code.</summary>
        public static async Task<DotNetResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
        {
            var startInfo = new ProcessStartInfo(DotNetExecutable())
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            ConfigureEnvironment(startInfo.Environment);

            string commandLine = "dotnet " + string.Join(" ", arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
            var output = new StringBuilder();
            using var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);

            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(
                    $"'{commandLine}' did not finish within {timeout}. Output so far:\n{Snapshot(output)}");
            }

            return new DotNetResult(commandLine, workingDirectory, process.ExitCode, Snapshot(output));
        }

        private static string DotNetExecutable()
        {
            // Under `dotnet test`, DOTNET_HOST_PATH names the dotnet that runs the tests; use the same one.
            string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return string.IsNullOrEmpty(hostPath) ? "dotnet" : hostPath;
        }

        private static void ConfigureEnvironment(IDictionary<string, string?> environment)
        {
            // The test host may inherit variables from the MSBuild that started it; they would steer the child's
            // MSBuild to the wrong SDK pieces.
            foreach (string key in environment.Keys.ToList())
            {
                if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                    key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                {
                    environment.Remove(key);
                }
            }

            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            environment["UseSharedCompilation"] = "false";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
