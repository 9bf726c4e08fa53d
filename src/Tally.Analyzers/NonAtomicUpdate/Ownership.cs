using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Writes that cannot race because nobody else can see the object yet: a constructor's own object, a static
    /// constructor's statics, and an object created in the same body and only used to reach its members, unless code that
    /// runs concurrently captured it (<c>var c = new Counter(); Parallel.For(0, n, i =&gt; c.N++)</c>).
    /// </summary>
    internal static class Ownership
    {
        /// <summary>Whether the write of <paramref name="storage"/> through <paramref name="receiver"/> at <paramref name="write"/> is to an object not shared yet.</summary>
        public static bool IsUnshared(IOperation write, ISymbol storage, IOperation? receiver, ISymbol? member, bool isStatic, bool inNestedFunction)
        {
            if (member is IMethodSymbol method && !inNestedFunction
                && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, storage.ContainingType?.OriginalDefinition))
            {
                if (isStatic && method.MethodKind == MethodKind.StaticConstructor)
                {
                    return true;
                }

                if (!isStatic && method.MethodKind == MethodKind.Constructor && receiver.WalkDownConversions() is IInstanceReferenceOperation)
                {
                    return true;
                }
            }

            if (member is IFieldSymbol or IPropertySymbol && !inNestedFunction && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, storage.ContainingType?.OriginalDefinition))
            {
                return true; // A field or property initializer runs in the constructor.
            }

            return !isStatic && IsUnsharedNewObject(write, receiver);
        }

        /// <summary>Whether the receiver is a local holding an object created in the same body, only used to reach its members, and not captured by concurrent code.</summary>
        private static bool IsUnsharedNewObject(IOperation write, IOperation? receiver)
        {
            if (!(receiver.WalkDownConversions() is ILocalReferenceOperation localReference))
            {
                return false;
            }

            var local = localReference.Local;
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax declarator)
                || declarator.Initializer == null
                || !(declarator.Initializer.Value is BaseObjectCreationExpressionSyntax))
            {
                return false;
            }

            // Captured by a lambda or local function declared after it: that code may run on other threads.
            for (var parent = write.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    if (!parent.Syntax.Span.Contains(declarator.Span))
                    {
                        return false;
                    }

                    break;
                }
            }

            var scope = declarator.Parent?.Parent?.Parent;
            if (scope == null)
            {
                return false;
            }

            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name)
                {
                    if (!(identifier.Parent is MemberAccessExpressionSyntax access) || access.Expression != identifier || access.Parent is InvocationExpressionSyntax)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
