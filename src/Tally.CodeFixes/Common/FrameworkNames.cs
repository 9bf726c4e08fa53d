using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// How generated code in one document spells <c>Interlocked</c>, <c>Volatile</c> and <c>BitConverter</c>: the simple name
    /// when it already binds to the framework type (or will, once <c>using System.Threading;</c> is added), otherwise the
    /// <c>global::</c>-qualified name (a user type or member of the same name, or a using that would make other names ambiguous).
    /// </summary>
    internal sealed class FrameworkNames
    {
        private FrameworkNames(string interlocked, string? volatileName, string bitConverter, bool addUsing, string? library, bool addLibraryUsing)
        {
            Interlocked = interlocked;
            Volatile = volatileName;
            BitConverter = bitConverter;
            AddUsing = addUsing;
            Library = library;
            AddLibraryUsing = addLibraryUsing;
        }

        public string Interlocked { get; }

        /// <summary>Null when the target framework has no <c>Volatile</c> (plain reads are used then).</summary>
        public string? Volatile { get; }

        public string BitConverter { get; }

        /// <summary>The document needs <c>using System.Threading;</c>.</summary>
        public bool AddUsing { get; }

        /// <summary>How the Tally library's <c>Tally.Atomic</c> is spelled; null when no rewrite calls it.</summary>
        public string? Library { get; }

        /// <summary>The document needs <c>using Tally;</c>.</summary>
        public bool AddLibraryUsing { get; }

        /// <summary>
        /// The spellings for one document: <paramref name="positions"/> are where generated code names the framework types,
        /// <paramref name="libraryPositions"/> where it calls <c>Tally.Atomic</c> (empty when nothing does).
        /// </summary>
        public static FrameworkNames Resolve(
            SemanticModel model, SyntaxNode root, AtomicApi api, IReadOnlyCollection<int> positions, bool needsVolatile, IReadOnlyCollection<int> libraryPositions, CancellationToken cancellationToken)
        {
            var interlocked = Classify(model, api.Interlocked, positions);
            var volatileState = api.Volatile is null ? NameState.Clash : needsVolatile ? Classify(model, api.Volatile, positions) : NameState.Imported;
            var bitConverterState = api.BitConverter is null ? NameState.Clash : Classify(model, api.BitConverter, positions);

            var needsUsing = interlocked == NameState.Missing || volatileState == NameState.Missing;
            var threading = model.Compilation.GetCompilationNamespace(api.Interlocked.ContainingNamespace) ?? api.Interlocked.ContainingNamespace;
            var canAddUsing = needsUsing && CanImport(model, root, threading, cancellationToken);

            string? library = null;
            var addLibraryUsing = false;
            if (api.LibraryAtomic is { } atomic && libraryPositions.Count > 0)
            {
                var state = Classify(model, atomic, libraryPositions);
                addLibraryUsing = state == NameState.Missing && CanImport(model, root, model.Compilation.GetCompilationNamespace(atomic.ContainingNamespace) ?? atomic.ContainingNamespace, cancellationToken);
                library = state == NameState.Imported || addLibraryUsing ? atomic.Name : "global::" + atomic.ToDisplayString();
            }

            string Spell(NameState state, string simple, string qualified)
                => state == NameState.Imported || (state == NameState.Missing && canAddUsing) ? simple : qualified;

            return new FrameworkNames(
                Spell(interlocked, "Interlocked", "global::System.Threading.Interlocked"),
                api.Volatile is null ? null : Spell(volatileState, "Volatile", "global::System.Threading.Volatile"),
                bitConverterState == NameState.Imported ? "BitConverter" : "global::System.BitConverter",
                canAddUsing && (interlocked == NameState.Missing || volatileState == NameState.Missing),
                library,
                addLibraryUsing);
        }

        private enum NameState
        {
            Imported,
            Missing,
            Clash,
        }

        private static NameState Classify(SemanticModel model, INamedTypeSymbol type, IEnumerable<int> positions)
        {
            var state = NameState.Imported;
            foreach (var position in positions)
            {
                var symbols = model.LookupSymbols(position, name: type.Name);
                if (symbols.IsEmpty)
                {
                    state = NameState.Missing;
                }
                else if (symbols.Length != 1 || !SymbolEqualityComparer.Default.Equals(symbols[0].OriginalDefinition, type))
                {
                    return NameState.Clash;
                }
            }

            return state;
        }

        /// <summary>
        /// Adding <c>using System.Threading;</c> (or <c>using Tally;</c>) must not make any simple name of the document
        /// ambiguous or bind differently: refuse when a simple name that the namespace also declares (Timer, Lock,
        /// Monitor...) binds today to a type imported from elsewhere, or does not bind at all.
        /// </summary>
        private static bool CanImport(SemanticModel model, SyntaxNode root, INamespaceSymbol threading, CancellationToken cancellationToken)
        {
            var threadingTypes = new HashSet<string>(threading.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public).Select(t => t.Name));
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (!threadingTypes.Contains(name.Identifier.ValueText)
                    || name.Parent is MemberAccessExpressionSyntax { Name: var accessed } && accessed == name
                    || name.Parent is QualifiedNameSyntax { Right: var right } && right == name
                    || name.Parent is MemberBindingExpressionSyntax)
                {
                    continue;
                }

                var info = model.GetSymbolInfo(name, cancellationToken);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is null)
                {
                    return false;
                }

                if (symbol is not INamespaceOrTypeSymbol)
                {
                    continue; // locals, parameters, members: found before any using
                }

                if (symbol.ContainingType is not null
                    || symbol.ContainingNamespace?.ToDisplayString() == threading.ToDisplayString()
                    || EnclosesPosition(model, symbol.ContainingNamespace, name.SpanStart))
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        private static bool EnclosesPosition(SemanticModel model, INamespaceSymbol? ns, int position)
        {
            if (ns is null)
            {
                return false;
            }

            if (ns.IsGlobalNamespace)
            {
                return true;
            }

            for (var enclosing = model.GetEnclosingSymbol(position); enclosing is not null; enclosing = enclosing.ContainingSymbol)
            {
                if (enclosing is INamespaceSymbol current && SymbolEqualityComparer.Default.Equals(current, ns))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds <c>using System.Threading;</c> next to the document's usings (top level, or in the namespace holding them).</summary>
        public static SyntaxNode AddThreadingUsing(SyntaxNode root, string newLine) => AddUsingDirective(root, "System.Threading", newLine);

        /// <summary>Adds <c>using <paramref name="namespaceName"/>;</c> next to the document's usings (top level, or in the namespace holding them).</summary>
        public static SyntaxNode AddUsingDirective(SyntaxNode root, string namespaceName, string newLine)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));

            if (unit.Usings.Count == 0)
            {
                var ns = unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
                if (ns is not null && ns.Usings.Count > 0)
                {
                    var updated = ns.WithUsings(Insert(ns.Usings, directive, namespaceName));
                    return unit.ReplaceNode(ns, updated);
                }

                // No usings anywhere: put it first, after a file header comment if there is one, and leave a blank line.
                var firstToken = unit.GetFirstToken(includeZeroWidth: true);
                var leading = firstToken.LeadingTrivia;
                var headerEnd = 0;
                for (var i = 0; i < leading.Count; i++)
                {
                    if (leading[i].IsKind(SyntaxKind.SingleLineCommentTrivia) || leading[i].IsKind(SyntaxKind.MultiLineCommentTrivia)
                        || leading[i].IsKind(SyntaxKind.EndOfLineTrivia) || leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
                    {
                        headerEnd = i + 1;
                        continue;
                    }

                    break;
                }

                var header = SyntaxFactory.TriviaList(leading.Take(headerEnd));
                var rest = SyntaxFactory.TriviaList(leading.Skip(headerEnd));
                var first = directive
                    .WithLeadingTrivia(header)
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.EndOfLine(newLine));
                var withoutHeader = unit.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(rest));
                return withoutHeader.WithUsings(withoutHeader.Usings.Add(first));
            }

            return unit.WithUsings(Insert(unit.Usings, directive, namespaceName));
        }

        private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive, string namespaceName)
        {
            // After global usings; among plain usings, in System-first alphabetical order.
            var index = 0;
            for (var i = 0; i < usings.Count; i++)
            {
                var existing = usings[i];
                if (!existing.GlobalKeyword.IsKind(SyntaxKind.None))
                {
                    index = i + 1;
                    continue;
                }

                if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
                {
                    break;
                }

                if (Compare(existing.Name.ToString(), namespaceName) < 0)
                {
                    index = i + 1;
                }
                else
                {
                    break;
                }
            }

            if (index == 0 && usings.Count > 0)
            {
                // Taking the first place: take over the file header from the old first using.
                var oldFirst = usings[0];
                directive = directive.WithLeadingTrivia(oldFirst.GetLeadingTrivia());
                usings = usings.Replace(oldFirst, oldFirst.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            }
            else if (index > 0)
            {
                directive = directive.WithLeadingTrivia(IndentationOf(usings[index - 1]));
            }

            return usings.Insert(index, directive);
        }

        private static SyntaxTriviaList IndentationOf(SyntaxNode node)
        {
            var last = node.GetLeadingTrivia().LastOrDefault();
            return last.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(last) : SyntaxFactory.TriviaList();
        }

        private static int Compare(string a, string b)
        {
            var aSystem = a == "System" || a.StartsWith("System.", System.StringComparison.Ordinal);
            var bSystem = b == "System" || b.StartsWith("System.", System.StringComparison.Ordinal);
            if (aSystem != bSystem)
            {
                return aSystem ? -1 : 1;
            }

            return string.CompareOrdinal(a, b);
        }
    }
}
