using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>The compilation-wide work one edit starts, step by step (one thread; a median over several edits where noted).</summary>
/// <param name="FullModel">Merging every tree's summary into a model: what every edit paid before models were kept (median of five).</param>
/// <param name="FirstEditModel">The model after the first edit of a document: the other trees' facts merged once and kept.</param>
/// <param name="EditModel">The model after a later edit of the same document: the edited tree's facts laid over the kept ones (median of five).</param>
/// <param name="KnownTypes">Every known framework type of a new compilation through <c>KnownSymbols</c>, the references shared with the compilation before (median of twenty).</param>
/// <param name="KnownTypesDirect">The same types through <c>Compilation.GetTypeByMetadataName</c> on a new compilation, as every edit looked them up before (median of twenty).</param>
public sealed record EditCost(Step FullModel, Step FirstEditModel, Step EditModel, Step KnownTypes, Step KnownTypesDirect);

/// <summary>
/// What remains per edit once the summaries of the unchanged trees are cached: the model of the new compilation and
/// the known types. Edits change a literal in one document, as the keystroke benchmark does.
/// </summary>
public static class EditProfile
{
    private const int Edits = 5;
    private const int KnownTypeEdits = 20;
    private const string Anchor = "int sum = ";

    public static EditCost Measure(Compilation compilation, CancellationToken cancellationToken)
    {
        var known = KnownSymbols.Create(compilation);
        var summaries = Summaries(compilation, known, cancellationToken);
        var full = Median(Enumerable.Range(0, Edits).Select(_ => Step(() => new ConcurrencyModel(summaries))).ToList());
        ModelCache.ModelOf(compilation.SyntaxTrees.ToList(), summaries);

        var document = compilation.SyntaxTrees.Skip(compilation.SyntaxTrees.Count() / 2).First(t => t.ToString().Contains(Anchor, StringComparison.Ordinal));
        compilation = Edit(compilation, ref document, 0);
        summaries = Summaries(compilation, KnownSymbols.Create(compilation), cancellationToken);
        var first = Step(() => ModelCache.ModelOf(compilation.SyntaxTrees.ToList(), summaries));

        var later = new List<Step>();
        for (int edit = 1; edit <= Edits; edit++)
        {
            compilation = Edit(compilation, ref document, edit);
            var editedSummaries = Summaries(compilation, KnownSymbols.Create(compilation), cancellationToken);
            var trees = compilation.SyntaxTrees.ToList();
            later.Add(Step(() => ModelCache.ModelOf(trees, editedSummaries)));
        }

        var properties = typeof(KnownSymbols).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(INamedTypeSymbol)).ToList();
        var names = properties.Select(p => p.GetValue(known)).OfType<INamedTypeSymbol>().Select(MetadataName).ToList();
        var knownTypes = new List<Step>();
        var direct = new List<Step>();
        for (int edit = Edits + 1; edit <= Edits + KnownTypeEdits; edit++)
        {
            compilation = Edit(compilation, ref document, edit);
            // Two new compilations with the same trees and references, measured in alternating order.
            var next = compilation;
            var other = compilation.Clone();
            Step MeasureKnown() => Step(() => properties.Select(p => p.GetValue(KnownSymbols.Create(next))).Count());
            Step MeasureDirect() => Step(() => names.Select(other.GetTypeByMetadataName).Count());
            if (edit % 2 == 0)
            {
                knownTypes.Add(MeasureKnown());
                direct.Add(MeasureDirect());
            }
            else
            {
                direct.Add(MeasureDirect());
                knownTypes.Add(MeasureKnown());
            }
        }

        return new EditCost(full, first, Median(later), Median(knownTypes), Median(direct));
    }

    private static List<TreeSummary> Summaries(Compilation compilation, KnownSymbols known, CancellationToken cancellationToken)
        => compilation.SyntaxTrees.Select(t => TreeSummaryCache.Get(compilation, t, known, TallyOptions.Default, cancellationToken)).ToList();

    private static Compilation Edit(Compilation compilation, ref SyntaxTree document, int edit)
    {
        var text = document.GetText();
        int at = text.ToString().IndexOf(Anchor, StringComparison.Ordinal) + Anchor.Length;
        int oldLength = text.ToString().IndexOf(';', at) - at;
        var edited = document.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, oldLength), (edit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        compilation = compilation.ReplaceSyntaxTree(document, edited);
        document = edited;
        return compilation;
    }

    private static string MetadataName(INamedTypeSymbol type) => type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    /// <summary>The median time and the median allocation: a garbage collection in one step (the code base is large) does not move it.</summary>
    private static Step Median(List<Step> steps)
        => new(steps.Select(s => s.Time).OrderBy(t => t).ElementAt(steps.Count / 2), steps.Select(s => s.Allocated).OrderBy(a => a).ElementAt(steps.Count / 2));

    private static Step Step<T>(Func<T> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        action();
        timer.Stop();
        return new Step(timer.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
