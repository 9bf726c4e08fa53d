using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>TALLY008 as a user meets it in a build: each bad option is one warning, however many files it covers.</summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class ConfigurationWarningTests
    {
        private readonly EndToEndFixture _fixture;

        public ConfigurationWarningTests(EndToEndFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task MisspeltOptions_AreEachReportedOnce_WithKeyValueAndAcceptedValues()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            ConsumerProject consumer = ConsumerProject.Create(
                Path.Combine(_fixture.Temp.Path, "consumer-bad-options"), packages, "Tally.Analyzers",
                ("Program.cs", "System.Console.WriteLine(Hits.Count);"),
                ("Hits.cs", "static class Hits { public static int Count; public static void Record() => Count++; }"),
                ("More.cs", "static class More { }"),
                (".editorconfig", "root = true\n[*.cs]\ntally.evidence = statc\ntally.call_depht = 3\n"));

            string log = Path.Combine(consumer.Directory, "build.log");
            DotNetResult build = await DotNetCli.RunAsync(
                consumer.Directory, EndToEndFixture.CommandTimeout,
                "build", consumer.ProjectFile, "-tl:off", $"-flp:logfile={log};verbosity=minimal;NoSummary");
            Assert.True(build.ExitCode == 0, "The consumer did not build:\n" + build.Describe());

            string[] warnings = File.ReadAllLines(log).Where(l => l.Contains("warning TALLY008")).ToArray();
            string all = string.Join("\n", warnings);
            Assert.True(warnings.Length == 2, "Expected one TALLY008 per bad option:\n" + all + "\n\n" + build.Describe());
            Assert.Contains(warnings, w => w.Contains("'tally.evidence = statc'") && w.Contains("'statc' is not accepted") && w.Contains("synchronized_elsewhere"));
            Assert.Contains(warnings, w => w.Contains("'tally.call_depht' is not a Tally option") && w.Contains("tally.call_depth"));
        }
    }
}
