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
    /// TallyFixOnBuild as a user meets it: a fresh project that installs the packed Tally.Analyzers package and builds
    /// with -p:TallyFixOnBuild=true gets its racy sources rewritten before they are compiled.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class FixOnBuildTests
    {
        private const string RacyCounters = """
            namespace Consumer
            {
                public static class Hits
                {
                    private static int s_count;
                    private static long s_total;

                    public static int Count => s_count;

                    public static long Total => s_total;

                    public static void Record(int size)
                    {
                        s_count++;
                        s_total += size;
                    }
                }
            }
            """;

        private const string EntryPoint = """
            System.Threading.Tasks.Parallel.For(0, 200_000, _ => Consumer.Hits.Record(3));
            System.Console.WriteLine($"count {Consumer.Hits.Count} total {Consumer.Hits.Total}");
            """;

        private static readonly Regex s_fixedLine = new(@"Tally fixed (?<file>[^\s(]+)\((?<line>\d+)\): (?<what>.*)$", RegexOptions.Multiline);

        private readonly EndToEndFixture _fixture;

        public FixOnBuildTests(EndToEndFixture fixture) => _fixture = fixture;

        [Fact]
        public async Task BuildWithTallyFixOnBuild_RewritesTheSources_CompilesWithoutTallyWarnings_CountsExactly_AndIsIdempotent()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            ConsumerProject consumer = ConsumerProject.Create(
                Path.Combine(_fixture.Temp.Path, "consumer-fix-on-build"), packages, "Tally.Analyzers",
                ("Hits.cs", RacyCounters), ("Program.cs", EntryPoint));
            string hits = Path.Combine(consumer.Directory, "Hits.cs");

            // A design-time build (the IDE's) and a build without the property never write.
            DotNetResult designTime = await BuildAsync(consumer, "-p:TallyFixOnBuild=true", "-p:DesignTimeBuild=true");
            Assert.True(designTime.ExitCode == 0, "The design-time build failed:\n" + designTime.Describe());
            Assert.Equal(RacyCounters, File.ReadAllText(hits));
            DotNetResult unset = await BuildAsync(consumer);
            Assert.True(unset.ExitCode == 0, "The build without TallyFixOnBuild failed:\n" + unset.Describe());
            Assert.Equal(RacyCounters, File.ReadAllText(hits));
            Assert.NotEmpty(BuildDiagnostic.Parse(unset.Output, consumer.Directory));

            DotNetResult build = await BuildAsync(consumer, "-p:TallyFixOnBuild=true");
            Assert.True(build.ExitCode == 0, "The build with TallyFixOnBuild failed:\n" + build.Describe());
            string fixedText = File.ReadAllText(hits);
            Assert.Contains("Interlocked.Increment(ref s_count);", fixedText, StringComparison.Ordinal);
            Assert.Contains("Interlocked.Add(ref s_total, size);", fixedText, StringComparison.Ordinal);
            Assert.DoesNotContain("s_count++", fixedText, StringComparison.Ordinal);
            Assert.True(
                BuildDiagnostic.Parse(build.Output, consumer.Directory).Count == 0,
                "Tally still warns in the build that fixed the sources:\n" + build.Describe());

            // One build message per fixed update: file, line (of the original), rule and what was done.
            int countLine = LineOf(RacyCounters, "s_count++;");
            int totalLine = LineOf(RacyCounters, "s_total += size;");
            var messages = s_fixedLine.Matches(build.Output).Select(m => (File: m.Groups["file"].Value, Line: int.Parse(m.Groups["line"].Value), What: m.Groups["what"].Value)).ToList();
            Assert.Contains(messages, m => m.File == "Hits.cs" && m.Line == countLine && m.What.Contains("TALLY003") && m.What.Contains("s_count++; -> Interlocked.Increment(ref s_count);"));
            Assert.Contains(messages, m => m.File == "Hits.cs" && m.Line == totalLine && m.What.Contains("TALLY003") && m.What.Contains("-> Interlocked.Add(ref s_total, size);"));

            DotNetResult run = await DotNetCli.RunAsync(consumer.Directory, EndToEndFixture.CommandTimeout, "run", "--project", consumer.ProjectFile, "--no-build");
            Assert.True(run.ExitCode == 0, "The fixed consumer did not run:\n" + run.Describe());
            Assert.Contains("count 200000 total 600000", run.Output, StringComparison.Ordinal);

            // A second build finds nothing to do and writes nothing; so does a run forced by a newer source.
            // The program is not even started: it touches its stamp on every run.
            DateTime written = File.GetLastWriteTimeUtc(hits);
            string stamp = Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "tally-fix-on-build.stamp");
            DateTime stamped = File.GetLastWriteTimeUtc(stamp);
            DotNetResult second = await BuildAsync(consumer, "-p:TallyFixOnBuild=true");
            Assert.True(second.ExitCode == 0, "The second build failed:\n" + second.Describe());
            Assert.DoesNotContain("Tally fixed", second.Output, StringComparison.Ordinal);
            Assert.Equal(written, File.GetLastWriteTimeUtc(hits));
            Assert.Equal(stamped, File.GetLastWriteTimeUtc(stamp));

            File.SetLastWriteTimeUtc(Path.Combine(consumer.Directory, "Program.cs"), DateTime.UtcNow);
            DotNetResult third = await BuildAsync(consumer, "-p:TallyFixOnBuild=true");
            Assert.True(third.ExitCode == 0, "The third build failed:\n" + third.Describe());
            Assert.DoesNotContain("Tally fixed", third.Output, StringComparison.Ordinal);
            Assert.Equal(fixedText, File.ReadAllText(hits));
            Assert.Equal(written, File.GetLastWriteTimeUtc(hits));
        }

        [Fact]
        public async Task SolutionBuild_OfAMultiTargetingProjectWithCentralPackageManagement_FixesOnce_AndLeavesWhatItMustNotTouch()
        {
            PackedPackages packages = await _fixture.GetPackagesAsync();
            string root = Path.Combine(_fixture.Temp.Path, "solution-fix-on-build");
            string project = Path.Combine(root, "App");
            string shared = Path.Combine(root, "Shared");
            Directory.CreateDirectory(project);
            Directory.CreateDirectory(shared);

            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="tally-test-feed" value="{packages.FeedDirectory}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), $"""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Tally.Analyzers" Version="{packages.Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                    <RestorePackagesPath>{Path.Combine(root, "packages")}</RestorePackagesPath>
                    <TallyFixOnBuild>true</TallyFixOnBuild>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Tally.Analyzers" PrivateAssets="all" />
                    <Compile Include="../Shared/Linked.cs" Link="Linked.cs" />
                  </ItemGroup>
                </Project>
                """);
            var untouched = new Dictionary<string, string>
            {
                // Turned off in .editorconfig: not fixed, not reported.
                [Path.Combine(project, "Off.cs")] = "static class Off { static int s_off; public static void Hit() => s_off++; }\n",
                // No exact fix (decimal): the warning stays.
                [Path.Combine(project, "NoFix.cs")] = "static class NoFix { static decimal s_amount; public static void Add() => s_amount += 1.5m; }\n",
                // Generated: never analysed, never written.
                [Path.Combine(project, "Model.g.cs")] = "// <auto-generated/>\nstatic class Model { static int s_hits; public static void Hit() => s_hits++; }\n",
                // Linked from outside the project folder: reported, never written.
                [Path.Combine(shared, "Linked.cs")] = "static class Linked { static int s_hits; public static void Hit() => s_hits++; }\n",
            };
            foreach ((string path, string text) in untouched)
            {
                File.WriteAllText(path, text);
            }

            File.WriteAllText(Path.Combine(project, "Counter.cs"), "static class Counter { static int s_hits; public static void Hit() => s_hits++; }\n");
            // Statics written from ordinary calls only are inferred (hidden by default): this solution shows inferred findings
            // as warnings, for the linked file outside the project folder too.
            File.WriteAllText(Path.Combine(root, ".editorconfig"), "root = true\n\n[*.cs]\ntally.inferred_severity = warning\n");
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "[Off.cs]\ndotnet_diagnostic.TALLY004.severity = none\n");

            DotNetResult newSolution = await DotNetCli.RunAsync(root, EndToEndFixture.CommandTimeout, "new", "sln", "-n", "Consumer", "--format", "sln");
            Assert.True(newSolution.ExitCode == 0, newSolution.Describe());
            DotNetResult add = await DotNetCli.RunAsync(root, EndToEndFixture.CommandTimeout, "sln", "Consumer.sln", "add", Path.Combine("App", "App.csproj"));
            Assert.True(add.ExitCode == 0, add.Describe());

            DotNetResult build = await DotNetCli.RunAsync(root, EndToEndFixture.CommandTimeout, "build", "Consumer.sln", "-tl:off");
            Assert.True(build.ExitCode == 0, "The solution did not build:\n" + build.Describe());

            Assert.Contains("Interlocked.Increment(ref s_hits)", File.ReadAllText(Path.Combine(project, "Counter.cs")), StringComparison.Ordinal);
            Assert.Single(s_fixedLine.Matches(build.Output), m => m.Groups["file"].Value == "Counter.cs");

            // Fixed once, by the outer build through the first target framework; the other inner build did not run it.
            Assert.True(File.Exists(Path.Combine(project, "obj", "Debug", "net8.0", "tally-fix-on-build.stamp")), "The net8.0 inner build did not fix:\n" + build.Describe());
            Assert.False(File.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "tally-fix-on-build.stamp")), "The net10.0 inner build ran the fix again:\n" + build.Describe());
            foreach ((string path, string text) in untouched)
            {
                Assert.True(File.ReadAllText(path) == text, $"{Path.GetFileName(path)} was written:\n{File.ReadAllText(path)}\n\n{build.Describe()}");
            }

            IReadOnlyList<BuildDiagnostic> left = BuildDiagnostic.Parse(build.Output, project);
            Assert.Equal(
                new[] { new BuildDiagnostic("../Shared/Linked.cs", 1, "TALLY004"), new BuildDiagnostic("NoFix.cs", 1, "TALLY004") },
                left);
        }

        private static Task<DotNetResult> BuildAsync(ConsumerProject consumer, params string[] properties)
            => DotNetCli.RunAsync(
                consumer.Directory, EndToEndFixture.CommandTimeout,
                new[] { "build", consumer.ProjectFile, "-tl:off" }.Concat(properties).ToArray());

        private static int LineOf(string text, string fragment)
            => text.Split('\n').ToList().FindIndex(l => l.Contains(fragment, StringComparison.Ordinal)) + 1;
    }
}
