using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>
    /// Which Tally assemblies the SDK hands to the compiler, by compiler version. The SDK picks the analyzers of the
    /// highest analyzers/dotnet/roslynX.Y folder not above its compiler's version (CompilerApiVersion, e.g. roslyn4.8
    /// for the .NET 8 SDK); setting the property simulates an older compiler with the SDK that is installed.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class RoslynVersionFolderTests
    {
        private readonly EndToEndFixture _fixture;

        public RoslynVersionFolderTests(EndToEndFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task TheCompiler_GetsTheAssembliesOfTheHighestRoslynFolderNotAboveItsVersion()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            ConsumerProject consumer = ConsumerProject.Create(
                Path.Combine(_fixture.Temp.Path, "consumer-roslyn-folders"), packages, "Tally.Analyzers",
                ("Program.cs", "System.Console.WriteLine();"));
            DotNetResult restore = await DotNetCli.RunAsync(consumer.Directory, EndToEndFixture.CommandTimeout, "restore", consumer.ProjectFile, "-tl:off");
            Assert.True(restore.ExitCode == 0, "The consumer did not restore:\n" + restore.Describe());

            var cases = new (string CompilerApiVersion, string Folder, string[] Assemblies)[]
            {
                ("roslyn4.8", "roslyn4.8", new[] { "Tally.Analyzers.dll" }),       // .NET 8 SDK
                ("roslyn4.13", "roslyn4.8", new[] { "Tally.Analyzers.dll" }),      // .NET 9 SDK before 9.0.300
                ("roslyn4.14", "roslyn4.14", new[] { "Tally.Analyzers.dll", "Tally.CodeFixes.dll" }),
                ("roslyn5.0", "roslyn4.14", new[] { "Tally.Analyzers.dll", "Tally.CodeFixes.dll" }),
            };
            foreach ((string compilerApiVersion, string expectedFolder, string[] expectedAssemblies) in cases)
            {
                DotNetResult resolve = await DotNetCli.RunAsync(
                    consumer.Directory, EndToEndFixture.CommandTimeout,
                    "msbuild", consumer.ProjectFile, "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer",
                    $"-p:CompilerApiVersion={compilerApiVersion}", "-tl:off");
                Assert.True(resolve.ExitCode == 0, "Resolving the analyzers failed:\n" + resolve.Describe());

                string[] tally = AnalyzerPaths(resolve.Output)
                    .Where(p => Path.GetFileName(p).StartsWith("Tally.", StringComparison.Ordinal))
                    .ToArray();
                Assert.True(
                    tally.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(expectedAssemblies),
                    $"With {compilerApiVersion} the compiler gets [{string.Join(", ", tally)}]; expected {string.Join(", ", expectedAssemblies)} from {expectedFolder}.");
                Assert.All(tally, p => Assert.Contains($"/analyzers/dotnet/{expectedFolder}/cs/", p.Replace('\\', '/'), StringComparison.Ordinal));
            }
        }

        /// <summary>The item specs of the Analyzer items in the JSON that <c>-getItem:Analyzer</c> prints.</summary>
        private static string[] AnalyzerPaths(string output)
        {
            int start = output.IndexOf('{');
            Assert.True(start >= 0, "No JSON in the output:\n" + output);
            using JsonDocument json = JsonDocument.Parse(output[start..]);
            return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
                .Select(item => item.GetProperty("FullPath").GetString() ?? item.GetProperty("Identity").GetString()!)
                .ToArray();
        }
    }
}
