using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Every source of the analyzer's own tests (tests/Tally.Analyzers.Tests/Rules) that compiles and has a TALLY001-005
/// diagnostic is fixed with Fix All; the harness requires the result to compile. This keeps the fix in step with
/// whatever the analyzer learns to report.
/// </summary>
public sealed class AnalyzerCorpusFixTests(ITestOutputHelper output)
{
    private static readonly Regex RawString = new("\"\"\"\\r?\\n(?<body>.*?)\\r?\\n(?<indent>[ \\t]*)\"\"\"", RegexOptions.Singleline);
    private static readonly Regex Markup = new(@"\{\|[A-Z]+[0-9]+:|\|\}|\[\||\|\]", RegexOptions.None);

    [Fact]
    public async Task EveryFlaggedUpdateInTheAnalyzerTests_IsFixedInOnePassIntoCodeThatCompiles()
    {
        var sources = CorpusSources().ToList();
        Assert.True(sources.Count >= 20, $"Expected the analyzer's test corpus, found {sources.Count} sources.");

        var failures = new StringBuilder();
        var fixedCount = 0;
        var unfixable = 0;
        foreach (var (file, source) in sources)
        {
            try
            {
                // One pass, as one `dotnet format analyzers` run: whatever still has an action afterwards would need a second run.
                var (texts, fixableLeft) = await Verify.ApplyFixAllOnceAsync(new[] { source });
                var fixedText = texts[0];
                if (fixedText != source)
                {
                    fixedCount++;
                }

                if (fixableLeft > 0)
                {
                    failures.Append(file).Append($": {fixableLeft} update(s) still fixable after one Fix All (a second dotnet format run would change the code):\n")
                        .Append(fixedText).Append("\n\n");
                }

                // One pass is enough: the fixed code raises no Interlocked-misuse diagnostic (TALLY006/007) that the
                // original did not, so a second `dotnet format analyzers` run would change nothing.
                var misuseBefore = await AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>.GetDiagnosticsAsync(source);
                var misuseAfter = await AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>.GetDiagnosticsAsync(fixedText);
                if (misuseAfter.Length > misuseBefore.Length)
                {
                    failures.Append(file).Append(": the fixed code has new Interlocked-misuse diagnostics:\n  ")
                        .Append(string.Join("\n  ", misuseAfter)).Append("\n").Append(fixedText).Append("\n\n");
                }

                unfixable += (await AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(fixedText)).Length;
            }
            catch (Exception e) when (e is VerificationException or InvalidOperationException)
            {
                failures.Append(file).Append(":\n").Append(e.Message).Append("\n\n");
            }
        }

        output.WriteLine($"{sources.Count} corpus sources, {fixedCount} changed by the fix, {unfixable} TALLY001-005 left where the fix offers nothing (docs/rules/fix.md).");
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(fixedCount >= 10, $"Only {fixedCount} corpus sources were changed by the fix.");
    }

    /// <summary>The corpus sources without markup: raw string literals with a TALLY001-005 marker that compile on their own.</summary>
    private static IEnumerable<(string File, string Source)> CorpusSources()
    {
        var rules = Path.Combine(RepositoryRoot(), "tests", "Tally.Analyzers.Tests", "Rules");
        foreach (var file in Directory.EnumerateFiles(rules, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in RawString.Matches(text))
            {
                var body = match.Groups["body"].Value;
                if (!Regex.IsMatch(body, @"\{\|TALLY00[1-5]:"))
                {
                    continue;
                }

                var indent = match.Groups["indent"].Value;
                var lines = body.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l.Substring(indent.Length) : l.TrimStart());
                var source = Markup.Replace(string.Join("\n", lines), string.Empty);
                if (CompilesAlone(source))
                {
                    yield return (Path.GetFileName(file), source);
                }
            }
        }
    }

    private static bool CompilesAlone(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Corpus",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceAssemblies.Net,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }
}
