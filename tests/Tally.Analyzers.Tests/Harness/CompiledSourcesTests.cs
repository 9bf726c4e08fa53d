using System;
using System.Reflection;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Harness.Toys;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>Sources compile and run, before and after a fix, with the test's settings.</summary>
public class CompiledSourcesTests
{
    private const string Counter = """
        public static class Program
        {
            public static int Run(int start)
            {
                int n = start;
                n++;
                return n;
            }
        }
        """;

    private static object? Run(Assembly assembly, int start) =>
        assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, new object[] { start });

    [Fact]
    public async Task FixedCode_ComputesTheSameAsTheOriginal()
    {
        var fixedSources = await CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.ApplyFixAllAsync(new[] { Counter });
        Assert.Contains("n += 1;", fixedSources[0], StringComparison.Ordinal);
        Assembly before = await CompiledSources.CompileAndLoadAsync(new[] { Counter });
        Assembly after = await CompiledSources.CompileAndLoadAsync(fixedSources);
        Assert.Equal(42, Run(before, 41));
        Assert.Equal(Run(before, 41), Run(after, 41));
    }

    [Fact]
    public async Task CheckOverflow_MakesOverflowThrow()
    {
        Assembly wrapping = await CompiledSources.CompileAndLoadAsync(new[] { Counter });
        Assembly throwing = await CompiledSources.CompileAndLoadAsync(new[] { Counter }, new TestOptions { CheckOverflow = true });
        Assert.Equal(int.MinValue, Run(wrapping, int.MaxValue));
        var failure = Assert.Throws<TargetInvocationException>(() => Run(throwing, int.MaxValue));
        Assert.IsType<OverflowException>(failure.InnerException);
    }

    [Fact]
    public async Task SourcesWithErrors_Fail()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CompiledSources.CompileAndLoadAsync(new[] { "class C { int M() => missing; }" }));
        Assert.Contains("CS0103", failure.Message);
    }
}
