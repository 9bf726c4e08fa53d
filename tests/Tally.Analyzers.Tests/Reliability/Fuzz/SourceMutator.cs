using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Tests.Reliability.Fuzz;

/// <summary>
/// Breaks C# source the way editing does: deletes, duplicates or swaps tokens, truncates the text, unbalances braces
/// and parentheses, changes types, drops usings, renames identifiers to other ones in the file, deletes lines and drops
/// in tokens that matter to Tally (<c>++</c>, <c>ref</c>, <c>lock</c>, <c>await</c>, <c>Interlocked.Increment(ref</c>).
/// Each mutant applies one to three of these; the same seed gives the same mutants.
/// </summary>
internal sealed class SourceMutator
{
    private static readonly string[] Types = { "int", "long", "double", "uint", "short", "bool", "string", "object", "var", "void", "dynamic", "int?", "decimal", "Task", "T" };

    private static readonly string[] Inserts =
    {
        "++", "--", "+=", "=", "ref ", "out ", "lock", "await ", "async ", "static ", "volatile ", "Interlocked.Increment(ref ",
        "Interlocked.Exchange(ref _x, ", ")", "(", "{", "}", "=>", "this.", "?.", "!", "default", "null", "new ", "checked(",
        ";", "[", "]", "<", ">", "_", "@", "#if X\n", "#endregion\n", "\"", "'", "/*", "*/", "Task.Run(() => ", "yield return ",
        "stackalloc ", "unsafe ", "fixed ", "goto L; L:", "case 1:", "partial ", "record ", "with { }",
    };

    private readonly Random _random;

    public SourceMutator(int seed) => _random = new Random(seed);

    /// <summary>The names of the mutations, for reports.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[]
    {
        "delete token", "duplicate token", "swap tokens", "truncate", "unbalance braces", "change type", "drop using",
        "rename identifier", "delete lines", "insert token",
    };

    /// <summary>A mutant of <paramref name="text"/> and the mutations applied.</summary>
    public (string Text, string Applied) Mutate(string text)
    {
        var applied = new List<string>();
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count && text.Length > 0; i++)
        {
            int kind = _random.Next(Kinds.Count);
            text = Apply(kind, text);
            applied.Add(Kinds[kind]);
        }

        return (text, string.Join(", ", applied));
    }

    private string Apply(int kind, string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, ProgramCompiler.ParseOptions).GetRoot();
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count < 2)
        {
            return text.Substring(0, text.Length / 2);
        }

        var token = tokens[_random.Next(tokens.Count)];
        switch (kind)
        {
            case 0:
                return Replace(text, token.Span.Start, token.Span.Length, string.Empty);
            case 1:
                return Replace(text, token.Span.End, 0, " " + token.Text);
            case 2:
            {
                int index = tokens.IndexOf(token);
                var next = tokens[Math.Min(index + 1, tokens.Count - 1)];
                if (next == token)
                {
                    return text;
                }

                return text.Substring(0, token.Span.Start) + next.Text + text.Substring(token.Span.End, next.Span.Start - token.Span.End)
                       + token.Text + text.Substring(next.Span.End);
            }

            case 3:
                return text.Substring(0, _random.Next(text.Length));
            case 4:
            {
                var braces = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)
                                               || t.IsKind(SyntaxKind.OpenParenToken) || t.IsKind(SyntaxKind.CloseParenToken)).ToList();
                if (braces.Count > 0 && _random.Next(2) == 0)
                {
                    var brace = braces[_random.Next(braces.Count)];
                    return Replace(text, brace.Span.Start, brace.Span.Length, string.Empty);
                }

                return Replace(text, token.Span.Start, 0, Pick(new[] { "{", "}", "(", ")", "{ {", "} }" }));
            }

            case 5:
            {
                var types = root.DescendantNodes()
                    .Where(n => n is PredefinedTypeSyntax || (n is IdentifierNameSyntax && n.Parent is VariableDeclarationSyntax or ParameterSyntax or MethodDeclarationSyntax or PropertyDeclarationSyntax))
                    .ToList();
                if (types.Count == 0)
                {
                    return text;
                }

                var type = types[_random.Next(types.Count)];
                return Replace(text, type.Span.Start, type.Span.Length, Pick(Types));
            }

            case 6:
            {
                var usings = root.DescendantNodes().OfType<UsingDirectiveSyntax>().ToList();
                if (usings.Count == 0)
                {
                    return text;
                }

                var drop = usings[_random.Next(usings.Count)];
                return Replace(text, drop.FullSpan.Start, drop.FullSpan.Length, string.Empty);
            }

            case 7:
            {
                var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                if (identifiers.Count < 2)
                {
                    return text;
                }

                var from = identifiers[_random.Next(identifiers.Count)];
                var to = identifiers[_random.Next(identifiers.Count)];
                return Replace(text, from.Span.Start, from.Span.Length, to.Text);
            }

            case 8:
            {
                var lines = text.Split('\n').ToList();
                int start = _random.Next(lines.Count);
                lines.RemoveRange(start, Math.Min(1 + _random.Next(4), lines.Count - start));
                return string.Join("\n", lines);
            }

            default:
                return Replace(text, _random.Next(2) == 0 ? token.Span.Start : token.Span.End, 0, Pick(Inserts));
        }
    }

    private static string Replace(string text, int start, int length, string replacement)
        => text.Substring(0, start) + replacement + text.Substring(start + length);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
