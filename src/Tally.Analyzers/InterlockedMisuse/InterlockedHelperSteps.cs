using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// A statement that calls a private helper of the same type whose only statement is an Interlocked step with its result
    /// discarded (<c>AddCore(n);</c> with <c>AddCore</c> doing <c>Interlocked.Add(ref _value, n)</c>, or <c>Step(ref _value, n);</c>
    /// with <c>Step</c> doing <c>Interlocked.Add(ref location, n)</c>): for TALLY007 it is the step itself, so the reads of
    /// the field that follow it in the same block are re-reads. Followed only when the helper cannot be replaced (private,
    /// not virtual), is declared in the same tree (its body is read from the semantic model at hand: no other tree is
    /// bound), does nothing else (one statement, no condition, no lock around the step), and is called on <c>this</c> (or is
    /// static), so its field is the caller's.
    /// </summary>
    internal static class InterlockedHelperSteps
    {
        /// <summary>
        /// The field <paramref name="helperCall"/> steps through its helper, and the Interlocked method it uses; false when
        /// the call is not such a helper call.
        /// </summary>
        public static bool TryGetStep(IInvocationOperation helperCall, ISymbol caller, KnownSymbols known, out StorageReference location, out InterlockedMethodKind kind)
        {
            location = default;
            kind = InterlockedMethodKind.Other;
            var helper = helperCall.TargetMethod;
            if (helper.DeclaredAccessibility != Accessibility.Private || helper.IsVirtual || helper.IsAbstract || helper.IsOverride
                || helper.MethodKind != MethodKind.Ordinary || helper.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(helper.ContainingType, caller.ContainingType)
                || (!helper.IsStatic && !(helperCall.Instance.WalkDownConversions() is IInstanceReferenceOperation))
                || helperCall.SemanticModel is not { } model
                || helper.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
                || !(helper.DeclaringSyntaxReferences[0].GetSyntax() is MethodDeclarationSyntax declaration))
            {
                return false;
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody?.Expression;
            if (body == null || (declaration.Body != null && declaration.Body.Statements.Count != 1))
            {
                return false;
            }

            var step = (declaration.Body != null ? model.GetOperation(declaration.Body.Statements[0]) : model.GetOperation(body)?.Parent) switch
            {
                IExpressionStatementOperation statement => statement.AsStatementCall() is { } call && call.DiscardingStatement() == statement ? call : null,
                _ => null,
            };
            if (step == null || !KnownSymbols.Is(step.TargetMethod.ContainingType, known.Interlocked))
            {
                return false;
            }

            kind = InterlockedMethodKinds.KindOf(step.TargetMethod, known);
            if (kind == InterlockedMethodKind.Other || !(kind.ReturnsNewValue() || kind == InterlockedMethodKind.Exchange))
            {
                return false;
            }

            var target = InterlockedMisuseFacts.GetArgument(step, 0)?.Value;
            if (target.WalkDownConversions() is IParameterReferenceOperation { Parameter: { RefKind: RefKind.Ref } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, helper))
            {
                // Step(ref _value, n): the caller's argument is the field; the step's other arguments are the helper's own values.
                if (!OtherArgumentsAreParametersOrConstants(step, helper) || parameter.Ordinal >= helperCall.Arguments.Length)
                {
                    return false;
                }

                foreach (var argument in helperCall.Arguments)
                {
                    if (argument.Parameter?.Ordinal == parameter.Ordinal)
                    {
                        return InterlockedMisuseLocation.TryCreate(argument.Value, out location) && location.IsFieldOfThisOrStatic();
                    }
                }

                return false;
            }

            return InterlockedMisuseLocation.TryCreate(target, out location) && location.IsFieldOfThisOrStatic()
                && OtherArgumentsAreParametersOrConstants(step, helper);
        }

        /// <summary>Whether the step's arguments after the first are the helper's parameters or constants: it reads nothing else.</summary>
        private static bool OtherArgumentsAreParametersOrConstants(IInvocationOperation step, IMethodSymbol helper)
        {
            for (var i = 1; i < step.Arguments.Length; i++)
            {
                var value = step.Arguments[i].Value.WalkDownConversions();
                if (value is { ConstantValue.HasValue: true })
                {
                    continue;
                }

                if (!(value is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }) || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, helper))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
