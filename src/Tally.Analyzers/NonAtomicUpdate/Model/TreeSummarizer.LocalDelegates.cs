using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A delegate kept in a local before it is started: <c>ThreadStart run = ReceiveLoop; if (native) run =
    /// NativeReceiveLoop; new Thread(run).Start();</c>. Each method group or lambda stored in the local is started where
    /// the local is handed to the start site, exactly as if it were written there; the values are alternatives of one
    /// start, so their entries share one context (one thread runs one of them, never both at once from that start).
    /// Followed only when the local is used for nothing but being assigned and handed to one start site: a local that
    /// is also invoked or passed elsewhere keeps the usual reading (a delegate handed to the function that holds it).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The start site receiving the local that <paramref name="delegateOperation"/> is stored in, with the local's use there.</summary>
        private (StartSite Site, IOperation Use)? StartThroughLocal(IOperation delegateOperation)
        {
            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            ILocalSymbol? local = current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current => target.Local,
                _ => null,
            };
            if (local == null || local.IsRef || local.Type?.TypeKind != TypeKind.Delegate)
            {
                return null;
            }

            var scope = current;
            while (scope.Parent != null && !(scope is IMethodBodyOperation or IConstructorBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                scope = scope.Parent;
            }

            (StartSite, IOperation)? found = null;
            foreach (var descendant in scope.Descendants())
            {
                if (!(descendant is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (reference.Parent is ISimpleAssignmentOperation written && written.Target == reference)
                {
                    continue;
                }

                var site = StartSite.Find(reference, _known, _options);
                if (site == null || found.HasValue)
                {
                    return null; // Used otherwise, or started twice: not one start of alternatives.
                }

                found = (site, reference);
            }

            return found;
        }

        /// <summary>The context key shared by the alternatives started through one local.</summary>
        private static string LocalStartContext(IOperation use)
            => "local-start:" + use.Syntax.SyntaxTree.FilePath + "@" + use.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
