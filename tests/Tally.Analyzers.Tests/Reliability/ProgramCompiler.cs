using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.Analyzers.Tests.Verification;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>A program under test: its files and how it is compiled.</summary>
/// <param name="Name">Where it comes from (corpus case, sample, generated program and seed).</param>
/// <param name="Files">Its source files, by path.</param>
/// <param name="Kind">Library, or console application for top-level statements.</param>
internal sealed record SourceProgram(string Name, IReadOnlyList<(string Path, string Text)> Files, OutputKind Kind = OutputKind.DynamicallyLinkedLibrary)
{
    public override string ToString() => Name;
}

/// <summary>
/// Compiles programs against the .NET and ASP.NET Core reference packs and the Tally runtime library (its counters
/// and annotations, which some fixes and rules use), latest language version, nullable on.
/// </summary>
internal static class ProgramCompiler
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(SourceProgram program)
        => Compile(program.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)), program.Kind);

    /// <summary>Every reference a program compiles against.</summary>
    public static IEnumerable<MetadataReference> References => ReferencePacks.Web.Add(TallyLibrary.Reference);

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, OutputKind kind)
        => CSharpCompilation.Create(
            "FuzzProgram",
            trees,
            References,
            CompilationOptions(kind));

    public static CSharpCompilationOptions CompilationOptions(OutputKind kind)
        => new(kind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>The compiler's errors (not warnings).</summary>
    public static List<Diagnostic> Errors(Compilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
