using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>The packages a test run produced: the local folder feed they are in and their version.</summary>
    public sealed record PackedPackages(string FeedDirectory, string Version, IReadOnlyList<DotNetResult> PackResults)
    {
        public string AnalyzersPackage => Path.Combine(FeedDirectory, $"Tally.Analyzers.{Version}.nupkg");

        public string RuntimePackage => Path.Combine(FeedDirectory, $"Tally.{Version}.nupkg");
    }

    /// <summary>
    /// Shared by the end-to-end tests: a copy of the repository's sources in a temp folder (so the tests never touch
    /// the bin/obj folders that other test projects may be using), and the packages packed from it, once, with a
    /// version no earlier run used.
    /// </summary>
    public sealed class EndToEndFixture : IDisposable
    {
        /// <summary>Generous limit for one restore/build/pack/format; a hang fails the test instead of the CI job.</summary>
        public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

        private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase)
        {
            ".git", ".vs", "bin", "obj", "artifacts", "tests", "TestResults", "BenchmarkDotNet.Artifacts",
        };

        /// <summary>The projects whose output the Tally.Analyzers package carries.</summary>
        private static readonly string[] s_builtByThePackageProject =
        {
            "src/Tally.Analyzers/Tally.Analyzers.csproj",
            "src/Tally.CodeFixes/Tally.CodeFixes.csproj",
            "src/Tally.FixOnBuild/Tally.FixOnBuild.csproj",
        };

        private readonly SemaphoreSlim _packLock = new(1, 1);
        private PackedPackages? _packages;

        public EndToEndFixture()
        {
            Temp = new TempDirectory("tally-e2e");
            SourceRoot = Temp.Sub("repo");
            CopySources(new DirectoryInfo(Repository.Root), SourceRoot);

            // nuget.config names this folder as a package source; restore fails if it is missing.
            Directory.CreateDirectory(Path.Combine(SourceRoot, "artifacts", "packages"));
        }

        /// <summary>The temp folder everything of this run lives in.</summary>
        public TempDirectory Temp { get; }

        /// <summary>The copy of the repository (top-level files, src/, samples/, docs/; no tests/, bin/, obj/).</summary>
        public string SourceRoot { get; }

        /// <summary>Packs Tally.Analyzers and Tally from the copy into a fresh folder, the first time it is asked.</summary>
        public async Task<PackedPackages> GetPackagesAsync()
        {
            await _packLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_packages is null)
                {
                    string version = $"0.1.0-test.g{Guid.NewGuid():N}"[..30];
                    string feed = Temp.Sub("feed");
                    var results = new List<DotNetResult>();

                    // The package project builds the analyzer projects through the MSBuild task, outside its own
                    // restore graph (see its project file), so they are restored first, as `dotnet pack Analyzer.sln` would.
                    foreach (string project in s_builtByThePackageProject)
                    {
                        DotNetResult restore = await DotNetCli.RunAsync(SourceRoot, CommandTimeout, "restore", project, "-tl:off").ConfigureAwait(false);
                        Assert.True(restore.ExitCode == 0, "dotnet restore failed:\n" + restore.Describe());
                    }

                    foreach (string project in new[] { "src/Tally.Analyzers.Package/Tally.Analyzers.Package.csproj", "src/Tally/Tally.csproj" })
                    {
                        DotNetResult pack = await DotNetCli.RunAsync(
                            SourceRoot, CommandTimeout,
                            "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-tl:off").ConfigureAwait(false);
                        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Describe());
                        results.Add(pack);
                    }

                    _packages = new PackedPackages(feed, version, results);
                }

                return _packages;
            }
            finally
            {
                _packLock.Release();
            }
        }

        public void Dispose()
        {
            _packLock.Dispose();
            Temp.Dispose();
        }

        private static void CopySources(DirectoryInfo source, string destination)
        {
            Directory.CreateDirectory(destination);
            foreach (FileInfo file in source.EnumerateFiles())
            {
                file.CopyTo(Path.Combine(destination, file.Name));
            }

            foreach (DirectoryInfo directory in source.EnumerateDirectories())
            {
                if (!s_skippedDirectories.Contains(directory.Name))
                {
                    CopySources(directory, Path.Combine(destination, directory.Name));
                }
            }
        }
    }

    /// <summary>All end-to-end tests share one fixture and run one at a time (the machine has two cores).</summary>
    [CollectionDefinition(Name)]
    public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
    {
        public const string Name = "End to end";
    }
}
