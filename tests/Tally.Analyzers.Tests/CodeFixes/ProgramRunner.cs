using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Compiles a small program with Roslyn against the running runtime's assemblies, emits it to memory, loads it into a
/// collectible <see cref="AssemblyLoadContext"/> and calls a public static method returning a string.
/// </summary>
internal static class ProgramRunner
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>Compiles <paramref name="source"/> and returns the result of <c>typeName.methodName()</c>.</summary>
    public static string Run(string source, string typeName, string methodName, bool checkOverflow = false, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(languageVersion));
        var compilation = CSharpCompilation.Create(
            "Semantic" + Guid.NewGuid().ToString("N"),
            new[] { tree },
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, checkOverflow: checkOverflow, optimizationLevel: OptimizationLevel.Release));

        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emit.Success || errors.Count > 0)
        {
            throw new InvalidOperationException("The program does not compile:\n" + string.Join("\n", errors) + "\n" + source);
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("semantic", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            var type = assembly.GetType(typeName, throwOnError: true)!;
            var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"No method {typeName}.{methodName}.");
            try
            {
                return (string)method.Invoke(null, null)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException($"{typeName}.{methodName} threw: {e.InnerException}", e.InnerException);
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
