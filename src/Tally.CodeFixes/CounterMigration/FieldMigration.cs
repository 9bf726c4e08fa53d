using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// Everything a migration of one field changes: its declaration and every use in the solution. Built only when each
    /// use has an exact rewrite for at least the <c>AtomicCounter</c>; <see cref="Supports"/> tells which counters do.
    /// </summary>
    internal sealed class FieldMigration
    {
        public FieldMigration(IFieldSymbol field, DocumentId declarationDocument, VariableDeclaratorSyntax declarator, string? initialValue, ImmutableArray<ReferenceEdit> edits)
        {
            Field = field;
            DeclarationDocument = declarationDocument;
            Declarator = declarator;
            InitialValue = initialValue;
            Edits = edits;
        }

        public IFieldSymbol Field { get; }

        public DocumentId DeclarationDocument { get; }

        public VariableDeclaratorSyntax Declarator { get; }

        /// <summary>The initializer's text when it is not the constant zero (kept as the counter's starting value).</summary>
        public string? InitialValue { get; }

        public ImmutableArray<ReferenceEdit> Edits { get; }

        /// <summary>Whether every use can be rewritten exactly for <paramref name="type"/>.</summary>
        public bool Supports(CounterType type)
        {
            if (type == CounterType.Striped && InitialValue != null)
            {
                return false;
            }

            foreach (var edit in Edits)
            {
                if (edit.TextFor(type) == null)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
