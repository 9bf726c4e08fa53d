using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The concurrency model is built by every analyzer thread that needs it, each summarising the trees nobody has taken
/// yet (<see cref="ModelBuild"/>): all of them must get one model, holding every tree's facts, the same as one thread
/// building it alone.
/// </summary>
public sealed class ModelBuildTests
{
    [Fact]
    public void ManyThreadsAskingAtOnce_GetOneModel_WithTheFactsOfEveryTree()
    {
        var compilation = GeneratedProject.Compile(CodeBaseGenerator.Generate(3_000, seed: 5));
        var options = new TallyOptionsCache(new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty).AnalyzerConfigOptionsProvider);
        var build = new ModelBuild(compilation, KnownSymbols.Create(compilation), options);

        var models = new ConcurrencyModel[8];
        using (var start = new Barrier(models.Length))
        {
            var threads = Enumerable.Range(0, models.Length).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                models[i] = build.Value;
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        Assert.All(models, m => Assert.Same(models[0], m));

        // Every tree's writes are in the model, in tree order, as a model built by one thread from the same summaries.
        var summaries = compilation.SyntaxTrees
            .Select(t => TreeSummaryCache.Get(compilation, t, KnownSymbols.Create(compilation), options.Get(t), CancellationToken.None))
            .ToList();
        var alone = new ConcurrencyModel(summaries);
        var storages = summaries.SelectMany(s => s.Writes).Select(w => w.StorageKey).Distinct().ToList();
        Assert.NotEmpty(storages);
        foreach (string storage in storages)
        {
            Assert.Equal(alone.WritesOf(storage), models[0].WritesOf(storage));
        }
    }
}
