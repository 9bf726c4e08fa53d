using Microsoft.CodeAnalysis;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// How one use of the migrated field is rewritten: the node replaced (the whole update, call or read) and its new
    /// text for each counter type; <c>null</c> where that counter type cannot express the use exactly.
    /// </summary>
    internal sealed class ReferenceEdit
    {
        public ReferenceEdit(DocumentId document, SyntaxNode node, string? atomicText, string? stripedText)
        {
            Document = document;
            Node = node;
            AtomicText = atomicText;
            StripedText = stripedText;
        }

        public DocumentId Document { get; }

        public SyntaxNode Node { get; }

        public string? AtomicText { get; }

        public string? StripedText { get; }

        public string? TextFor(CounterType type) => type == CounterType.Atomic ? AtomicText : StripedText;
    }
}
