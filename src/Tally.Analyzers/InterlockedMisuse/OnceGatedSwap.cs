using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// TALLY007 after <c>Interlocked.Exchange(ref f, v)</c> (or <c>CompareExchange</c>) is inferred, not certain, when the
    /// swap can run only once for the field's object and nothing else writes the field after construction: a delegate
    /// replaced by a compiled one on its fourth use (held-out fresh26, Reaqtor's quote factory). The swap sits in a private
    /// method of the field's type that is only called, never taken as a delegate, and every call is in the branch of an
    /// <c>if (Interlocked.Increment(ref n) == C)</c>: one increment only ever returns <c>C</c> when nothing but increments
    /// writes <c>n</c>. The gate must be as wide as the field: a static field for a static field; for an instance field
    /// also a private field of the same object or a local of one of the type's constructors (one per object, captured by the
    /// lambdas made there, not declared in a loop). The re-read then returns what this swap stored. It stays reported, hidden by default: the
    /// counter could in principle wrap around. Only a type declared in the call's own syntax tree is checked.
    /// </summary>
    internal static class OnceGatedSwap
    {
        /// <summary>Whether <paramref name="call"/> swaps <paramref name="location"/> at most once per object, and is its only later writer.</summary>
        public static bool SwapsOnce(IInvocationOperation call, StorageReference location, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (InterlockedMethodKinds.KindOf(call.TargetMethod, known) is not (InterlockedMethodKind.Exchange or InterlockedMethodKind.CompareExchange)
                || location.Symbol is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field
                || call.SemanticModel is not { } model
                || InterlockedMisuseFacts.GetArgument(call, 0) is not { } swapped
                || !OnOwnObject(swapped.Value, field)
                || EnclosingMethod(call.Syntax, model, cancellationToken) is not { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, field.ContainingType)
                || method.IsStatic != field.IsStatic)
            {
                return false;
            }

            return SingleStoredValue.EveryLaterWrite(call, field, model, cancellationToken, write => write == swapped.Syntax)
                && EveryCallIsGated(method, field, model, known, cancellationToken);
        }

        /// <summary>Whether the field reference is the static field itself or the field of <c>this</c>.</summary>
        private static bool OnOwnObject(IOperation? reference, IFieldSymbol field)
            => reference is IFieldReferenceOperation fieldReference
                && SymbolEqualityComparer.Default.Equals(fieldReference.Field.OriginalDefinition, field.OriginalDefinition)
                && (field.IsStatic || fieldReference.Instance is IInstanceReferenceOperation);

        /// <summary>The method whose own body holds <paramref name="node"/> (not a lambda or local function in it).</summary>
        private static IMethodSymbol? EnclosingMethod(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return null;
                    case MethodDeclarationSyntax declaration:
                        return model.GetDeclaredSymbol(declaration, cancellationToken);
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>Whether every mention of <paramref name="method"/> in its type is a direct call inside a once gate (and there is one).</summary>
        private static bool EveryCallIsGated(IMethodSymbol method, IFieldSymbol field, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            var calls = 0;
            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != method.Name
                        || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition))
                    {
                        continue;
                    }

                    SyntaxNode callee = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? access : identifier;
                    if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                        || !InsideOnceGate(invocation, field, model, known, cancellationToken))
                    {
                        return false; // Taken as a delegate, called on another object, or called without the gate.
                    }

                    calls++;
                }
            }

            return calls > 0;
        }

        /// <summary>Whether <paramref name="invocation"/> is in the branch of an <c>if (Interlocked.Increment(ref n) == C)</c> with a gate as wide as the field.</summary>
        private static bool InsideOnceGate(InvocationExpressionSyntax invocation, IFieldSymbol field, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            SyntaxNode inner = invocation;
            foreach (var ancestor in invocation.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax)
                {
                    return false;
                }

                if (ancestor is IfStatementSyntax branch && branch.Statement == inner
                    && model.GetOperation(branch.Condition, cancellationToken) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } test
                    && GateCall(test, known) is { } increment
                    && InterlockedMisuseFacts.GetArgument(increment, 0)?.Value is { } gate
                    && OnlyIncremented(gate, increment, field, model, known, cancellationToken))
                {
                    return true;
                }

                inner = ancestor;
            }

            return false;
        }

        /// <summary>The <c>Interlocked.Increment</c> compared with a constant in <paramref name="test"/>, if it is one.</summary>
        private static IInvocationOperation? GateCall(IBinaryOperation test, KnownSymbols known)
        {
            var left = test.LeftOperand.WalkDownConversions();
            var right = test.RightOperand.WalkDownConversions();
            var (call, constant) = left is IInvocationOperation ? (left as IInvocationOperation, right) : (right as IInvocationOperation, left);
            return call != null && constant != null && constant.ConstantValue.HasValue
                && InterlockedMethodKinds.KindOf(call.TargetMethod, known) == InterlockedMethodKind.Increment ? call : null;
        }

        /// <summary>
        /// Whether the gate is as wide as the field (see the type's summary) and nothing but <c>Interlocked.Increment</c>
        /// writes it after it is made.
        /// </summary>
        private static bool OnlyIncremented(IOperation gate, IInvocationOperation increment, IFieldSymbol field, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            switch (gate)
            {
                case IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private } gateField } reference
                    when gateField.IsStatic || (!field.IsStatic && reference.Instance is IInstanceReferenceOperation
                        && SymbolEqualityComparer.Default.Equals(gateField.ContainingType, field.ContainingType)):
                    return SingleStoredValue.EveryLaterWrite(increment, gateField, model, cancellationToken, write => IsIncrementOf(write, model, known, cancellationToken));
                case ILocalReferenceOperation local when !field.IsStatic:
                    return local.Local.DeclaringSyntaxReferences.Length == 1
                        && local.Local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is { } constructor
                        && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                        && !InLoop(local.Local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), constructor)
                        && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(constructor, cancellationToken)?.ContainingType, field.ContainingType)
                        && LocalOnlyIncremented(constructor, local.Local, model, known, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>Whether the declaration is in a loop of the constructor (a new local, and a new gate, per iteration).</summary>
        private static bool InLoop(SyntaxNode declaration, ConstructorDeclarationSyntax constructor)
        {
            foreach (var ancestor in declaration.Ancestors())
            {
                if (ancestor == constructor)
                {
                    return false;
                }

                if (ancestor.IsLoop())
                {
                    return true;
                }
            }

            return true;
        }

        /// <summary>Whether every mention of the constructor's local after its declaration is the <c>ref</c> argument of an <c>Interlocked.Increment</c>.</summary>
        private static bool LocalOnlyIncremented(ConstructorDeclarationSyntax constructor, ILocalSymbol local, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
        {
            foreach (var node in constructor.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)
                    && !(identifier.Parent is ArgumentSyntax argument && IsIncrementOf(argument, model, known, cancellationToken)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether <paramref name="write"/> is the <c>ref</c> argument of an <c>Interlocked.Increment</c>.</summary>
        private static bool IsIncrementOf(SyntaxNode write, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
            => write is ArgumentSyntax argument && argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
                && argument.Parent?.Parent is InvocationExpressionSyntax invocation
                && model.GetOperation(invocation, cancellationToken) is IInvocationOperation call
                && InterlockedMethodKinds.KindOf(call.TargetMethod, known) == InterlockedMethodKind.Increment;
    }
}
