using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Common;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The known framework types are looked up once per set of references and shared by the compilations that follow an
/// edit (<see cref="ReferencedTypes"/>): every answer must still be the one the compilation itself gives, including
/// when its own source declares a type of the same name (which the compiler prefers to the references).
/// </summary>
public sealed class ReferencedTypesTests
{
    private const string Worker = """
        using System.Threading;

        public sealed class Worker
        {
            private int _count;

            public void Run() => Interlocked.Increment(ref _count);
        }
        """;

    private const string OwnVolatile = """
        namespace System.Threading
        {
            public static class Volatile
            {
            }
        }
        """;

    [Fact]
    public void EditedCompilations_FindTheTypesTheCompilationFinds_AlsoOnesDeclaredInTheirSource()
    {
        var first = ProgramCompiler.Compile(new SourceProgram("worker", new[] { ("Worker.cs", Worker), ("Other.cs", "public sealed class Other { }") }));
        var firstKnown = KnownSymbols.Create(first);
        AssertSameAsCompilation(first, firstKnown);

        // An edit: a new compilation with the same references; the reference search is shared, the answers unchanged.
        var other = first.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var edited = first.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("public sealed class Other { int _x; }")));
        var editedKnown = KnownSymbols.Create(edited);
        AssertSameAsCompilation(edited, editedKnown);
        Assert.Same(firstKnown.Interlocked, editedKnown.Interlocked);

        // The edit declares System.Threading.Volatile in source: the compilation finds that one, and so must Tally.
        var declaring = edited.ReplaceSyntaxTree(edited.SyntaxTrees.Single(t => t.FilePath == "Other.cs"), CSharpSyntaxTree.ParseText(OwnVolatile, ProgramCompiler.ParseOptions, "Other.cs"));
        var declaringKnown = KnownSymbols.Create(declaring);
        AssertSameAsCompilation(declaring, declaringKnown);
        Assert.True(declaringKnown.Volatile!.Locations.Single().IsInSource);
        Assert.False(editedKnown.Volatile!.Locations.Single().IsInSource);

        // Other references (none but the core library): answers of their own.
        var bare = CSharpCompilation.Create("bare", first.SyntaxTrees, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        var bareKnown = KnownSymbols.Create(bare);
        AssertSameAsCompilation(bare, bareKnown);
        Assert.Null(bareKnown.ControllerBase);
        Assert.NotNull(firstKnown.ControllerBase);
    }

    private static void AssertSameAsCompilation(Compilation compilation, KnownSymbols known)
    {
        foreach (string name in new[] { "System.Threading.Interlocked", "System.Threading.Volatile", "System.Threading.Tasks.TaskFactory`1", "Microsoft.AspNetCore.Mvc.ControllerBase", "No.Such.Type" })
        {
            Assert.Equal(compilation.GetTypeByMetadataName(name), known.ByMetadataName(name), SymbolEqualityComparer.Default);
        }

        Assert.Equal(compilation.GetTypeByMetadataName("System.Threading.Interlocked"), known.Interlocked, SymbolEqualityComparer.Default);
        Assert.Equal(compilation.GetTypeByMetadataName("System.Threading.Volatile"), known.Volatile, SymbolEqualityComparer.Default);
        Assert.Equal(compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase"), known.ControllerBase, SymbolEqualityComparer.Default);
    }
}
