using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.AnalyzerBenchmarks.Generation;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>Parses generated files into one compilation, as a library project of the latest language version.</summary>
public static class GeneratedProject
{
    /// <summary>The parse options of every generated tree.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Parses <paramref name="files"/> (in parallel) and compiles them against <see cref="ReferencePacks.Web"/>.</summary>
    public static CSharpCompilation Compile(IReadOnlyList<GeneratedFile> files, string assemblyName = "Generated")
    {
        var trees = files
            .AsParallel().AsOrdered()
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path, System.Text.Encoding.UTF8, CancellationToken.None))
            .ToList();
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            ReferencePacks.Web,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
