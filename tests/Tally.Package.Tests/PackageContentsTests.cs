using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>What `dotnet pack` puts into the two packages.</summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class PackageContentsTests
    {
        private readonly EndToEndFixture _fixture;

        public PackageContentsTests(EndToEndFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task AnalyzersPackage_HoldsTheAnalyzersAloneForRoslyn48_AndAnalyzersWithFixesForRoslyn414()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            using ZipArchive package = ZipFile.OpenRead(packages.AnalyzersPackage);
            string[] entries = package.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            string listing = string.Join("\n", entries);

            string[] assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && e.StartsWith("analyzers/", StringComparison.Ordinal)).ToArray();
            Assert.True(
                assemblies.SequenceEqual(new[]
                {
                    "analyzers/dotnet/roslyn4.14/cs/Tally.Analyzers.dll",
                    "analyzers/dotnet/roslyn4.14/cs/Tally.CodeFixes.dll",
                    "analyzers/dotnet/roslyn4.8/cs/Tally.Analyzers.dll",
                }),
                "Expected the analyzers alone under roslyn4.8/cs and analyzers with fixes under roslyn4.14/cs. Package holds:\n" + listing);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AnalyzersPackage_CarriesTheFixOnBuildTargetsAndProgram()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            using ZipArchive package = ZipFile.OpenRead(packages.AnalyzersPackage);
            string[] entries = package.Entries.Select(e => e.FullName).ToArray();

            foreach (string expected in new[]
            {
                "build/Tally.Analyzers.props",
                "build/Tally.Analyzers.targets",
                "buildMultiTargeting/Tally.Analyzers.props",
                "buildMultiTargeting/Tally.Analyzers.targets",
                "tools/fix-on-build/Tally.FixOnBuild.dll",
                "tools/fix-on-build/Tally.FixOnBuild.runtimeconfig.json",
                "tools/fix-on-build/Tally.Analyzers.dll",
                "tools/fix-on-build/Tally.CodeFixes.dll",
                "tools/fix-on-build/Microsoft.CodeAnalysis.CSharp.Workspaces.dll",
            })
            {
                Assert.Contains(expected, entries);
            }

            Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith(".pdb", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AnalyzersPackage_CarriesTheSameAnalyzerAssemblyInBothRoslynFolders()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            using ZipArchive package = ZipFile.OpenRead(packages.AnalyzersPackage);
            byte[] older = ReadAll(package.GetEntry("analyzers/dotnet/roslyn4.8/cs/Tally.Analyzers.dll")!);
            byte[] newer = ReadAll(package.GetEntry("analyzers/dotnet/roslyn4.14/cs/Tally.Analyzers.dll")!);
            Assert.True(older.AsSpan().SequenceEqual(newer), "The two Tally.Analyzers.dll copies differ: one folder was built differently.");
        }

        [Fact]
        public async Task AnalyzersPackage_IsADevelopmentDependency_WithNoDependencies()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            XElement metadata = ReadNuspecMetadata(packages.AnalyzersPackage, "Tally.Analyzers.nuspec");

            Assert.Equal("Tally.Analyzers", Child(metadata, "id")?.Value);
            Assert.Equal(packages.Version, Child(metadata, "version")?.Value);
            Assert.Equal("true", Child(metadata, "developmentDependency")?.Value);
            Assert.True(
                !metadata.Descendants().Any(e => e.Name.LocalName == "dependency"),
                "Tally.Analyzers must not pass dependencies (Roslyn) on to consumers:\n" + metadata);
        }

        [Fact]
        public async Task RuntimePackage_HoldsTheLibraryForBothTargetFrameworks()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            using ZipArchive package = ZipFile.OpenRead(packages.RuntimePackage);
            string[] entries = package.Entries.Select(e => e.FullName).ToArray();

            Assert.Contains("lib/netstandard2.0/Tally.dll", entries);
            Assert.Contains("lib/net8.0/Tally.dll", entries);
            Assert.DoesNotContain(entries, e => e.Contains("Tally.Analyzers", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task RuntimePackage_DependsOnTheSameVersionOfTheAnalyzers_WithTheAnalyzersAssetFlowing()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            XElement metadata = ReadNuspecMetadata(packages.RuntimePackage, "Tally.nuspec");

            XElement[] groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToArray();
            Assert.True(groups.Length == 2, "Expected a dependency group per target framework:\n" + metadata);
            foreach (XElement group in groups)
            {
                XElement? dependency = group.Elements().SingleOrDefault(
                    e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Tally.Analyzers");
                Assert.True(dependency is not null, "No Tally.Analyzers dependency in:\n" + group);
                Assert.Equal(packages.Version, (string?)dependency!.Attribute("version"));

                string exclude = (string?)dependency.Attribute("exclude") ?? string.Empty;
                Assert.True(
                    !exclude.Contains("Analyzers", StringComparison.OrdinalIgnoreCase),
                    "The analyzers asset must flow to consumers of Tally, but the dependency excludes it:\n" + dependency);
                string include = (string?)dependency.Attribute("include") ?? "All";
                Assert.True(
                    include.Contains("All", StringComparison.OrdinalIgnoreCase) || include.Contains("Analyzers", StringComparison.OrdinalIgnoreCase),
                    "The dependency does not include the analyzers asset:\n" + dependency);
            }
        }

        private static XElement ReadNuspecMetadata(string packagePath, string nuspecName)
        {
            using ZipArchive package = ZipFile.OpenRead(packagePath);
            ZipArchiveEntry? nuspec = package.GetEntry(nuspecName);
            Assert.True(nuspec is not null, $"{Path.GetFileName(packagePath)} has no {nuspecName}.");
            using Stream stream = nuspec!.Open();
            XDocument document = XDocument.Load(stream);
            return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        private static byte[] ReadAll(ZipArchiveEntry entry)
        {
            using Stream stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        private static XElement? Child(XElement parent, string localName)
            => parent.Elements().SingleOrDefault(e => e.Name.LocalName == localName);
    }
}
