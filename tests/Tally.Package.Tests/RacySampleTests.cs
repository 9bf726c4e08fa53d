using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Tally.Package.Tests.Infrastructure;
using Xunit;

namespace Tally.Package.Tests
{
    /// <summary>
    /// samples/RacySample: building it reports exactly the diagnostics its <c>// expect: ID</c> comments announce, and
    /// after `dotnet format analyzers` it computes exact counts. Runs on the fixture's copy of the repository.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class RacySampleTests
    {
        private static readonly Regex s_expectComment = new(
            @"//\s*expect:\s*(?<ids>TALLY\d{3}(?:\s*,\s*TALLY\d{3})*)", RegexOptions.CultureInvariant);

        /// <summary>
        /// An inferred finding (docs: "Certain and inferred findings"): hidden by default, which a build does not print
        /// unless <c>tally.inferred_severity</c> raises it.
        /// </summary>
        private static readonly Regex s_expectInferredComment = new(
            @"//\s*expect inferred:\s*(?<ids>TALLY\d{3}(?:\s*,\s*TALLY\d{3})*)", RegexOptions.CultureInvariant);

        private static readonly Regex s_countLine = new(
            @"expected\s+(?<expected>\d+),\s+actual\s+(?<actual>\d+)", RegexOptions.CultureInvariant);

        /// <summary>Every rule with a code fix: one `dotnet format analyzers` run over all of them must leave no Tally diagnostic.</summary>
        private static readonly string[] s_fixableIds = { "TALLY001", "TALLY002", "TALLY003", "TALLY004", "TALLY005", "TALLY006", "TALLY007" };

        private readonly EndToEndFixture _fixture;

        public RacySampleTests(EndToEndFixture fixture) => _fixture = fixture;

        private string SampleDirectory => Path.Combine(_fixture.SourceRoot, "samples", "RacySample");

        [Fact]
        public async Task BuildingTheSample_ReportsExactlyTheDiagnosticsItsCommentsExpect()
        {
            IReadOnlyList<BuildDiagnostic> expected = ExpectedDiagnostics(SampleDirectory);
            Assert.NotEmpty(expected);

            // --no-incremental: the compiler must run, since an up-to-date build prints no warnings.
            DotNetResult build = await DotNetCli.RunAsync(
                SampleDirectory, EndToEndFixture.CommandTimeout,
                "build", Path.Combine(SampleDirectory, "RacySample.csproj"), "--no-incremental", "-tl:off");
            Assert.True(build.ExitCode == 0, "The sample did not build:\n" + build.Describe());

            IReadOnlyList<BuildDiagnostic> actual = BuildDiagnostic.Parse(build.Output, SampleDirectory);
            string[] missing = expected.Except(actual).Select(d => d.ToString()).ToArray();
            string[] unexpected = actual.Except(expected).Select(d => d.ToString()).ToArray();
            Assert.True(
                missing.Length == 0 && unexpected.Length == 0,
                $"Missing: [{string.Join(", ", missing)}]\nUnexpected: [{string.Join(", ", unexpected)}]\n{build.Describe()}");
        }

        [Fact]
        public async Task WithInferredFindingsRaisedToWarnings_TheBuildAlsoReportsTheInferredFindingsItsCommentsExpect()
        {
            // A copy of the sample whose .editorconfig raises inferred findings: the hidden findings become warnings too.
            string sample = Path.Combine(_fixture.Temp.Path, "repo-raised-sample");
            CopyDirectory(_fixture.SourceRoot, sample);
            string sampleDirectory = Path.Combine(sample, "samples", "RacySample");
            File.AppendAllText(Path.Combine(sampleDirectory, ".editorconfig"), "\ntally.inferred_severity = warning\n");
            // Since the fan-out receiver rule (every race here reaches its update in code Race.OnThreads runs, through calls
            // on one shared object) the sample has no inferred finding: raised, the build must still report exactly its
            // warnings, so no hidden finding of the sample is a false alarm.
            IReadOnlyList<BuildDiagnostic> expected = ExpectedDiagnostics(sampleDirectory).Concat(ExpectedDiagnostics(sampleDirectory, s_expectInferredComment)).ToList();
            Assert.NotEmpty(expected);

            DotNetResult build = await DotNetCli.RunAsync(
                sampleDirectory, EndToEndFixture.CommandTimeout,
                "build", Path.Combine(sampleDirectory, "RacySample.csproj"), "--no-incremental", "-tl:off");
            Assert.True(build.ExitCode == 0, "The sample did not build:\n" + build.Describe());

            IReadOnlyList<BuildDiagnostic> actual = BuildDiagnostic.Parse(build.Output, sampleDirectory);
            string[] missing = expected.Except(actual).Select(d => d.ToString()).ToArray();
            string[] unexpected = actual.Except(expected).Select(d => d.ToString()).ToArray();
            Assert.True(
                missing.Length == 0 && unexpected.Length == 0,
                $"Missing: [{string.Join(", ", missing)}]\nUnexpected: [{string.Join(", ", unexpected)}]\n{build.Describe()}");
        }

        [Fact]
        public async Task TheUnfixedSample_LosesUpdatesInEveryRace()
        {
            string project = Path.Combine(SampleDirectory, "RacySample.csproj");
            DotNetResult build = await DotNetCli.RunAsync(SampleDirectory, EndToEndFixture.CommandTimeout, "build", project, "-tl:off");
            Assert.True(build.ExitCode == 0, "The sample did not build:\n" + build.Describe());

            DotNetResult run = await DotNetCli.RunAsync(SampleDirectory, EndToEndFixture.CommandTimeout, "run", "--project", project, "--no-build");
            Assert.True(run.ExitCode == 0, "The sample did not run:\n" + run.Describe());

            // Every count but the Interlocked one and the single-threaded sum is a race, and each must show a loss.
            string[] races = run.Output.Split('\n')
                .Where(l => s_countLine.IsMatch(l) && !l.Contains("(Interlocked)", StringComparison.Ordinal) && !l.Contains("single-threaded", StringComparison.Ordinal))
                .ToArray();
            Assert.True(races.Length == 5, "Expected five racy counts:\n" + run.Describe());
            string[] exact = races.Where(l => !l.Contains("LOST", StringComparison.Ordinal)).ToArray();
            Assert.True(exact.Length == 0, "These races lost no update, so the demo would lie:\n" + string.Join("\n", exact) + "\n\n" + run.Describe());
            Assert.DoesNotContain("All counts are exact.", run.Output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheFixedSample_BuildsWithoutTallyWarnings_AndCountsExactly()
        {
            // The fixture's copy is shared, so the fix is applied to a copy of the copy.
            string sample = Path.Combine(_fixture.Temp.Path, "repo-fixed-sample");
            CopyDirectory(_fixture.SourceRoot, sample);
            string sampleDirectory = Path.Combine(sample, "samples", "RacySample");
            string project = Path.Combine(sampleDirectory, "RacySample.csproj");
            // Inferred findings are hidden by default, and `dotnet format analyzers` fixes at most suggestions: show them
            // as suggestions so that --severity info fixes them too (the sample's inferred findings are races as well).
            File.AppendAllText(Path.Combine(sampleDirectory, ".editorconfig"), "\ntally.inferred_severity = suggestion\n");

            DotNetResult build = await DotNetCli.RunAsync(sampleDirectory, EndToEndFixture.CommandTimeout, "build", project, "-tl:off");
            Assert.True(build.ExitCode == 0, "The sample did not build:\n" + build.Describe());
            Assert.True(
                BuildDiagnostic.Parse(build.Output, sampleDirectory).Count > 0,
                "Tally reported nothing on the unfixed sample, so there is nothing to fix:\n" + build.Describe());

            Dictionary<string, string> before = ReadSources(sampleDirectory);
            DotNetResult format = await DotNetCli.RunAsync(
                sampleDirectory, EndToEndFixture.CommandTimeout,
                new[] { "format", "analyzers", project, "--severity", "info", "--diagnostics" }.Concat(s_fixableIds).ToArray());
            Assert.True(format.ExitCode == 0, "dotnet format analyzers failed:\n" + format.Describe());
            Dictionary<string, string> after = ReadSources(sampleDirectory);
            Assert.True(
                before.Any(file => after[file.Key] != file.Value),
                "dotnet format analyzers changed no file of the sample:\n" + format.Describe());
            // --severity info: the inferred findings (suggestions here) are races too, and the sample fixes every race.
            string[] unfixed = ExpectedDiagnostics(sampleDirectory).Concat(ExpectedDiagnostics(sampleDirectory, s_expectInferredComment))
                .Where(d => !File.ReadAllLines(Path.Combine(sampleDirectory, d.File))[d.Line - 1].Contains("Interlocked.", StringComparison.Ordinal))
                .Select(d => d.ToString())
                .ToArray();
            Assert.True(
                unfixed.Length == 0,
                $"These flagged lines do not use Interlocked after the fix: [{string.Join(", ", unfixed)}]\n{format.Describe()}");

            // One run is enough: --no-incremental (the compiler must run again, since an up-to-date build prints no
            // warnings) and not a single Tally diagnostic left.
            DotNetResult rebuild = await DotNetCli.RunAsync(
                sampleDirectory, EndToEndFixture.CommandTimeout, "build", project, "--no-incremental", "-tl:off");
            Assert.True(rebuild.ExitCode == 0, "The fixed sample does not build:\n" + rebuild.Describe());
            IReadOnlyList<BuildDiagnostic> left = BuildDiagnostic.Parse(rebuild.Output, sampleDirectory);
            Assert.True(left.Count == 0, $"Diagnostics left after the fix: [{string.Join(", ", left)}]\n{rebuild.Describe()}");

            DotNetResult run = await DotNetCli.RunAsync(sampleDirectory, EndToEndFixture.CommandTimeout, "run", "--project", project, "--no-build");
            Assert.True(run.ExitCode == 0, "The fixed sample did not run:\n" + run.Describe());
            MatchCollection counts = s_countLine.Matches(run.Output);
            Assert.True(counts.Count >= 6, "The sample printed fewer counts than it has races:\n" + run.Describe());
            Assert.True(
                counts.All(m => m.Groups["expected"].Value == m.Groups["actual"].Value),
                "After the fix every count must be exact:\n" + run.Describe());
        }

        private static Dictionary<string, string> ReadSources(string directory)
            => Directory.EnumerateFiles(directory, "*.cs", SearchOption.TopDirectoryOnly)
                .ToDictionary(path => path, File.ReadAllText, StringComparer.Ordinal);

        private static IReadOnlyList<BuildDiagnostic> ExpectedDiagnostics(string sampleDirectory, Regex? comment = null)
        {
            comment ??= s_expectComment;
            var expected = new List<BuildDiagnostic>();
            foreach (string file in Directory.EnumerateFiles(sampleDirectory, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(sampleDirectory, file).Replace('\\', '/');
                if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    Match match = comment.Match(lines[i]);
                    if (match.Success)
                    {
                        expected.AddRange(match.Groups["ids"].Value
                            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                            .Select(id => new BuildDiagnostic(relative, i + 1, id)));
                    }
                }
            }

            return expected;
        }

        private static void CopyDirectory(string source, string destination)
        {
            Directory.CreateDirectory(destination);
            foreach (string file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }

            foreach (string directory in Directory.EnumerateDirectories(source))
            {
                string name = Path.GetFileName(directory);
                if (name is not ("bin" or "obj"))
                {
                    CopyDirectory(directory, Path.Combine(destination, name));
                }
            }
        }
    }
}
