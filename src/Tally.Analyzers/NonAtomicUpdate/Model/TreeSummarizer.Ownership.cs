using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Facts for objects handed down through parameters: which functions return only new objects, which arguments of a
    /// call may be objects the caller just made, and which writes and calls go through a parameter. The model decides,
    /// across trees, whether a parameter only ever receives fresh objects (each run of the function then has its own).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Whether every return of the body hands out a <c>new</c> object or nothing (and at least one is new).</summary>
        private static bool ReturnsOnlyNew(IOperation body, ISymbol symbol)
        {
            if (!(symbol is IMethodSymbol { ReturnsVoid: false, ReturnsByRef: false } method) || !method.ReturnType.IsReferenceType)
            {
                return false;
            }

            var any = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } returned && InSameFunction(returned, body))
                {
                    var walked = value.WalkDownConversions();
                    if (walked is IObjectCreationOperation || IsLocalMadeWithNew(walked))
                    {
                        any = true;
                    }
                    else if (!(walked is ILiteralOperation or IDefaultValueOperation) || !walked.ConstantValue.HasValue || walked.ConstantValue.Value != null)
                    {
                        return false;
                    }
                }
            }

            return any;
        }

        /// <summary>A local declared with a <c>new</c> initializer (<c>var job = new Job(id); ...; return job;</c>).</summary>
        private static bool IsLocalMadeWithNew(IOperation? value)
            => value is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax };

        private static bool InSameFunction(IOperation operation, IOperation body)
        {
            for (var parent = operation.Parent; parent != null && parent != body; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The ordinal of the function's own parameter that <paramref name="receiver"/> is, or -1.</summary>
        private static int ParameterOrdinal(IOperation? receiver, FunctionBuilder function)
            => receiver.WalkDownConversions() is IParameterReferenceOperation parameter
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function.Symbol)
                ? parameter.Parameter.Ordinal
                : -1;

        /// <summary>The arguments of a call of a source method that may be fresh objects.</summary>
        private ImmutableArray<ArgumentFact> ArgumentFacts(IInvocationOperation invocation, FunctionBuilder function)
        {
            ImmutableArray<ArgumentFact>.Builder? builder = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter == null || argument.ArgumentKind != ArgumentKind.Explicit || !argument.Parameter.Type.IsReferenceType)
                {
                    continue;
                }

                var fact = ArgumentFactOf(argument.Value, argument.Parameter.Ordinal, function);
                if (fact.HasValue)
                {
                    (builder ??= ImmutableArray.CreateBuilder<ArgumentFact>()).Add(fact.Value);
                }
            }

            return builder?.ToImmutable() ?? ImmutableArray<ArgumentFact>.Empty;
        }

        private ArgumentFact? ArgumentFactOf(IOperation value, int ordinal, FunctionBuilder function)
        {
            switch (value.WalkDownConversions())
            {
                case IObjectCreationOperation:
                    return new ArgumentFact(ordinal, isNew: true, null, -1);
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function.Symbol):
                    return new ArgumentFact(ordinal, isNew: false, null, parameter.Parameter.Ordinal);
                case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.Length == 1:
                    var declaration = local.Local.DeclaringSyntaxReferences[0];
                    if (declaration.SyntaxTree != _model.SyntaxTree || !function.Span.Contains(declaration.Span)
                        || !(declaration.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }))
                    {
                        return null;
                    }

                    if (IsOwnedReceiver(value, function))
                    {
                        return new ArgumentFact(ordinal, isNew: true, null, -1); // new, or a Create*-style factory
                    }

                    if (_model.GetOperation(initializer, _cancellationToken).WalkDownConversions() is IInvocationOperation factory
                        && (factory.TargetMethod.ReducedFrom ?? factory.TargetMethod).IsDeclaredInSource()
                        && Key(factory.TargetMethod.ReducedFrom ?? factory.TargetMethod) is { } factoryKey)
                    {
                        return new ArgumentFact(ordinal, isNew: false, factoryKey, -1);
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
