using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes.CounterMigration;
using Tally.CodeFixes.NonAtomicUpdate;
using Xunit;

namespace Tally.Analyzers.Tests.CodeFixes.CounterMigration;

/// <summary>
/// samples/RacySample, compiled with a reference to the Tally library, migrates to each counter type: every flagged
/// field becomes a counter, the captured local gets the Interlocked fix, no Tally diagnostic is left, and the program
/// reports every count exact.
/// </summary>
[Collection(nameof(ConsoleOutput))]
public class RacySampleMigrationTests
{
    /// <summary>The flagged fields (JobTracker._started is already updated with Interlocked only, so it is not flagged).</summary>
    private static readonly string[] s_fields = { "s_requests", "s_failures", "_bytesReceived", "_finished" };

    [Theory]
    [InlineData(0, "AtomicCounter", true)]
    [InlineData(1, "StripedCounter", true)]
    [InlineData(0, "AtomicCounter", false)]
    [InlineData(1, "StripedCounter", false)]
    public async Task RacySample_MigratesToTheCounter_AndCountsExactly(int action, string counter, bool fixAll)
    {
        // The sample's own .editorconfig settings (tally.concurrent_methods = Race.OnThreads), as its build reads them.
        string sample = Path.Combine(TallyLibrary.RepositoryRoot(), "samples", "RacySample");
        string editorConfig = string.Join("\n", File.ReadAllLines(Path.Combine(sample, ".editorconfig")).Where(l => l.StartsWith("tally.", StringComparison.Ordinal)));
        var options = TallyLibrary.With(new TestOptions { CodeActionIndex = action, OutputKind = OutputKind.ConsoleApplication, EditorConfig = editorConfig });
        string[] sources = Directory.GetFiles(sample, "*.cs")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

        // Fix All, or the code action applied field by field as in the IDE.
        var migrated = fixAll
            ? await CodeFixVerifier<NonAtomicUpdateAnalyzer, CounterMigrationCodeFixProvider>.ApplyFixAllAsync(sources, options)
            : await CodeFixVerifier<NonAtomicUpdateAnalyzer, CounterMigrationCodeFixProvider>.ApplySingleFixesAsync(sources, options);
        string all = string.Join("\n", migrated);
        foreach (string field in s_fields)
        {
            Assert.Contains($"readonly {counter} {field} = new();", all, StringComparison.Ordinal);
        }

        // What no counter can hold (the captured local) gets the Interlocked fix.
        var interlockedOptions = TallyLibrary.With(new TestOptions { OutputKind = OutputKind.ConsoleApplication, EditorConfig = editorConfig });
        var fixedSources = await CodeFixVerifier<NonAtomicUpdateAnalyzer, NonAtomicUpdateCodeFixProvider>.ApplyFixAllAsync(migrated, interlockedOptions);
        Project project = TestWorkspace.CreateProject(fixedSources, interlockedOptions);
        var left = await AnalyzerRunner.RunAsync(project, new NonAtomicUpdateAnalyzer(), interlockedOptions, "the migrated sample");
        Assert.Empty(left);

        Assembly assembly = await CompiledSources.CompileAndLoadAsync(fixedSources, interlockedOptions);
        string output = ConsoleOutput.Capture(() => assembly.EntryPoint!.Invoke(null, assembly.EntryPoint.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() }));
        Assert.True(output.Contains("All counts are exact.", StringComparison.Ordinal), output);
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput
{
    /// <summary>Runs <paramref name="action"/> and returns what it wrote to the console.</summary>
    public static string Capture(Action action)
    {
        TextWriter original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString();
    }
}
