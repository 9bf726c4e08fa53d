using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;
using Tally.Analyzers.NonAtomicUpdate;
using Fix = Tally.Analyzers.Tests.Verification.CodeFixVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer, Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// A differential test of the fix's promise: for a matrix of field types, operators, edge values, positions, receivers,
/// overflow contexts, language versions and target frameworks, each generated update is run alone before and after Fix All
/// (the path <c>dotnet format</c> takes), and everything it records must be identical: every value the expression yielded,
/// the exception type thrown, the side effects of the index, and the final field value (floating point compared by bits).
/// Each reported update must afterwards either be atomic (no longer reported) or still be reported (no action offered);
/// the output lists the cells that got no action.
/// </summary>
public sealed class FixEquivalenceMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Configurations => new(FixEquivalenceConfiguration.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task FixedProgram_RecordsExactlyWhatTheOriginalRecords(string configurationName)
    {
        var configuration = FixEquivalenceConfiguration.All.Single(c => c.Name == configurationName);
        var cases = FixEquivalenceMatrix.Cases(configuration);
        var sources = FixEquivalenceMatrix.Sources(cases);
        TestOptions options = configuration.Options;

        var reportedBefore = await ReportedCasesAsync(sources, options);
        ImmutableArray<string> fixedSources = await Fix.ApplyFixAllAsync(sources, options);
        var reportedAfter = await ReportedCasesAsync(fixedSources, options);

        var failures = new StringBuilder();
        var notReported = cases.Where(c => !reportedBefore.Contains(c.Method)).ToList();
        var noAction = cases.Where(c => reportedBefore.Contains(c.Method) && reportedAfter.Contains(c.Method)).ToList();
        foreach (var c in cases.Where(c => !reportedBefore.Contains(c.Method) && reportedAfter.Contains(c.Method)))
        {
            failures.AppendLine($"{c.Describe()}: reported only after the fix");
        }

        int compared = 0;
        if (configuration.Runs)
        {
            var before = Run(await CompiledSources.CompileAndLoadAsync(sources, options), cases);
            var after = Run(await CompiledSources.CompileAndLoadAsync(fixedSources, options), cases);
            foreach (var c in cases)
            {
                compared++;
                if (before[c.Method] != after[c.Method])
                {
                    failures.AppendLine($"{c.Describe()}\n    before: {before[c.Method]}\n    after:  {after[c.Method]}");
                }
            }
        }

        output.WriteLine($"{configuration}: {cases.Count} cases, {cases.Count - notReported.Count} reported, " +
            $"{cases.Count - notReported.Count - noAction.Count} rewritten atomically, {noAction.Count} without action, " +
            $"{compared} run before and after (the fixed program compiled).");
        output.WriteLine("Cells with no action (still reported after Fix All):");
        foreach (var c in noAction)
        {
            output.WriteLine("  " + c.Describe());
        }

        output.WriteLine("Cells the analyzer does not report:");
        foreach (var c in notReported)
        {
            output.WriteLine("  " + c.Describe());
        }

        // With the library referenced, its methods stand in for the generated helpers (int and long *= at least).
        if (configuration.Library && !fixedSources.Any(f => f.Contains("Atomic.Multiply", StringComparison.Ordinal)))
        {
            failures.AppendLine("The Tally library is referenced, but no update was rewritten to Tally.Atomic.Multiply.");
        }

        if (failures.Length > 0)
        {
            output.WriteLine("FIXED SOURCES:\n" + string.Join("\n// ----\n", fixedSources));
            Assert.Fail("The fix changed what these updates compute:\n" + failures);
        }
    }

    /// <summary>The case methods (<c>C12</c>, or its expression-bodied helper <c>C12_eb</c>) holding a diagnostic.</summary>
    private static async Task<HashSet<string>> ReportedCasesAsync(IReadOnlyList<string> sources, TestOptions options)
    {
        var withAll = new TestOptions
        {
            TargetFramework = options.TargetFramework,
            LanguageVersion = options.LanguageVersion,
            CheckOverflow = options.CheckOverflow,
            AdditionalSources = sources.Skip(1).ToList(),
            AdditionalReferences = options.AdditionalReferences,
        };
        var diagnostics = await AnalyzerVerifier<NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(sources[0], withAll);
        var methods = new HashSet<string>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            SyntaxNode root = diagnostic.Location.SourceTree!.GetRoot();
            var method = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            string name = method?.Identifier.ValueText ?? "?";
            int underscore = name.IndexOf('_');
            methods.Add(underscore < 0 ? name : name.Substring(0, underscore));
        }

        return methods;
    }

    /// <summary>Runs every case method on a fresh instance, on a thread with a time limit (a spinning loop fails the test).</summary>
    private static Dictionary<string, string> Run(Assembly assembly, IReadOnlyList<FixEquivalenceCase> cases)
    {
        var results = new Dictionary<string, string>();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var c in cases)
                {
                    Type type = assembly.GetType(FixEquivalenceMatrix.ClassName(c.Type), throwOnError: true)!;
                    object instance = Activator.CreateInstance(type)!;
                    object other = Activator.CreateInstance(type)!;
                    MethodInfo method = type.GetMethod(c.Method)!;
                    results[c.Method] = (string)method.Invoke(instance, new[] { other })!;
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.IsBackground = true;
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("a case did not finish (a compare-exchange loop spinning?) after " + results.Count + " cases");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("running the cases failed", failure);
        }

        return results;
    }
}
