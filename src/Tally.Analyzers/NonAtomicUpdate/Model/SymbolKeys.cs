using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Compilation-independent names for symbols, so that a summary built for one compilation still means the same thing
    /// in the next one (the IDE makes a new compilation for every edit). Members and types use their documentation-comment
    /// IDs; lambdas and local functions, which have none, use their file and position, which are stable for as long as
    /// their syntax tree is (and a cached summary lives exactly that long).
    /// </summary>
    internal static class SymbolKeys
    {
        /// <summary>The key of a member, type, field or property (its original definition); <c>null</c> for none.</summary>
        public static string? Of(ISymbol? symbol)
        {
            if (symbol == null)
            {
                return null;
            }

            if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } function)
            {
                var references = function.DeclaringSyntaxReferences;
                return references.Length == 0 ? null : OfNested(references[0].SyntaxTree, references[0].Span.Start);
            }

            if (symbol is IMethodSymbol { ReducedFrom: { } reduced })
            {
                symbol = reduced;
            }

            symbol = symbol.OriginalDefinition;
            return symbol.GetDocumentationCommentId() ?? symbol.Kind + ":" + symbol.ToDisplayString();
        }

        /// <summary>
        /// Whether the key (or a pseudo key built on it, such as a parameter's) names an instance constructor: documentation
        /// IDs spell it <c>M:Type.#ctor(...)</c>, and <c>#</c> cannot appear in a C# name.
        /// </summary>
        public static bool NamesConstructor(string key) => key.IndexOf(".#ctor", System.StringComparison.Ordinal) >= 0;

        /// <summary>The key of a lambda or local function declared at <paramref name="position"/> of <paramref name="tree"/>.</summary>
        public static string OfNested(SyntaxTree tree, int position) => "λ:" + tree.FilePath + "@" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
