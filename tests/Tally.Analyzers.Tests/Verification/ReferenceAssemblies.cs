using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Real reference assemblies for test compilations, resolved offline and loaded once (tests run in parallel):
/// the installed SDK's reference packs under the dotnet root, and the NETStandard.Library 2.0.3 package.
/// </summary>
internal static class ReferenceAssemblies
{
    private const string NetCorePack = "Microsoft.NETCore.App.Ref";
    private const string AspNetCorePack = "Microsoft.AspNetCore.App.Ref";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net = new(() => Load(FindPackRefDirectory(NetCorePack)));
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_aspNetCore = new(() => Load(FindPackRefDirectory(AspNetCorePack)));
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_netStandard20 = new(() => Load(FindNetStandard20Directory()));

    /// <summary>The installed SDK's highest <c>Microsoft.NETCore.App.Ref</c> pack.</summary>
    public static ImmutableArray<MetadataReference> Net => s_net.Value;

    /// <summary>The installed SDK's highest <c>Microsoft.AspNetCore.App.Ref</c> pack (without the NETCore assemblies).</summary>
    public static ImmutableArray<MetadataReference> AspNetCore => s_aspNetCore.Value;

    /// <summary>The NETStandard.Library 2.0.3 reference assemblies (netstandard.dll and its facades).</summary>
    public static ImmutableArray<MetadataReference> NetStandard20 => s_netStandard20.Value;

    /// <summary>The references for <paramref name="options"/>, without <see cref="TestOptions.AdditionalReferences"/>.</summary>
    public static ImmutableArray<MetadataReference> For(TestOptions options)
    {
        switch (options.TargetFramework)
        {
            case TestTargetFramework.Net:
                return options.AspNetCore ? Net.AddRange(AspNetCore) : Net;
            case TestTargetFramework.NetStandard20:
                if (options.AspNetCore)
                {
                    throw new VerificationException("TestOptions.AspNetCore needs TargetFramework = Net.");
                }

                return NetStandard20;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.TargetFramework, "Unknown target framework.");
        }
    }

    /// <summary>Candidate dotnet roots, most specific first.</summary>
    internal static IEnumerable<string> DotNetRootCandidates()
    {
        foreach (string variable in new[] { "DOTNET_ROOT", "DOTNET_ROOT_X64" })
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                yield return value;
            }
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        string? runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        string? root = runtimeDirectory is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory));
        if (root is not null)
        {
            yield return root;
        }

        yield return "/usr/share/dotnet";
        yield return "/usr/lib/dotnet";
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet");
    }

    /// <summary><c>packs/&lt;pack&gt;/&lt;highest version&gt;/ref/&lt;highest net*&gt;</c> under the first dotnet root that has the pack.</summary>
    internal static string FindPackRefDirectory(string pack)
    {
        var tried = new List<string>();
        foreach (string root in DotNetRootCandidates())
        {
            string packDirectory = Path.Combine(root, "packs", pack);
            tried.Add(packDirectory);
            if (!Directory.Exists(packDirectory))
            {
                continue;
            }

            foreach (string versionDirectory in Directory.GetDirectories(packDirectory).OrderByDescending(d => ParseVersion(Path.GetFileName(d))))
            {
                string refRoot = Path.Combine(versionDirectory, "ref");
                if (!Directory.Exists(refRoot))
                {
                    continue;
                }

                string? best = Directory.GetDirectories(refRoot, "net*")
                    .Where(d => Directory.GetFiles(d, "*.dll").Length > 0)
                    .OrderByDescending(d => ParseVersion(Path.GetFileName(d).Substring(3)))
                    .FirstOrDefault();
                if (best is not null)
                {
                    return best;
                }
            }
        }

        throw new InvalidOperationException($"No reference pack {pack} found; looked in: {string.Join(", ", tried)}.");
    }

    private static string FindNetStandard20Directory()
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "refs", "netstandard2.0");
        if (File.Exists(Path.Combine(copied, "netstandard.dll")))
        {
            return copied;
        }

        string? packagePath = typeof(ReferenceAssemblies).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NETStandardLibraryRefPath")?.Value;
        if (packagePath is not null && File.Exists(Path.Combine(packagePath, "netstandard.dll")))
        {
            return packagePath;
        }

        throw new InvalidOperationException($"NETStandard.Library 2.0.3 reference assemblies not found in {copied} or {packagePath ?? "(no NETStandardLibraryRefPath metadata)"}.");
    }

    private static Version ParseVersion(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        string numeric = dash >= 0 ? text.Substring(0, dash) : text;
        return Version.TryParse(numeric, out Version? version) ? version : new Version(0, 0);
    }

    private static ImmutableArray<MetadataReference> Load(string directory) =>
        Directory.GetFiles(directory, "*.dll")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
}
