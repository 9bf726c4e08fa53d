using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>
    /// The user's real path: install a package from a local folder into a fresh project outside the repository,
    /// build it and see the warning, run `dotnet format analyzers` and find the fixed code on disk.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class PackageInstallTests
    {
        private const string RacyCounter = """
            namespace Consumer
            {
                public static class Hits
                {
                    private static int s_count;

                    public static int Count => s_count;

                    public static void Record()
                    {
                        s_count++;
                    }
                }
            }
            """;

        private const string EntryPoint = """
            System.Threading.Tasks.Parallel.For(0, 1000, _ => Consumer.Hits.Record());
            System.Console.WriteLine(Consumer.Hits.Count);
            """;

        private static readonly Regex s_racyLine = new(@"^\s*s_count\+\+;", RegexOptions.Multiline);

        private readonly EndToEndFixture _fixture;

        public PackageInstallTests(EndToEndFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task InstalledAnalyzersPackage_WarnsOnBuild_AndDotnetFormatAppliesTheFix()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            ConsumerProject consumer = ConsumerProject.Create(
                Path.Combine(_fixture.Temp.Path, "consumer-analyzers"), packages, "Tally.Analyzers",
                ("Hits.cs", RacyCounter), ("Program.cs", EntryPoint));

            DotNetResult build = await BuildAsync(consumer);
            Assert.True(build.ExitCode == 0, "The consumer did not build:\n" + build.Describe());
            AssertWarnsAboutTheCounter(consumer, build);

            DotNetResult format = await DotNetCli.RunAsync(
                consumer.Directory, EndToEndFixture.CommandTimeout,
                "format", "analyzers", consumer.ProjectFile, "--diagnostics", "TALLY003", "--severity", "warn", "-v", "detailed");
            Assert.True(format.ExitCode == 0, "dotnet format analyzers failed:\n" + format.Describe());

            string fixedText = File.ReadAllText(Path.Combine(consumer.Directory, "Hits.cs"));
            Assert.True(
                fixedText.Contains("Interlocked.Increment(ref s_count)") && !s_racyLine.IsMatch(fixedText),
                "dotnet format analyzers did not rewrite the update to Interlocked.Increment. Hits.cs now reads:\n"
                + fixedText + "\n\n" + format.Describe());

            DotNetResult rebuild = await BuildAsync(consumer);
            Assert.True(rebuild.ExitCode == 0, "The fixed consumer does not build:\n" + rebuild.Describe());
            Assert.True(
                BuildDiagnostic.Parse(rebuild.Output, consumer.Directory).Count == 0,
                "Tally still warns after the fix:\n" + rebuild.Describe());
        }

        [Fact]
        public async Task InstalledRuntimePackage_BringsTheAnalyzersTransitively()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            ConsumerProject consumer = ConsumerProject.Create(
                Path.Combine(_fixture.Temp.Path, "consumer-runtime"), packages, "Tally",
                ("Hits.cs", RacyCounter), ("Program.cs", EntryPoint));

            DotNetResult build = await BuildAsync(consumer);
            Assert.True(build.ExitCode == 0, "The consumer did not build:\n" + build.Describe());
            AssertWarnsAboutTheCounter(consumer, build);
        }

        private static Task<DotNetResult> BuildAsync(ConsumerProject consumer)
            => DotNetCli.RunAsync(consumer.Directory, EndToEndFixture.CommandTimeout, "build", consumer.ProjectFile, "--no-incremental", "-tl:off");

        private static void AssertWarnsAboutTheCounter(ConsumerProject consumer, DotNetResult build)
        {
            int racyLine = RacyCounter.Split('\n').ToList().FindIndex(l => s_racyLine.IsMatch(l)) + 1;
            var expected = new BuildDiagnostic("Hits.cs", racyLine, "TALLY003");
            var actual = BuildDiagnostic.Parse(build.Output, consumer.Directory);
            Assert.True(
                actual.SequenceEqual(new[] { expected }),
                $"Expected exactly {expected}; the build reported [{string.Join(", ", actual)}]:\n{build.Describe()}");
        }
    }
}
