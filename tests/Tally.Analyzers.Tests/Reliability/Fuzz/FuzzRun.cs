using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Tally.Analyzers.Tests.Reliability.Fuzz;

/// <summary>How much to fuzz. The CI pass uses <see cref="Ci"/>; <see cref="FromEnvironment"/> reads the long run's figures.</summary>
/// <param name="Seed">Seeds the generated programs and the mutations: the same settings give the same mutants.</param>
/// <param name="GeneratedPrograms">How many update programs to generate besides the corpus, the sample and the benchmark slice.</param>
/// <param name="MutantsPerInput">Mutants made from each input program.</param>
/// <param name="PerDocumentEvery">Every n-th mutant is also analysed per document, as the IDE does.</param>
internal sealed record FuzzSettings(int Seed, int GeneratedPrograms, int MutantsPerInput, int PerDocumentEvery)
{
    /// <summary>The bounded CI pass (a deterministic seed; about a minute on two cores).</summary>
    public static FuzzSettings Ci { get; } = new(Seed: 20261127, GeneratedPrograms: 16, MutantsPerInput: 6, PerDocumentEvery: 3);

    /// <summary>
    /// The CI pass, or the long run when <c>TALLY_FUZZ_MUTANTS</c> is set (also <c>TALLY_FUZZ_GENERATED</c>,
    /// <c>TALLY_FUZZ_SEED</c>); see docs/reliability.md.
    /// </summary>
    public static FuzzSettings FromEnvironment()
    {
        static int Read(string name, int fallback)
            => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

        return new FuzzSettings(
            Read("TALLY_FUZZ_SEED", Ci.Seed),
            Read("TALLY_FUZZ_GENERATED", Ci.GeneratedPrograms),
            Read("TALLY_FUZZ_MUTANTS", Ci.MutantsPerInput),
            Ci.PerDocumentEvery);
    }
}

/// <summary>One analyzer exception on one mutant, with what is needed to replay it.</summary>
internal sealed record FuzzCrash(string Input, string Mutations, string Path, string MutatedText, string Exception);

/// <summary>The figures of a fuzz run.</summary>
internal sealed record FuzzReport(int Inputs, int Mutants, int MutantsThatParse, int PerDocumentRuns, TimeSpan Elapsed, ImmutableArray<FuzzCrash> Crashes)
{
    public string Summary()
        => $"{Inputs} inputs, {Mutants} mutants ({MutantsThatParse} without syntax errors), {PerDocumentRuns} also analysed per document, "
           + $"{Crashes.Length} with analyzer exceptions, {Elapsed.TotalSeconds:F0} s";
}

/// <summary>
/// The fuzzer: every input program, then mutants of one of its files at a time (the other files unchanged), each
/// analysed by every Tally analyzer over the whole compilation, and every few also per document.
/// </summary>
internal static class FuzzRun
{
    public static async Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default)
    {
        var timer = Stopwatch.StartNew();
        var inputs = FuzzInputs.All(settings.GeneratedPrograms, settings.Seed);
        var mutator = new SourceMutator(settings.Seed);
        var crashes = ImmutableArray.CreateBuilder<FuzzCrash>();
        int mutants = 0, clean = 0, perDocument = 0;
        var picker = new Random(settings.Seed);
        foreach (var input in inputs)
        {
            var compilation = ProgramCompiler.Compile(input);
            var trees = compilation.SyntaxTrees.ToList();
            for (int m = 0; m < settings.MutantsPerInput; m++)
            {
                var original = trees[picker.Next(trees.Count)];
                var (text, applied) = mutator.Mutate(original.ToString());
                var mutated = CSharpSyntaxTree.ParseText(text, ProgramCompiler.ParseOptions, original.FilePath, cancellationToken: cancellationToken);
                var mutant = compilation.ReplaceSyntaxTree(original, mutated);
                mutants++;
                if (!mutated.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    clean++;
                }

                var outcome = await TallyAnalysis.WholeCompilationAsync(mutant, cancellationToken).ConfigureAwait(false);
                var found = outcome.Crashes;
                if (m % settings.PerDocumentEvery == 0)
                {
                    perDocument++;
                    found = found.AddRange((await TallyAnalysis.PerDocumentAsync(mutant, cancellationToken).ConfigureAwait(false)).Crashes);
                }

                crashes.AddRange(found.Distinct().Select(e => new FuzzCrash(input.Name, applied, original.FilePath, text, e)));
            }
        }

        return new FuzzReport(inputs.Count, mutants, clean, perDocument, timer.Elapsed, crashes.ToImmutable());
    }
}
