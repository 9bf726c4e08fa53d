using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Tally.AnalyzerBenchmarks.Generation;
using Tally.Analyzers.Tests.Corpus;

namespace Tally.Analyzers.Tests.Reliability.Fuzz;

/// <summary>
/// The real-shaped programs the reliability checks run on: every corpus file (markup removed), the RacySample
/// project, generated update programs (<see cref="UpdateProgramGenerator"/>) and a slice of the benchmark code base.
/// </summary>
internal static class FuzzInputs
{
    private static readonly Regex Markup = new(@"\{\|[A-Za-z0-9]+:|\|\}", RegexOptions.CultureInvariant);

    /// <summary>Corpus, sample, <paramref name="generated"/> update programs from <paramref name="seed"/>, benchmark slice.</summary>
    public static IReadOnlyList<SourceProgram> All(int generated, int seed)
        => Corpus().Concat(Sample()).Concat(Generated(generated, seed)).Concat(BenchmarkSlice()).ToList();

    /// <summary>The corpus files with their expectation markup removed.</summary>
    public static IEnumerable<SourceProgram> Corpus()
        => CorpusCases.All.Select(c => new SourceProgram("corpus " + c.Name, new[] { (c.Name + ".cs", Markup.Replace(c.Markup, string.Empty)) }));

    /// <summary>samples/RacySample as one program.</summary>
    public static IEnumerable<SourceProgram> Sample()
    {
        string directory = Path.Combine(RepositoryRoot(), "samples", "RacySample");
        var files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        yield return new SourceProgram("sample RacySample", files, OutputKind.ConsoleApplication);
    }

    /// <summary><paramref name="count"/> generated update programs.</summary>
    public static IEnumerable<SourceProgram> Generated(int count, int seed)
    {
        var generator = new UpdateProgramGenerator(seed);
        for (int i = 0; i < count; i++)
        {
            yield return generator.Next($"generated {seed}/{i}");
        }
    }

    /// <summary>The first modules of the benchmark code base (every type shape it has) as one program.</summary>
    public static IEnumerable<SourceProgram> BenchmarkSlice()
    {
        var files = CodeBaseGenerator.Generate(1_200);
        yield return new SourceProgram("benchmark slice", files.Select(f => (f.Path, f.Text)).ToList());
    }

    /// <summary>The folder holding Analyzer.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
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
