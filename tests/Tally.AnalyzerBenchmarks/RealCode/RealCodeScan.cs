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
/// <c>scan FOLDER [--analyzers PATH] [--implicit-usings] [--include-tests] [--aspnet] [--errors] [--option KEY=VALUE]...</c>:
/// <c>--analyzers</c> loads another build of Tally.Analyzers.dll (default: the one this program references);
/// <c>--implicit-usings</c> adds the SDK's implicit global usings; files whose path below FOLDER contains <c>/test</c>,
/// <c>Test</c>, <c>/samples</c> or <c>/benchmark</c> (and <c>bin/</c>, <c>obj/</c>) are skipped unless
/// <c>--include-tests</c>; <c>--errors</c> prints the compiler errors grouped by message to standard error;
/// <c>--option</c> sets an <c>.editorconfig</c> key (say <c>tally.inferred_severity=warning</c>) for every file.
/// </para>
/// Output: a first line with the counts, then per diagnostic <c>ID path:line: source line</c> followed by indented
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

    private static readonly string[] s_skippedPathParts = { "/test", "Test", "/samples", "/benchmark", "/bin/", "/obj/" };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        string? folder = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a));
        if (folder is null || !Directory.Exists(folder))
        {
            errors.WriteLine("usage: scan FOLDER [--analyzers PATH] [--implicit-usings] [--include-tests] [--aspnet] [--errors] [--option KEY=VALUE]...");
            return 2;
        }

        folder = Path.GetFullPath(folder).TrimEnd('/');
        bool includeTests = args.Contains("--include-tests");
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => includeTests ? !IsBuildOutput(f, folder) : !IsSkipped(f, folder))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: PreprocessorSymbols);
        var trees = new List<SyntaxTree>(files.Count + 1);
        int lines = 0;
        foreach (string file in files)
        {
            var text = SourceText.From(File.ReadAllText(file), Encoding.UTF8);
            lines += text.Lines.Count;
            trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, file));
        }

        if (args.Contains("--implicit-usings"))
        {
            string usings = string.Concat(s_implicitUsings.Select(u => $"global using global::{u};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(usings, parseOptions, Path.Combine(folder, "obj", "ImplicitUsings.g.cs")));
        }

        var compilation = CSharpCompilation.Create(
            "RealCodeScan",
            trees,
            args.Contains("--aspnet") ? ReferencePacks.Web : ReferencePacks.Core,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        string? analyzerPath = OptionValues(args, "--analyzers").FirstOrDefault();
        var analyzers = analyzerPath is null ? AnalyzerSets.Tally() : AnalyzerSets.FromOtherBuild(analyzerPath);
        var config = new ScanOptionsProvider(OptionValues(args, "--option"));
        var run = new AnalysisRun(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, config));
        var diagnostics = await compilation.WithAnalyzers(analyzers, run.Options).GetAnalyzerDiagnosticsAsync();

        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        output.WriteLine($"{files.Count} files, {lines} lines, {compilerErrors.Count} compiler errors, {diagnostics.Length} diagnostics");
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

        if (args.Contains("--errors"))
        {
            foreach (var group in compilerErrors.GroupBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                errors.WriteLine($"{group.Count(),6} {group.First().Id} {group.Key}");
            }
        }

        return run.Exceptions.Count == 0 ? 0 : 1;
    }

    private static bool IsSkipped(string file, string folder)
    {
        string relative = file.Substring(folder.Length);
        return s_skippedPathParts.Any(part => relative.Contains(part, StringComparison.Ordinal));
    }

    private static bool IsBuildOutput(string file, string folder)
    {
        string relative = file.Substring(folder.Length);
        return relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    private static bool IsOptionValue(string[] args, string value)
    {
        int index = Array.IndexOf(args, value);
        return index > 0 && args[index - 1] is "--analyzers" or "--option";
    }

    private static IEnumerable<string> OptionValues(string[] args, string name)
    {
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }

    /// <summary>The same <c>--option</c> keys for every file, as one <c>.editorconfig</c> section over the folder would give.</summary>
    private sealed class ScanOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly ScanOptions _options;

        public ScanOptionsProvider(IEnumerable<string> pairs)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
            foreach (string pair in pairs)
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    builder[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
                }
            }

            _options = new ScanOptions(builder.ToImmutable());
        }

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class ScanOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public ScanOptions(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
