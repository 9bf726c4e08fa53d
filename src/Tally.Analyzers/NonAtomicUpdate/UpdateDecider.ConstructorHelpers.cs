using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A write of the object's own field in a private helper that only its constructors run (held-out family E, BTDB's
    /// <c>LoadContent</c>): like the constructor's own writes, it is made before the object is shared, so it is not
    /// reported (ConcurrencyModel.ConstructorHelpers.cs).
    /// </summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether <paramref name="self"/>, in <paramref name="member"/>, writes the object being made: an instance field
        /// through <c>this</c>, in the helper's own body (not a lambda or local function in it), of a helper whose body
        /// runs straight through during the call (not async, not an iterator, whose code runs later).
        /// </summary>
        private static bool InConstructorHelper(WriteFact self, ConcurrencyModel model, ISymbol? member)
            => self.ThroughThis && !self.StaticStorage
                && member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAsync: false, DeclaredAccessibility: Accessibility.Private } method
                && !IsIterator(method) && model.RunsOnlyInConstructors(self.FunctionKey);

        /// <summary>Whether the method has a <c>yield</c> of its own (not one of a lambda or local function in it).</summary>
        private static bool IsIterator(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is YieldStatementSyntax)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
