using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Tally.Analyzers.Tests.Architecture;

/// <summary>
/// Keeps every source file under <c>src/</c> small enough to read in one sitting: at most
/// <see cref="MaxFileLines"/> lines per file and <see cref="MaxMethodLines"/> lines per method (constructor, accessor,
/// operator, local function). A file that grows past the limits is split by what it holds, not by line count.
/// </summary>
public class SourceSizeLimitsTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 80;

    [Fact]
    public void NoSourceFile_IsLongerThanTheLimit()
    {
        var tooLong = SourceFiles()
            .Select(file => (file.RelativePath, Lines: CountLines(file.Text)))
            .Where(file => file.Lines > MaxFileLines)
            .Select(file => $"{file.RelativePath}: {file.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Files over {MaxFileLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void NoMethod_IsLongerThanTheLimit()
    {
        var tooLong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var root = CSharpSyntaxTree.ParseText(file.Text, path: file.RelativePath).GetRoot();
            foreach (var (name, node) in Methods(root))
            {
                var span = node.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMethodLines)
                {
                    tooLong.Add($"{file.RelativePath}:{span.StartLinePosition.Line + 1} {name}: {lines} lines");
                }
            }
        }

        Assert.True(tooLong.Count == 0, $"Methods over {MaxMethodLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void TheMethodCounter_SeesEveryKindOfMethod()
    {
        const string source = """
            class C
            {
                C() { }
                void M() { void Local() { } }
                int P { get { return 1; } set { } }
                public static C operator +(C a, C b) => a;
                public static implicit operator int(C c) => 0;
                ~C() { }
            }
            """;

        var names = Methods(CSharpSyntaxTree.ParseText(source).GetRoot()).Select(m => m.Name).ToList();

        Assert.Equal(new[] { "C", "M", "Local", "get", "set", "operator +", "operator int", "~C" }, names);
    }

    private static IEnumerable<(string Name, SyntaxNode Node)> Methods(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    yield return (method.Identifier.ValueText, method);
                    break;
                case ConstructorDeclarationSyntax constructor:
                    yield return (constructor.Identifier.ValueText, constructor);
                    break;
                case DestructorDeclarationSyntax destructor:
                    yield return ("~" + destructor.Identifier.ValueText, destructor);
                    break;
                case LocalFunctionStatementSyntax local:
                    yield return (local.Identifier.ValueText, local);
                    break;
                case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                    yield return (accessor.Keyword.ValueText, accessor);
                    break;
                case OperatorDeclarationSyntax op:
                    yield return ("operator " + op.OperatorToken.ValueText, op);
                    break;
                case ConversionOperatorDeclarationSyntax conversion:
                    yield return ("operator " + conversion.Type, conversion);
                    break;
            }
        }
    }

    private static int CountLines(string text)
    {
        var lines = text.Split('\n').Length;
        return text.EndsWith('\n') ? lines - 1 : lines;
    }

    private static IEnumerable<(string RelativePath, string Text)> SourceFiles()
    {
        var root = RepositoryRoot();
        var src = Path.Combine(root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(root, path))));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Analyzer.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
