using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>
    /// The packages as a user meets them on a package gallery: readme, icon, repository, licence, release notes, tags,
    /// and a pack that prints no package warning.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class PackageMetadataTests
    {
        private static readonly Regex s_packageWarning = new(@"\bwarning\s+[A-Z]+\d+\b", RegexOptions.CultureInvariant);

        /// <summary>Markdown links and images: <c>[text](target)</c>, <c>![alt](target)</c>, and HTML src/href attributes.</summary>
        private static readonly Regex s_linkTarget = new(
            @"\]\((?<target>[^)\s]+)[^)]*\)|\b(?:src|href)\s*=\s*[""'](?<target>[^""']+)[""']", RegexOptions.CultureInvariant);

        private readonly EndToEndFixture _fixture;

        public PackageMetadataTests(EndToEndFixture fixture) => _fixture = fixture;

        public static TheoryData<string> PackageIds() => new() { "Tally.Analyzers", "Tally" };

        [Fact]
        public async Task Packing_PrintsNoPackageWarning()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            Assert.Equal(2, packages.PackResults.Count);
            foreach (DotNetResult pack in packages.PackResults)
            {
                string[] warnings = pack.Output.Split('\n').Where(l => s_packageWarning.IsMatch(l)).ToArray();
                Assert.True(warnings.Length == 0, "dotnet pack printed warnings:\n" + string.Join("\n", warnings) + "\n\n" + pack.Describe());
            }
        }

        [Theory]
        [MemberData(nameof(PackageIds))]
        public async Task Nuspec_CarriesReadmeIconRepositoryLicenceAndReleaseNotes(string packageId)
        {
            using ZipArchive package = await OpenAsync(packageId);
            XElement metadata = NuspecMetadata(package, packageId);

            string? readme = Child(metadata, "readme")?.Value;
            Assert.False(string.IsNullOrEmpty(readme), "No <readme> in the nuspec:\n" + metadata);
            Assert.True(package.GetEntry(readme!) is { Length: > 200 }, $"The readme '{readme}' is missing from the package or nearly empty.");

            string? icon = Child(metadata, "icon")?.Value;
            Assert.False(string.IsNullOrEmpty(icon), "No <icon> in the nuspec:\n" + metadata);
            ZipArchiveEntry? iconEntry = package.GetEntry(icon!);
            Assert.True(iconEntry is not null, $"The icon '{icon}' is missing from the package.");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, ReadStart(iconEntry!, 4));

            XElement? repository = Child(metadata, "repository");
            Assert.Equal("https://github.com/tally-dotnet/tally", (string?)repository?.Attribute("url"));

            XElement? license = Child(metadata, "license");
            Assert.Equal("expression", (string?)license?.Attribute("type"));
            Assert.Equal("MIT", license?.Value);

            string releaseNotes = Child(metadata, "releaseNotes")?.Value ?? string.Empty;
            Assert.True(releaseNotes.Contains("CHANGELOG.md", StringComparison.Ordinal), "The release notes do not point to the changelog:\n" + metadata);
        }

        [Theory]
        [MemberData(nameof(PackageIds))]
        public async Task PackageReadme_RendersOnAGallery_WithAbsoluteLinksAndNoSvg(string packageId)
        {
            using ZipArchive package = await OpenAsync(packageId);
            string readme = ReadText(package.GetEntry(Child(NuspecMetadata(package, packageId), "readme")!.Value)!);

            string[] targets = s_linkTarget.Matches(readme).Select(m => m.Groups["target"].Value).ToArray();
            Assert.NotEmpty(targets);
            string[] relative = targets.Where(t => !t.StartsWith("https://", StringComparison.Ordinal)).ToArray();
            Assert.True(relative.Length == 0, "Links a gallery cannot follow (not absolute https): " + string.Join(", ", relative));
            Assert.DoesNotContain(".svg", readme, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task PackageTags_AreDistinctPerPackage()
        {
            using ZipArchive analyzers = await OpenAsync("Tally.Analyzers");
            using ZipArchive runtime = await OpenAsync("Tally");
            string[] analyzerTags = Tags(NuspecMetadata(analyzers, "Tally.Analyzers"));
            string[] runtimeTags = Tags(NuspecMetadata(runtime, "Tally"));

            Assert.Contains("analyzers", analyzerTags);
            Assert.Contains("counter", runtimeTags);
            Assert.DoesNotContain("analyzers", runtimeTags);
            Assert.DoesNotContain("counter", analyzerTags);
        }

        [Fact]
        public void LicenseFileAtTheRepositoryRoot_IsTheDeclaredMitLicence()
        {
            string path = Path.Combine(Repository.Root, "LICENSE");
            Assert.True(File.Exists(path), "No LICENSE file at the repository root.");
            string text = File.ReadAllText(path);
            Assert.StartsWith("MIT License", text, StringComparison.Ordinal);
            Assert.Contains("Permission is hereby granted, free of charge", text, StringComparison.Ordinal);

            string props = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Build.props"));
            Assert.Contains("<PackageLicenseExpression>MIT</PackageLicenseExpression>", props, StringComparison.Ordinal);
        }

        private async Task<ZipArchive> OpenAsync(string packageId)
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            return ZipFile.OpenRead(packageId == "Tally" ? packages.RuntimePackage : packages.AnalyzersPackage);
        }

        private static XElement NuspecMetadata(ZipArchive package, string packageId)
        {
            ZipArchiveEntry? nuspec = package.GetEntry(packageId + ".nuspec");
            Assert.True(nuspec is not null, $"The package has no {packageId}.nuspec.");
            using Stream stream = nuspec!.Open();
            return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        private static XElement? Child(XElement parent, string localName)
            => parent.Elements().SingleOrDefault(e => e.Name.LocalName == localName);

        private static string[] Tags(XElement metadata)
            => (Child(metadata, "tags")?.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        private static byte[] ReadStart(ZipArchiveEntry entry, int count)
        {
            using Stream stream = entry.Open();
            var buffer = new byte[count];
            stream.ReadExactly(buffer);
            return buffer;
        }

        private static string ReadText(ZipArchiveEntry entry)
        {
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }
    }
}
