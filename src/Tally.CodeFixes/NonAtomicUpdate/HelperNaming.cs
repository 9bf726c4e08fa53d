using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// The names of the helpers one rewrite pass calls, and the helpers it must add. Kept out of the plans: a name depends
    /// on the other helpers of the pass and on what the document already declares.
    /// </summary>
    internal sealed class HelperNaming
    {
        private readonly Dictionary<HelperUpdatePlan, string> _names;

        private HelperNaming(List<NewHelper> added, Dictionary<HelperUpdatePlan, string> names)
        {
            Added = added;
            _names = names;
        }

        /// <summary>The helper declarations to add, with the type declaration each goes into.</summary>
        public IReadOnlyList<NewHelper> Added { get; }

        /// <summary>The name of the helper <paramref name="plan"/> calls.</summary>
        public string NameOf(HelperUpdatePlan plan) => _names[plan];

        internal sealed class NewHelper
        {
            public NewHelper(TypeDeclarationSyntax container, MemberDeclarationSyntax declaration, string name, ITypeSymbol type)
            {
                Container = container;
                Declaration = declaration;
                Name = name;
                Type = type;
            }

            public TypeDeclarationSyntax Container { get; }

            public MemberDeclarationSyntax Declaration { get; }

            public string Name { get; }

            /// <summary>The type of the location the helper updates (its overloads differ by it).</summary>
            public ITypeSymbol Type { get; }
        }

        /// <summary>
        /// Names each plan's helper and lists the helpers to add. A name is used only if nothing else of that name is in scope
        /// at the update or in the type, except helpers Tally generated earlier: an identical one is reused, one for another
        /// type becomes an overload. Helpers shared by several plans of this pass are added once.
        /// </summary>
        public static HelperNaming Resolve(SemanticModel model, IEnumerable<HelperUpdatePlan> plans, FrameworkNames names, string newLine, CancellationToken cancellationToken)
        {
            var added = new List<NewHelper>();
            var addedKeys = new Dictionary<string, NewHelper>();
            var chosen = new Dictionary<HelperUpdatePlan, string>();
            foreach (var plan in plans)
            {
                var spec = plan.Helper;
                var container = plan.Container;
                var position = container.OpenBraceToken.Span.End;
                var typeName = DocumentRewriter.TypeName(model, spec.Type, position);
                var operandTypeName = DocumentRewriter.TypeName(model, spec.OperandType, position);

                var judged = new Dictionary<string, (MemberDeclarationSyntax Declaration, NameVerdict Verdict)>();
                var name = UniqueNames.Pick(spec.BaseName, candidate =>
                {
                    var declaration = UpdateSyntaxBuilder.BuildHelper(spec, candidate, names, typeName, operandTypeName, newLine);
                    var verdict = Judge(candidate, declaration);
                    judged[candidate] = (declaration, verdict);
                    return verdict == NameVerdict.Taken;
                });

                chosen[plan] = name;
                if (judged[name].Verdict == NameVerdict.Free)
                {
                    var helper = new NewHelper(container, judged[name].Declaration, name, spec.Type);
                    added.Add(helper);
                    addedKeys.Add(KeyOf(container, helper.Declaration), helper);
                }

                NameVerdict Judge(string candidate, MemberDeclarationSyntax declaration)
                {
                    if (addedKeys.ContainsKey(KeyOf(container, declaration)))
                    {
                        return NameVerdict.Reuse; // the same helper, added earlier in this pass
                    }

                    var verdict = Check(model, candidate, declaration, spec, plan.Node.SpanStart, position, cancellationToken);

                    // A name given in this pass to a different helper of the same type is only fine as an overload.
                    var clashInPass = added.Any(h => h.Container == container && h.Name == candidate && AtomicApi.SameType(h.Type, spec.Type));
                    return clashInPass ? NameVerdict.Taken : verdict;
                }
            }

            return new HelperNaming(added, chosen);
        }

        private static string KeyOf(TypeDeclarationSyntax container, MemberDeclarationSyntax declaration)
            => container.SpanStart + "|" + declaration.NormalizeWhitespace().ToFullString();

        private enum NameVerdict
        {
            Free,
            Reuse,
            Taken,
        }

        private static NameVerdict Check(SemanticModel model, string name, MemberDeclarationSyntax declaration, HelperSpec spec, int usePosition, int typePosition, CancellationToken cancellationToken)
        {
            var symbols = model.LookupSymbols(usePosition, name: name).AddRange(model.LookupSymbols(typePosition, name: name))
                .Distinct<ISymbol>(SymbolEqualityComparer.Default)
                .ToList();
            if (symbols.Count == 0)
            {
                return NameVerdict.Free;
            }

            var reuse = false;
            foreach (var symbol in symbols)
            {
                if (symbol is not IMethodSymbol method || method.DeclaringSyntaxReferences.Length != 1)
                {
                    return NameVerdict.Taken;
                }

                var existing = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as MethodDeclarationSyntax;
                if (existing is null || !existing.GetLeadingTrivia().ToFullString().Contains("generated by Tally"))
                {
                    return NameVerdict.Taken;
                }

                if (existing.IsEquivalentTo(declaration, topLevel: false))
                {
                    reuse = true;
                }
                else if (method.Parameters.Length > 0 && AtomicApi.SameType(method.Parameters[0].Type, spec.Type))
                {
                    return NameVerdict.Taken; // a Tally helper of this name and type, but a different body
                }
            }

            return reuse ? NameVerdict.Reuse : NameVerdict.Free;
        }
    }
}
