using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>
/// The analyzers that are compared: every C# analyzer of Tally's analyzer assembly, found by reflection so a new one
/// is measured without a change here, and the SDK's .NET analyzers (<c>Microsoft.CodeAnalysis.NetAnalyzers</c> and
/// <c>Microsoft.CodeAnalysis.CSharp.NetAnalyzers</c>) loaded from the installed SDK, which every build runs.
/// </summary>
public static class AnalyzerSets
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_sdk = new(LoadSdk);

    /// <summary>A new instance of every Tally analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Tally() => FromAssembly(typeof(NonAtomicUpdateAnalyzer).Assembly);

    /// <summary>The SDK's .NET analyzers (one instance per process: they are stateless across compilations).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Sdk => s_sdk.Value;

    /// <summary>
    /// Every analyzer of another build of Tally's analyzer assembly (say, main's), loaded in a context of its own so it
    /// can sit beside this one in the same run: the same-run baseline for a change.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> FromOtherBuild(string path)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("Tally baseline " + Path.GetFullPath(path));
        return FromAssembly(context.LoadFromAssemblyPath(Path.GetFullPath(path)));
    }

    /// <summary>The folder of the SDK's analyzer assemblies, or null when no SDK is found.</summary>
    public static string? FindSdkAnalyzerDirectory()
    {
        foreach (string root in DotNetRoots())
        {
            string sdks = Path.Combine(root, "sdk");
            if (!Directory.Exists(sdks))
            {
                continue;
            }

            foreach (string sdk in Directory.GetDirectories(sdks).OrderByDescending(d => ParseVersion(Path.GetFileName(d))))
            {
                string candidate = Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers");
                if (File.Exists(Path.Combine(candidate, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Candidate dotnet roots, the running runtime's first.</summary>
    public static IEnumerable<string> DotNetRoots()
    {
        string? variable = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(variable))
        {
            yield return variable;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        string? runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        string? root = runtime is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        if (root is not null)
        {
            yield return root;
        }

        yield return "/usr/share/dotnet";
        yield return "/usr/lib/dotnet";
    }

    /// <summary>A new instance of every concrete C# <see cref="DiagnosticAnalyzer"/> type in <paramref name="assembly"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> FromAssembly(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Fixer types need assemblies the host may lack (System.Composition); analyzers load without them.
            types = e.Types;
        }

        return types
            .Where(t => t is { IsAbstract: false } && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t!.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t!.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t!)!)
            .ToImmutableArray();
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadSdk()
    {
        string directory = FindSdkAnalyzerDirectory()
            ?? throw new InvalidOperationException("No SDK with Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll found under " + string.Join(", ", DotNetRoots()));
        var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (string name in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
        {
            builder.AddRange(FromAssembly(Assembly.LoadFrom(Path.Combine(directory, name))));
        }

        return builder.ToImmutable();
    }

    private static Version ParseVersion(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash >= 0 ? text.Substring(0, dash) : text, out Version? version) ? version : new Version(0, 0);
    }
}
