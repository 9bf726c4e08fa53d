using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>One analyzer set's per-document analysis of one edit.</summary>
/// <param name="Wall">Wall time of syntax and semantic analysis of the edited document on a fresh CompilationWithAnalyzers.</param>
/// <param name="PerAnalyzer">Execution time per analyzer type, as the driver logged it.</param>
/// <param name="Diagnostics">Diagnostics reported in the document.</param>
public sealed record DocumentAnalysis(TimeSpan Wall, IReadOnlyDictionary<string, TimeSpan> PerAnalyzer, int Diagnostics);

/// <summary>The per-keystroke benchmark's result: for every edit, what each analyzer set cost.</summary>
/// <param name="Lines">Lines generated.</param>
/// <param name="Files">Files generated.</param>
/// <param name="EditedFile">The document edited.</param>
/// <param name="Cold">Each set's first analysis of the document before any edit, with empty caches (the IDE opening the file).</param>
/// <param name="Edits">Each set's analysis after each edit.</param>
public sealed record KeystrokeCost(
    int Lines,
    int Files,
    string EditedFile,
    IReadOnlyDictionary<string, DocumentAnalysis> Cold,
    IReadOnlyList<IReadOnlyDictionary<string, DocumentAnalysis>> Edits)
{
    /// <summary>The set names, in the order measured (plus <see cref="KeystrokeBenchmark.TallyBaseline"/> when one was given).</summary>
    public static readonly string[] Sets = { KeystrokeBenchmark.Baseline, KeystrokeBenchmark.Tally, KeystrokeBenchmark.Sdk };

    /// <summary>The sets this run measured.</summary>
    public IEnumerable<string> Measured => Cold.Keys;

    /// <summary>The median wall time of <paramref name="set"/> over the edits.</summary>
    public TimeSpan Median(string set) => MedianOf(Edits.Select(e => e[set].Wall));

    /// <summary>The median, over the edits, of <paramref name="set"/>'s wall time minus the baseline's in the same edit.</summary>
    public TimeSpan MedianAboveBaseline(string set) => MedianOf(Edits.Select(e => e[set].Wall - e[KeystrokeBenchmark.Baseline].Wall));

    /// <summary>Median execution time of each analyzer of <paramref name="set"/>, longest first.</summary>
    public IReadOnlyList<(string Analyzer, TimeSpan Time)> MedianPerAnalyzer(string set)
        => Edits.SelectMany(e => e[set].PerAnalyzer.Keys).Distinct()
            .Select(a => (a, MedianOf(Edits.Select(e => e[set].PerAnalyzer.TryGetValue(a, out var t) ? t : TimeSpan.Zero))))
            .OrderByDescending(p => p.Item2)
            .ToList();

    private static TimeSpan MedianOf(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
    }
}

/// <summary>
/// The per-keystroke benchmark, as the IDE works: every edit makes a new syntax tree for one document (an incremental
/// reparse of a changed literal) and a new compilation (<see cref="Compilation.ReplaceSyntaxTree"/>; every other tree is
/// reused). Before the first edit each set analyses the document once (the IDE opening the file; reported as the cold
/// figure), so analyzers that cache per-tree work across compilations start warm as they would while typing.
/// The compiler binds the edited document first (untimed); then, on a fresh
/// <see cref="CompilationWithAnalyzers"/>, the document's syntax and semantic analyzer diagnostics are computed and timed,
/// which includes any compilation-wide work the analyzers start for the new compilation. Each analyzer set gets its own
/// copy of the new compilation, so none profits from another's work, and the order of the sets rotates per edit.
/// A no-op analyzer is the baseline: what the analyzer driver and the compiler cost with no analysis at all.
/// </summary>
public static class KeystrokeBenchmark
{
    public const string Baseline = "baseline (no-op analyzer)";
    public const string Tally = "Tally";
    public const string Sdk = "SDK NetAnalyzers";

    /// <summary>Another build of Tally's analyzers (<c>--baseline-analyzers PATH</c>), measured in the same run as this one.</summary>
    public const string TallyBaseline = "Tally (baseline build)";

