using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// The runtime library <c>Tally</c> (src/Tally) as a metadata reference for test projects, so that tests see exactly
/// what a user who references the package sees. It is compiled once per test run from the repository's sources
/// (no project reference: the test assembly must not load the library or its analyzer package itself) and written
/// to a file, which <see cref="CompiledSources"/> loads when compiled test code needs it.
/// </summary>
public static class TallyLibrary
{
    private static readonly Lazy<PortableExecutableReference> s_reference = new(Build);

    /// <summary>A reference to the compiled library (assembly name <c>Tally</c>); add it to <see cref="TestOptions.AdditionalReferences"/>.</summary>
    public static MetadataReference Reference => s_reference.Value;

    /// <summary>Test options that reference the library, based on <paramref name="options"/> (default options when null).</summary>
    public static TestOptions With(TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        return new TestOptions
        {
            LanguageVersion = options.LanguageVersion,
            TargetFramework = options.TargetFramework,
            AspNetCore = options.AspNetCore,
            EditorConfig = options.EditorConfig,
            CheckOverflow = options.CheckOverflow,
            AdditionalSources = options.AdditionalSources,
            AdditionalReferences = options.AdditionalReferences.Append(Reference).ToList(),
            AdditionalProjects = options.AdditionalProjects,
            AllowedCompilerDiagnostics = options.AllowedCompilerDiagnostics,
            CodeActionIndex = options.CodeActionIndex,
            DefaultDiagnosticId = options.DefaultDiagnosticId,
            OutputKind = options.OutputKind,
        };
    }

    private static PortableExecutableReference Build()
    {
        string root = RepositoryRoot();
        string sourceDirectory = Path.Combine(root, "src", "Tally");
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, preprocessorSymbols: new[] { "NET8_0_OR_GREATER" });
        var trees = Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), Encoding.UTF8), parse, path))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "Tally",
            trees,
            ReferenceAssemblies.Net,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        string directory = Path.Combine(Path.GetTempPath(), $"tally-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "Tally.dll");
        using (var output = File.Create(path))
        {
            var result = compilation.Emit(output);
            if (!result.Success)
            {
                throw new VerificationException(
                    "The Tally library (src/Tally) does not compile for the tests:\n"
                    + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
        }

        return MetadataReference.CreateFromFile(path);
    }

    /// <summary>The repository root: the nearest folder above the test output that holds Analyzer.sln.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new VerificationException($"No Analyzer.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
