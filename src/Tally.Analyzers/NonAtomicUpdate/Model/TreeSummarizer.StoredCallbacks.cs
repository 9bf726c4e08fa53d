using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Callbacks handed to an ordinary method that passes them on (<c>client.ScanAll(..., OnRecord)</c>, whose body makes
    /// <c>new ScanCommand(node, ..., callback)</c> per node): the method's delegate parameter is a pseudo function
    /// (<see cref="ParameterKeyPrefix"/>) that calls every delegate handed to it, and a parameter passed on to another
    /// source method or constructor is called by that callee's parameter in turn. With the constructor's stored-only
    /// field (TreeSummarizer.DelegateFields.cs) the callback runs where the field is invoked, in whatever context runs
    /// the command. The code that handed the delegate keeps its escaping call of it, unless the method only passes the
    /// parameter on (a "stored only" marker for the parameter, ConcurrencyModel.StoredCallbacks.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// A delegate created as the argument of an ordinary source method: that method's parameter calls it (a pseudo
        /// function that only the method's own forwards call; the escape from the code that handed it stays as before).
        /// </summary>
        private void HandedToMethodParameter(string functionKey, IOperation argumentValue, IOperation delegateOperation)
        {
            if (argumentValue.Parent is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation invocation }
                && parameter.Type.TypeKind == TypeKind.Delegate
                && (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod) is { MethodKind: MethodKind.Ordinary } method
                && method.IsDeclaredInSource() && Key(method.OriginalDefinition) is { } methodKey)
            {
                var parameterKey = ParameterKey(methodKey, (invocation.TargetMethod.ReducedFrom != null ? 1 : 0) + parameter.Ordinal);
                _summary.Calls.Add(new CallFact(parameterKey, functionKey, null, escapes: false, sameObject: MadeOnceFromThis(delegateOperation)));
            }
        }

        /// <summary>
        /// Whether the handed delegate is one value on the handing code's own object in every run of the method it is
        /// handed to: a method group on <c>this</c> or a static method, or a lambda (whose object is the enclosing code's),
        /// made outside any loop of the handing code (the delegate value the method's parameter then calls, see
        /// <see cref="CallFact.SameObject"/>; ConcurrencyModel.StoredCallbacks.cs follows it into the commands' field).
        /// </summary>
        private static bool MadeOnceFromThis(IOperation delegateOperation)
        {
            var fromThis = delegateOperation switch
            {
                IMethodReferenceOperation reference => reference.Method.IsStatic || reference.Instance.WalkDownConversions() is IInstanceReferenceOperation,
                IAnonymousFunctionOperation => true,
                _ => false,
            };
            if (!fromThis)
            {
                return false;
            }

            for (var node = delegateOperation.Syntax.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case var loop when loop.IsLoop():
                        return false;
                    case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return true;
                }
            }

            return true;
        }

        /// <summary>A delegate parameter of a method passed on as the argument of a source method or constructor.</summary>
        private void ForwardedDelegateParameter(IParameterReferenceOperation reference)
        {
            if (reference.Type?.TypeKind != TypeKind.Delegate
                || !(reference.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } owner))
            {
                return;
            }

            IOperation current = reference;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            if (!(current.Parent is IArgumentOperation { Parameter: { } target } argument))
            {
                return;
            }

            var callee = argument.Parent switch
            {
                IObjectCreationOperation creation => creation.Constructor,
                IInvocationOperation { TargetMethod.MethodKind: MethodKind.Ordinary or MethodKind.Constructor } invocation => invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod,
                _ => null,
            };
            if (callee == null || !callee.IsDeclaredInSource() || SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, owner.OriginalDefinition))
            {
                return;
            }

            var calleeKey = callee.MethodKind == MethodKind.Constructor ? Key(callee) : Key(callee.OriginalDefinition);
            var ownerKey = owner.MethodKind == MethodKind.Constructor ? Key(owner) : Key(owner.OriginalDefinition);
            if (calleeKey == null || ownerKey == null)
            {
                return;
            }

            var shift = argument.Parent is IInvocationOperation { TargetMethod.ReducedFrom: not null } ? 1 : 0;
            var ownerParameter = ParameterKey(ownerKey, reference.Parameter.Ordinal);
            _summary.Calls.Add(new CallFact(ParameterKey(calleeKey, shift + target.Ordinal), ownerParameter, null, escapes: false));
            if ((_forwardedOnly ??= new HashSet<string>()).Add(ownerParameter) && OnlyForwarded(reference.Parameter, owner))
            {
                // Only passed on: the code that handed the delegate to the owner does not run it through this parameter.
                _summary.Calls.Add(new CallFact(ownerKey, StoredOnlyKeyOf(ownerParameter), null, escapes: false));
            }
        }

        private HashSet<string>? _forwardedOnly;

        /// <summary>
        /// Whether every mention of the delegate parameter in its method (declared in this tree only) is an argument of a
        /// call or creation of another source method or constructor: the method neither invokes it nor keeps it.
        /// </summary>
        private bool OnlyForwarded(IParameterSymbol parameter, IMethodSymbol owner)
            => EveryMention(parameter, owner, identifier => ForwardedMention(identifier, owner));

        /// <summary>
        /// Whether the identifier named like the parameter is a member's name (<c>x.callback</c>) or an argument of a call or
        /// creation of another source method or constructor.
        /// </summary>
        private bool ForwardedMention(IdentifierNameSyntax identifier, IMethodSymbol owner)
            => (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
                || (identifier.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } }
                    && call is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax
                    && _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol callee
                    && callee.IsDeclaredInSource() && !SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, owner.OriginalDefinition)
                    && callee.MethodKind is MethodKind.Ordinary or MethodKind.Constructor);
    }
}
