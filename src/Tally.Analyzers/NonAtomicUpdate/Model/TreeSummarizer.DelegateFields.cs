using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Delegates handed to a constructor and kept in a field that the type only ever invokes
    /// (<c>new TimeoutTask(this, this.OnTimeout)</c>, whose <c>Run</c> calls <c>_onTimeout(task)</c>): the delegate runs
    /// where the field is invoked, not where the object was made. The model links them with two kinds of pseudo
    /// functions: the constructor's parameter (<see cref="ParameterKeyPrefix"/>), which calls every delegate passed to it,
    /// and the field (<see cref="DelegateFieldKeyPrefix"/>), which calls the parameter stored in it and is called by every
    /// invocation of the field. By default the parameter escapes from the code that made the object (it may run anywhere);
    /// only when the constructor does nothing with it but store it in such a field (a "stored only" marker) does the model
    /// drop that escape.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        internal const string ParameterKeyPrefix = "param:";
        internal const string StoredOnlyKeyPrefix = "stored-only:";
        internal const string DelegateFieldKeyPrefix = "delegate:";

        /// <summary>The pseudo function of a method's or constructor's delegate parameter (<c>param:KEY#ordinal</c>).</summary>
        internal static string ParameterKey(string methodKey, int ordinal)
            => ParameterKeyPrefix + methodKey + "#" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The marker that a parameter's method only stores it or passes it on (<see cref="StoredOnlyKeyPrefix"/>), for the parameter's key.</summary>
        internal static string StoredOnlyKeyOf(string parameterKey) => StoredOnlyKeyPrefix + parameterKey.Substring(ParameterKeyPrefix.Length);

        /// <summary>The calls for a delegate handed on by <paramref name="callerKey"/> that no start site runs.</summary>
        private void HandedDelegate(string callerKey, string functionKey, IOperation delegateOperation)
        {
            if (PostedToUiThread(functionKey, delegateOperation)) // TreeSummarizer.UiThread.cs
            {
                return;
            }

            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IArgumentOperation { Parameter: { } parameter, Parent: IObjectCreationOperation { Constructor: { } constructor } }
                && constructor.IsDeclaredInSource() && Key(constructor) is { } constructorKey)
            {
                HandedToConstructor(callerKey, ParameterKey(constructorKey, parameter.Ordinal), functionKey); // TreeSummarizer.HandedSites.cs
                return;
            }

            var posted = PostedConfinement(delegateOperation);
            if (posted == null)
            {
                HandedToMethodParameter(functionKey, current, delegateOperation); // TreeSummarizer.StoredCallbacks.cs; not for a post to an executor
            }

            _summary.Calls.Add(new CallFact(callerKey, functionKey, posted, escapes: true));
        }

        /// <summary><c>_field = parameter;</c> in a constructor, for a delegate parameter the constructor does nothing else with.</summary>
        private void StoredDelegateParameter(ISimpleAssignmentOperation assignment, FunctionBuilder function)
        {
            if (!(function.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                || !(assignment.Value.WalkDownConversions() is IParameterReferenceOperation { Parameter: { Type.TypeKind: TypeKind.Delegate } parameter })
                || !(assignment.Target.WalkDownConversions() is IFieldReferenceOperation { Field: { IsStatic: false, DeclaredAccessibility: Accessibility.Private } field } target)
                || !(target.Instance.WalkDownConversions() is IInstanceReferenceOperation)
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor)
                || !OnlyStored(parameter, constructor, assignment.Syntax) || !OnlyInvoked(field, assignment.Syntax))
            {
                return;
            }

            var constructorKey = Key(constructor);
            var fieldKey = Key(field);
            if (constructorKey == null || fieldKey == null)
            {
                return;
            }

            var parameterKey = ParameterKey(constructorKey, parameter.Ordinal);
            _summary.Calls.Add(new CallFact(function.Key, StoredOnlyKeyOf(parameterKey), null, escapes: false));
            _summary.Calls.Add(new CallFact(DelegateFieldKeyPrefix + fieldKey, parameterKey, null, escapes: false));
        }

        /// <summary>An invocation of a delegate field of this object (<c>_onTimeout(task)</c>, <c>this.onTimeout.Invoke(task)</c>).</summary>
        private bool DelegateFieldCall(IInvocationOperation invocation, FunctionBuilder function)
        {
            if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                || !(invocation.Instance.WalkDownConversions() is IFieldReferenceOperation { Field.IsStatic: false } field)
                || !(field.Instance.WalkDownConversions() is IInstanceReferenceOperation)
                || Key(field.Field) is not { } fieldKey)
            {
                return false;
            }

            var held = Locks(invocation, function, out var outer);
            _summary.Calls.Add(new CallFact(function.Key, DelegateFieldKeyPrefix + fieldKey, held ?? ConfinementAt(invocation), escapes: false, outerLocks: outer));
            return true;
        }

        /// <summary>Whether the constructor's only use of the parameter is the assignment at <paramref name="store"/>.</summary>
        private bool OnlyStored(IParameterSymbol parameter, IMethodSymbol constructor, SyntaxNode store)
            => EveryMention(parameter, constructor, identifier => store.Span.Contains(identifier.Span));

        /// <summary>
        /// Whether <paramref name="allowed"/> holds for every identifier named like the parameter in its method's
        /// declarations, all of which must be in this tree (a syntax scan: no binding unless the predicate binds).
        /// </summary>
        private bool EveryMention(IParameterSymbol parameter, IMethodSymbol owner, System.Func<IdentifierNameSyntax, bool> allowed)
        {
            foreach (var reference in owner.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != _model.SyntaxTree)
                {
                    return false;
                }

                foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == parameter.Name && !allowed(identifier))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Whether every mention of the private field in its type (declared in this tree only) is the store at
        /// <paramref name="store"/> or an invocation of the field on this object: nobody reads it to hand it elsewhere.
        /// </summary>
        private bool OnlyInvoked(IFieldSymbol field, SyntaxNode store)
        {
            var type = field.ContainingType;
            if (type == null || type.DeclaringSyntaxReferences.Length != 1 || type.DeclaringSyntaxReferences[0].SyntaxTree != _model.SyntaxTree)
            {
                return false;
            }

            foreach (var node in type.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax identifier) || identifier.Identifier.ValueText != field.Name || store.Span.Contains(identifier.Span)
                    || identifier.Parent is VariableDeclaratorSyntax)
                {
                    continue;
                }

                SyntaxNode reference = identifier;
                if (identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier)
                {
                    reference = access;
                }

                var invoked = reference.Parent is InvocationExpressionSyntax call && call.Expression == reference
                    || (reference.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } invoke && invoke.Expression == reference
                        && invoke.Parent is InvocationExpressionSyntax);
                if (!invoked)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
