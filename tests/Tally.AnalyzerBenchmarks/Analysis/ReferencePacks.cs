using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>
/// The installed SDK's reference assemblies (<c>Microsoft.NETCore.App.Ref</c> and <c>Microsoft.AspNetCore.App.Ref</c>,
/// highest version), loaded once: a generated code base compiles against them as a web project would.
/// </summary>
public static class ReferencePacks
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_core = new(() => Load("Microsoft.NETCore.App.Ref"));

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_web = new(() =>
        s_core.Value.AddRange(Load("Microsoft.AspNetCore.App.Ref")));

    /// <summary>The .NET reference assemblies alone (the real-code scans compile against these).</summary>
    public static ImmutableArray<MetadataReference> Core => s_core.Value;

    /// <summary>The .NET and ASP.NET Core reference assemblies.</summary>
    public static ImmutableArray<MetadataReference> Web => s_web.Value;

    private static ImmutableArray<MetadataReference> Load(string pack)
    {
        foreach (string root in AnalyzerSets.DotNetRoots())
        {
            string packDirectory = Path.Combine(root, "packs", pack);
            if (!Directory.Exists(packDirectory))
            {
                continue;
            }

            string? refDirectory = Directory.GetDirectories(packDirectory)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "ref"))
                .Where(Directory.Exists)
                .SelectMany(r => Directory.GetDirectories(r, "net*"))
                .FirstOrDefault(d => Directory.GetFiles(d, "*.dll").Length > 0);
            if (refDirectory is not null)
            {
                return Directory.GetFiles(refDirectory, "*.dll")
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                    .ToImmutableArray();
            }
        }

        throw new InvalidOperationException($"Reference pack {pack} not found under {string.Join(", ", AnalyzerSets.DotNetRoots())}.");
    }
}
