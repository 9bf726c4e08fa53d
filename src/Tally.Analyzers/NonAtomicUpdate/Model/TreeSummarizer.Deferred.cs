using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Functions whose body may run after their call has returned (<see cref="FunctionFlags.Deferred"/>): an async method
    /// goes on after its first await, later, maybe on another thread; an iterator's body runs when the sequence is
    /// enumerated. A caller's state at the call (a type being initialized, ConcurrencyModel.TypeInitializers.cs) does
    /// not hold there.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary><see cref="FunctionFlags.Deferred"/> for an async method or local function, or one with a <c>yield</c> of its own.</summary>
        private static FunctionFlags DeferredFlag(IOperation body, ISymbol symbol)
        {
            if (symbol is IMethodSymbol { IsAsync: true })
            {
                return FunctionFlags.Deferred;
            }

            if (!(symbol is IMethodSymbol { ReturnType.Name: "IEnumerable" or "IEnumerator" or "IAsyncEnumerable" or "IAsyncEnumerator" }))
            {
                return FunctionFlags.None; // An iterator returns one of these: the body is read only then.
            }

            foreach (var node in body.Syntax.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is YieldStatementSyntax)
                {
                    return FunctionFlags.Deferred;
                }
            }

            return FunctionFlags.None;
        }
    }
}
