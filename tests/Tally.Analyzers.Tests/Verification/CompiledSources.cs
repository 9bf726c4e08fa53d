using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Compiles plain test sources (e.g. the output of
/// <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}.ApplyFixAllAsync"/>) and loads the assembly, so semantic tests can
/// run the code before and after a fix and compare what it computes.
/// </summary>
public static class CompiledSources
{
    /// <summary>
    /// Compiles <paramref name="sources"/> with the references and compilation settings of <paramref name="options"/>
    /// (overflow checks, language version, output kind), fails on any compiler error not allowed by the options, and
    /// loads the result into its own collectible load context.
    /// </summary>
    /// <param name="sources">Plain sources (no markup).</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task<Assembly> CompileAndLoadAsync(IReadOnlyList<string> sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        Project project = TestWorkspace.CreateProject(sources, options);
        Compilation compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        await AnalyzerRunner.CheckCompilesAsync(project, compilation, options, "the sources to run", default).ConfigureAwait(false);

        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new VerificationException("Emit failed:\n" + string.Join("\n", result.ErrorLines()));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("Tally.Analyzers.Tests.CompiledSources", isCollectible: true);
        context.Resolving += (loadContext, name) => ResolveAdditionalReference(loadContext, name, options);
        return context.LoadFromStream(image);
    }

    /// <summary>Loads an assembly the compiled code needs from <see cref="TestOptions.AdditionalReferences"/> that are files (e.g. <see cref="TallyLibrary"/>).</summary>
    private static Assembly? ResolveAdditionalReference(AssemblyLoadContext context, AssemblyName name, TestOptions options)
    {
        foreach (MetadataReference reference in options.AdditionalReferences)
        {
            if (reference is PortableExecutableReference { FilePath: { } path }
                && File.Exists(path)
                && string.Equals(Path.GetFileNameWithoutExtension(path), name.Name, System.StringComparison.OrdinalIgnoreCase))
            {
                return context.LoadFromAssemblyPath(path);
            }
        }

        return null;
    }

    private static IEnumerable<string> ErrorLines(this EmitResult result)
    {
        foreach (Diagnostic diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                yield return diagnostic.ToString();
            }
        }
    }
}
