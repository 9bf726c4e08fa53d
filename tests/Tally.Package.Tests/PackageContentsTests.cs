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
        public async Task AnalyzersPackage_HoldsOnlyTheAnalyzerAndCodeFixAssemblies_UnderAnalyzersDotnetCs()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            using ZipArchive package = ZipFile.OpenRead(packages.AnalyzersPackage);
            string[] entries = package.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            string listing = string.Join("\n", entries);

            string[] assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();
            Assert.True(
                assemblies.SequenceEqual(new[] { "analyzers/dotnet/cs/Tally.Analyzers.dll", "analyzers/dotnet/cs/Tally.CodeFixes.dll" }),
                "Expected exactly the analyzer and code fix assemblies under analyzers/dotnet/cs. Package holds:\n" + listing);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
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

        private static XElement? Child(XElement parent, string localName)
            => parent.Elements().SingleOrDefault(e => e.Name.LocalName == localName);
    }
}
