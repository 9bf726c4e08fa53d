using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes;
using Xunit;
using Tally.CodeFixes.NonAtomicUpdate;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>The fix must never throw, whatever the code looks like: incomplete, unresolved, or with spans that are not updates.</summary>
public class RobustnessFixTests
{
    [Theory]
    [InlineData("class C { static int s; void M() { s += ; } }")]
    [InlineData("class C { void M() { s_missing++; } }")]
    [InlineData("class C { static int s; void M() { s = s + ; } }")]
    [InlineData("class C { void M() { Undefined.Field *= 2; } }")]
    [InlineData("class C { int[] a; void M() { a[]++; } }")]
    [InlineData("class C { static int s; void M() { s = Undefined() + s; } }")]
    [InlineData("class C { static dynamic d; void M() { d += 1; } }")]
    [InlineData("class C { static int? n; void M() { n++; n += 2; } }")]
    [InlineData("class C { static string t; void M() { t += \"x\"; } }")]
    [InlineData("class C { static int s; static int P { get; set; } void M() { P = P + 1; s = s; s = -s; } }")]
    [InlineData("class C { static int s; void M() { s +=")]
    [InlineData("static int s; s++; s *= 2;")]
    [InlineData("struct S { static S operator +(S a, S b) => a; static S s; void M() { s += s; } }")]
    public async Task IncompleteOrUnusualCode_DoesNotThrow(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("P", "P", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Regular))
            .WithMetadataReferences(ReferenceAssemblies.Net);
        var document = project.AddDocument("Test.cs", SourceText.From(source));
        var root = await document.GetSyntaxRootAsync();
        var spans = root!.DescendantNodes()
            .Where(n => n is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax or AssignmentExpressionSyntax or IdentifierNameSyntax)
            .Select(n => n.Span)
            .Append(new TextSpan(0, 0))
            .Append(root.FullSpan)
            .ToList();

        foreach (var span in spans)
        {
            await DocumentRewriter.PlanAsync(document, new[] { span }, CancellationToken.None);
        }

        var rewritten = await DocumentRewriter.RewriteAsync(document, spans, CancellationToken.None);
        Assert.NotNull(await rewritten.GetTextAsync());
    }
}
