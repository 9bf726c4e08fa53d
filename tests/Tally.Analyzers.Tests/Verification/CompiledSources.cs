using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
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
    /// loads the result into its own load context. The context is not collectible: a compiled program may leave a thread
    /// or timer running that loads an assembly (the Tally library) after the test, and a collectible context being
    /// unloaded then throws on that thread and aborts the test host at shutdown (seen once in a full run).
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
        var context = new AssemblyLoadContext("Tally.Analyzers.Tests.CompiledSources", isCollectible: false);
        context.Resolving += (loadContext, name) => ResolveAdditionalReference(loadContext, name, options);
        return context.LoadFromStream(image);
    }

    /// <summary>
    /// Compiles <paramref name="source"/> as <see cref="CompileAndLoadAsync"/> does and returns what its public static
    /// method <c>typeName.methodName()</c> returns: the one way tests compile and run a program (before and after a fix).
    /// </summary>
    /// <param name="source">A plain source (no markup).</param>
    /// <param name="typeName">The full name of the type declaring the method.</param>
    /// <param name="methodName">A public static method without parameters that returns a string.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task<string> RunAsync([StringSyntax("C#-test")] string source, string typeName, string methodName, TestOptions? options = null)
    {
        Assembly assembly = await CompileAndLoadAsync(new[] { source }, options).ConfigureAwait(false);
        Type type = assembly.GetType(typeName, throwOnError: true)!;
        MethodInfo method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new VerificationException($"No method {typeName}.{methodName}.");
        try
        {
            return (string)method.Invoke(null, null)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new VerificationException($"{typeName}.{methodName} threw: {e.InnerException}");
        }
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