    public static async Task<KeystrokeCost> RunAsync(int lines, int edits, TextWriter? log = null, CancellationToken cancellationToken = default, string? baselineAnalyzers = null)
    {
        var files = CodeBaseGenerator.Generate(lines);
        int generatedLines = files.Sum(f => CodeBaseGenerator.CountLines(f.Text));
        var compilation = GeneratedProject.Compile(files);

        // The edited document: a module in the middle of the code base (every module has a Helpers type with this line).
        const string Anchor = "int sum = 0;";
        var document = compilation.SyntaxTrees.Skip(compilation.SyntaxTrees.Count() / 2).First(t => t.ToString().Contains(Anchor, StringComparison.Ordinal));
        log?.WriteLine($"generated {generatedLines} lines in {files.Count} files; editing {document.FilePath}");

        // The IDE has a fully built compilation before the first keystroke; so does this benchmark.
        ThrowOnErrors(compilation.GetDiagnostics(cancellationToken));

        var sets = new Dictionary<string, Func<ImmutableArray<DiagnosticAnalyzer>>>
        {
            [Baseline] = () => ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer()),
            [Tally] = AnalyzerSets.Tally,
            [Sdk] = () => AnalyzerSets.Sdk,
        };
        var names = KeystrokeCost.Sets.ToList();
        if (baselineAnalyzers is not null)
        {
            var other = AnalyzerSets.FromOtherBuild(baselineAnalyzers);
            var otherType = other.Select(a => a.GetType()).ToList();
            sets[TallyBaseline] = () => otherType.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
            names.Add(TallyBaseline);
        }

        var cold = new Dictionary<string, DocumentAnalysis>();
        foreach (string set in names)
        {
            cold[set] = await AnalyzeDocumentAsync(compilation, document, sets[set](), cancellationToken).ConfigureAwait(false);
        }

        log?.WriteLine("before the edits (cold): " + string.Join(", ", names.Select(s => $"{s} {cold[s].Wall.TotalMilliseconds:F0} ms")));
        var results = new List<IReadOnlyDictionary<string, DocumentAnalysis>>();
        for (int edit = 0; edit < edits; edit++)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            int at = text.ToString().IndexOf(Anchor, StringComparison.Ordinal) + "int sum = ".Length;
            int oldLength = text.ToString().IndexOf(';', at) - at;
            var edited = document.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, oldLength), (edit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));

            var measured = new Dictionary<string, DocumentAnalysis>();
            var order = names.Skip(edit % names.Count).Concat(names.Take(edit % names.Count));
            foreach (string set in order)
            {
                var next = compilation.ReplaceSyntaxTree(document, edited);
                next.GetSemanticModel(edited).GetDiagnostics(cancellationToken: cancellationToken);
                measured[set] = await AnalyzeDocumentAsync(next, edited, sets[set](), cancellationToken).ConfigureAwait(false);
            }

            results.Add(measured);
            log?.WriteLine($"edit {edit + 1}: " + string.Join(", ", names.Select(s => $"{s} {measured[s].Wall.TotalMilliseconds:F0} ms")));
            compilation = compilation.ReplaceSyntaxTree(document, edited);
            document = edited;
        }

        return new KeystrokeCost(generatedLines, files.Count, document.FilePath, cold, results);
    }

    /// <summary>Syntax and semantic diagnostics of one document, the way the IDE asks for an open file.</summary>
    public static async Task<DocumentAnalysis> AnalyzeDocumentAsync(
        Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var run = new AnalysisRun();
        var timer = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, run.Options);
        var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
        var model = withAnalyzers.Compilation.GetSemanticModel(tree);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
        timer.Stop();
        run.ThrowIfAnalyzerFailed();

        var perAnalyzer = new Dictionary<string, TimeSpan>();
        foreach (var analyzer in analyzers)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
            string name = analyzer.GetType().Name;
            perAnalyzer[name] = perAnalyzer.TryGetValue(name, out var before) ? before + info.ExecutionTime : info.ExecutionTime;
        }

        return new DocumentAnalysis(timer.Elapsed, perAnalyzer, syntax.Length + semantic.Length);
    }

    private static void ThrowOnErrors(ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", errors.Take(10)));
        }
    }
}
