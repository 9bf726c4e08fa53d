using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Harness.Toys;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>Test sources compile against real reference assemblies, chosen by <see cref="TestOptions.TargetFramework"/>.</summary>
public class ReferenceAssembliesTests
{
    private const string InterlockedOr = """
        using System.Threading;
        class C
        {
            int _flags;
            void M() => Interlocked.Or(ref _flags, 1);
        }
        """;

    [Fact]
    public Task InterlockedOr_ResolvesOnNet() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(InterlockedOr);

    [Fact]
    public async Task InterlockedOr_DoesNotResolveOnNetStandard20()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(InterlockedOr, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 }));
        Assert.Contains("CS0117", failure.Message);
    }

    [Fact]
    public Task NetStandard20_CompilesOrdinaryCode() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                int _count;
                Task M() => Task.Run(() => { Interlocked.Increment(ref _count); [|_count++|]; });
            }
            """,
            new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });

    [Fact]
    public Task AspNetCore_AddsTheAspNetCoreReferencePack() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            class C
            {
                int _hits;
                void Map(WebApplication app) => app.MapGet("/", () => [|_hits++|]);
            }
            """,
            new TestOptions { AspNetCore = true });

    [Fact]
    public async Task AspNetCoreTypes_AreMissingWithoutTheOption()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("using Microsoft.AspNetCore.Builder; class C { void M(WebApplication app) { } }"));
        Assert.Contains("CS0234", failure.Message);
    }

    [Fact]
    public void NetReferences_ComeFromTheHighestNetCoreReferencePack()
    {
        string directory = ReferenceAssemblies.FindPackRefDirectory("Microsoft.NETCore.App.Ref");
        Assert.StartsWith("net", Path.GetFileName(directory), System.StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "System.Runtime.dll")));
        Assert.Contains(ReferenceAssemblies.Net, r => Path.GetFileName(r.Display) == "System.Threading.dll");
    }

    [Fact]
    public void NetStandard20References_HoldNetStandardDll()
    {
        Assert.Contains(ReferenceAssemblies.NetStandard20, r => Path.GetFileName(r.Display) == "netstandard.dll");
        Assert.DoesNotContain(ReferenceAssemblies.NetStandard20, r => Path.GetFileName(r.Display) == "System.Private.CoreLib.dll");
    }

    [Fact]
    public void References_AreLoadedOnce()
    {
        Assert.Equal(ReferenceAssemblies.Net, ReferenceAssemblies.Net);
        Assert.Same(ReferenceAssemblies.Net.First(), ReferenceAssemblies.For(new TestOptions()).First());
    }

    [Fact]
    public async Task AdditionalReferences_AreAdded()
    {
        MetadataReference tally = MetadataReference.CreateFromFile(typeof(Tally.Analyzers.DiagnosticIds).Assembly.Location);
        await AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "class C { string Id => Tally.Analyzers.DiagnosticIds.StaticField; }",
            new TestOptions { AdditionalReferences = new[] { tally } });
    }
}
