using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Tally.AnalyzerBenchmarks.Analysis;

namespace Tally.AnalyzerBenchmarks.RealCode;

/// <summary>
/// The driver for the real-code measurements (docs/real-code.md): compiles every <c>.cs</c> file under a folder of a
/// real project together, against the installed .NET reference assemblies only (no NuGet references, so compiler
/// errors are tolerated; <c>--aspnet</c> adds ASP.NET Core's), runs Tally's analyzers over it and prints every diagnostic with its message,
/// severity and certainty.
/// <para>
/// <c>scan FOLDER [--analyzers PATH] [--implicit-usings] [--using NAMESPACE]... [--report-only PREFIX] [--language-version V] [--include-tests] [--aspnet] [--errors] [--timing] [--option KEY=VALUE]...</c>:
/// <c>--analyzers</c> loads another build of Tally.Analyzers.dll (default: the one this program references);
/// <c>--implicit-usings</c> adds the SDK's implicit global usings; <c>--using</c> adds one more global using (a
/// project's MSBuild <c>&lt;Using&gt;</c> item; <c>ALIAS=NAME</c> for an alias); <c>--report-only</c> compiles every
/// file but reports, and counts in the first line, only the files whose path below FOLDER starts with PREFIX (a
/// library compiled with its dependency's source along); files whose path below FOLDER contains <c>Test</c>, or
/// <c>/test</c>, <c>/samples</c> or <c>/benchmark</c> in any case (so <c>SummaryImpl/SampleStream.cs</c> too, as the
/// earlier driver did), and <c>bin/</c>, <c>obj/</c>, are skipped unless
/// <c>--include-tests</c>; <c>--errors</c> prints the compiler errors grouped by message to standard error;
/// <c>--language-version</c> parses as that C# version (default <c>preview</c>; the earlier driver, outside the
/// repository, parsed as C# 13, so C# 14 code was compiler errors there);
/// <c>--option</c> sets an <c>.editorconfig</c> key (say <c>tally.inferred_severity=warning</c>) for every file;
/// <c>--timing</c> prints the analysis wall time and each analyzer's logged execution time to standard error.
/// </para>
/// Output: a first line with the counts (with <c>--report-only</c>, what else was compiled in parentheses), then per diagnostic <c>ID path:line: source line</c> followed by indented
/// <c>msg:</c> and <c>severity:</c> lines; analyzer exceptions as <c>AD0001</c> lines (exit code 1).
/// </summary>
public static class RealCodeScan
{
    /// <summary>The preprocessor symbols every scan defines: a .NET 8 build, no DEBUG or TRACE.</summary>
    public static readonly ImmutableArray<string> PreprocessorSymbols = ImmutableArray.Create(
        "NETCOREAPP", "NET", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER", "NETSTANDARD2_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NET5_0_OR_GREATER");

    private static readonly string[] s_implicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    /// <summary>Folder and name parts that mark a path as test, sample, benchmark or build output, in any case.</summary>
    private static readonly string[] s_skippedPathParts = { "/test", "/samples", "/benchmark", "/bin/", "/obj/" };

    /// <summary>"Test" anywhere in the path (<c>LoggerTests.cs</c>, <c>Foo.Tests/</c>), in this case only: <c>Latest</c> stays.</summary>
    private const string TestPart = "Test";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        string? folder = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a));
        if (folder is null || !Directory.Exists(folder))
        {
            errors.WriteLine("usage: scan FOLDER [--analyzers PATH] [--implicit-usings] [--using NAMESPACE]... [--report-only PREFIX] [--language-version V] [--include-tests] [--aspnet] [--errors] [--timing] [--option KEY=VALUE]...");
            return 2;
        }

        folder = Path.GetFullPath(folder).TrimEnd('/');
        bool includeTests = args.Contains("--include-tests");
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => includeTests ? !IsBuildOutput(f, folder) : !IsSkipped(f, folder))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        string? reportOnly = OptionValues(args, "--report-only").FirstOrDefault();
        var parseOptions = new CSharpParseOptions(LanguageVersionOf(args), preprocessorSymbols: PreprocessorSymbols);
        var trees = new List<SyntaxTree>(files.Count + 1);
        int lines = 0, reportedFiles = 0, reportedLines = 0;
        foreach (string file in files)
        {
            var text = SourceText.From(File.ReadAllText(file), Encoding.UTF8);
            lines += text.Lines.Count;
            if (IsReported(file, folder, reportOnly))
            {
                reportedFiles++;
                reportedLines += text.Lines.Count;
            }

            trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, file));
        }

        var usings = (args.Contains("--implicit-usings") ? s_implicitUsings : Array.Empty<string>())
            .Select(u => $"global using global::{u};\n")
            .Concat(OptionValues(args, "--using").Select(GlobalUsing))
            .ToList();
        if (usings.Count > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(string.Concat(usings), parseOptions, Path.Combine(folder, "obj", "ImplicitUsings.g.cs")));
        }

        var compilation = CSharpCompilation.Create(
            "RealCodeScan",
            trees,
            args.Contains("--aspnet") ? ReferencePacks.Web : ReferencePacks.Core,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        string? analyzerPath = OptionValues(args, "--analyzers").FirstOrDefault();
        var analyzers = analyzerPath is null ? AnalyzerSets.Tally() : AnalyzerSets.FromOtherBuild(analyzerPath);
        var run = new AnalysisRun(new FixedOptionsProvider(OptionValues(args, "--option")).ToAnalyzerOptions());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, run.Options);
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var analysisWall = clock.Elapsed;
        var analysisCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var diagnostics = found
            .Where(d => d.Location.SourceTree is not { } tree || IsReported(tree.FilePath, folder, reportOnly))
            .ToImmutableArray();

        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        string alsoCompiled = reportOnly is null ? string.Empty : $" (also compiled: {files.Count - reportedFiles} files, {lines - reportedLines} lines)";
        output.WriteLine($"{reportedFiles} files, {reportedLines} lines{alsoCompiled}, {compilerErrors.Count} compiler errors, {diagnostics.Length} diagnostics");
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
        {
            var span = diagnostic.Location.GetLineSpan();
            string path = span.Path.StartsWith(folder + "/", StringComparison.Ordinal) ? span.Path.Substring(folder.Length + 1) : span.Path;
            string source = diagnostic.Location.SourceTree is { } tree
                ? tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim()
                : string.Empty;
            output.WriteLine($"{diagnostic.Id} {path}:{span.StartLinePosition.Line + 1}: {source}");
            output.WriteLine($"    msg: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            diagnostic.Properties.TryGetValue("Certainty", out string? certainty);
            output.WriteLine($"    severity: {diagnostic.Severity} {certainty ?? "-"}");
        }

        foreach (string exception in run.Exceptions)
        {
            output.WriteLine("AD0001 " + exception.Replace('\n', ' '));
        }

        if (args.Contains("--timing"))
        {
            await WriteTimingAsync(withAnalyzers, analyzers, analysisWall, analysisCpu, errors);
        }

        if (args.Contains("--errors"))
        {
            foreach (var group in compilerErrors.GroupBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                errors.WriteLine($"{group.Count(),6} {group.First().Id} {group.Key}");
            }
        }

        return run.Exceptions.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>--timing</c>: one line on standard error with the analysis wall time and the process CPU time it took (binding
    /// included: Tally's summaries bind the member bodies), and the execution time the driver logged per analyzer (it
    /// runs them concurrently, so waiting for another thread is in it), for comparing two runs of one folder.
    /// </summary>
    private static async Task WriteTimingAsync(CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers, TimeSpan wall, TimeSpan cpu, TextWriter errors)
    {
        var parts = new List<string>();
        var total = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;
            total += time;
            parts.Add(FormattableString.Invariant($"{analyzer.GetType().Name} {time.TotalMilliseconds:F0}"));
        }

        errors.WriteLine(FormattableString.Invariant($"timing: analysis wall {wall.TotalMilliseconds:F0} ms, process CPU {cpu.TotalMilliseconds:F0} ms, logged {total.TotalMilliseconds:F0} ms ({string.Join(", ", parts)})"));
    }

    private static bool IsSkipped(string file, string folder)
    {
        string relative = file.Substring(folder.Length);
        return relative.Contains(TestPart, StringComparison.Ordinal)
            || s_skippedPathParts.Any(part => relative.Contains(part, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><c>--language-version</c> (<c>13</c>, <c>latest</c>, ...; default <c>preview</c>, so C# 14's <c>field</c> and extension blocks bind).</summary>
    private static LanguageVersion LanguageVersionOf(string[] args) =>
        OptionValues(args, "--language-version").FirstOrDefault() is { } value && LanguageVersionFacts.TryParse(value, out var version)
            ? version
            : LanguageVersion.Preview;

    private static bool IsReported(string file, string folder, string? prefix) =>
        prefix is null || (file.StartsWith(folder + "/", StringComparison.Ordinal) && file.Substring(folder.Length + 1).StartsWith(prefix, StringComparison.Ordinal));

    /// <summary><c>NAMESPACE</c> or <c>ALIAS=NAME</c> as a global using directive.</summary>
    private static string GlobalUsing(string value)
    {
        int equals = value.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? $"global using global::{value.Trim()};\n"
            : $"global using {value.Substring(0, equals).Trim()} = global::{value.Substring(equals + 1).Trim()};\n";
    }

    private static bool IsBuildOutput(string file, string folder)
    {
        string relative = file.Substring(folder.Length);
        return relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    private static bool IsOptionValue(string[] args, string value)
    {
        int index = Array.IndexOf(args, value);
        return index > 0 && args[index - 1] is "--analyzers" or "--option" or "--using" or "--report-only" or "--language-version";
    }

    /// <summary>Every value given to a repeatable flag (<c>--option A --option B</c>), in order.</summary>
    internal static IEnumerable<string> OptionValues(string[] args, string name)
    {
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }
}
