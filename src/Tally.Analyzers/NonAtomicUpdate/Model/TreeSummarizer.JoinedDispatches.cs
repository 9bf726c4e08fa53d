using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The facts of fork-join dispatches (ConcurrencyModel.JoinedDispatches.cs): delegates handed to a call that returns
    /// only when their runs have ended, delegates a constructor keeps in a field for such calls, and which methods
    /// wait for the delegate they are given.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The worker key of a delegate field read as a dispatch's argument (<see cref="JoinedHandFact.WorkerKey"/>).</summary>
        internal static string JoinedFieldKey(string fieldKey) => "joined-field:" + fieldKey;

        /// <summary>
        /// The delegates handed by <paramref name="invocation"/> when it is a fork-join dispatch: <c>Parallel.For</c>,
        /// <c>ForEach</c> or <c>Invoke</c>, or an ordinary source method taking them as delegate parameters.
        /// </summary>
        private void JoinedHands(IInvocationOperation invocation, FunctionBuilder function)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var parallel = KnownSymbols.Is(method.ContainingType, _known.Parallel) && method.Name is "For" or "ForEach" or "Invoke";
            if (!parallel && (method.MethodKind != MethodKind.Ordinary || !method.IsDeclaredInSource()))
            {
                return;
            }

            StatementPlace? place = null;
            var shift = invocation.TargetMethod.ReducedFrom != null ? 1 : 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || (!parallel && parameter.Type.TypeKind != TypeKind.Delegate))
                {
                    continue;
                }

                // Parallel.Invoke(params Action[]): each action of the array made for the call.
                var values = parallel && argument.Value is IArrayCreationOperation { Initializer: { } initializer } ? initializer.ElementValues : ImmutableArray.Create(argument.Value);
                foreach (var value in values)
                {
                    if (WorkerOf(value) is not { } worker)
                    {
                        continue;
                    }

                    place ??= StatementPlace.Of(invocation);
                    var methodKey = parallel ? null : Key(method.OriginalDefinition);
                    if (place == null || (!parallel && methodKey == null))
                    {
                        return;
                    }

                    _summary.JoinedHands.Add(new JoinedHandFact(worker, function.Key, place, methodKey == null ? null : ParameterKey(methodKey, shift + parameter.Ordinal)));
                }
            }
        }

        /// <summary>The worker key of a delegate argument: a source method group, a lambda, or a delegate field of <c>this</c>.</summary>
        private string? WorkerOf(IOperation value)
        {
            var current = value;
            while (current is IConversionOperation or IDelegateCreationOperation)
            {
                current = current is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)current).Target;
            }

            return current switch
            {
                IMethodReferenceOperation reference when reference.Method.IsDeclaredInSource() => Key(reference.Method),
                IAnonymousFunctionOperation lambda => SymbolKeys.OfNested(lambda.Syntax.SyntaxTree, lambda.Syntax.SpanStart),
                IFieldReferenceOperation { Field: { IsStatic: false, Type.TypeKind: TypeKind.Delegate } field, Instance: IInstanceReferenceOperation } when Key(field) is { } fieldKey => JoinedFieldKey(fieldKey),
                _ => null,
            };
        }

        /// <summary>
        /// <c>_worker = Work;</c> in a constructor, for a private instance delegate field whose type (declared in this tree
        /// only) mentions it otherwise only as arguments of calls: the worker runs only where those calls run it.
        /// </summary>
        private void HeldWorker(ISimpleAssignmentOperation assignment, FunctionBuilder function)
        {
            if (function.Symbol is not IMethodSymbol { MethodKind: MethodKind.Constructor }
                || assignment.Target.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsStatic: false, DeclaredAccessibility: Accessibility.Private, Type.TypeKind: TypeKind.Delegate } field, Instance: IInstanceReferenceOperation }
                || WorkerOf(assignment.Value) is not { } worker || worker.StartsWith("joined-field:", System.StringComparison.Ordinal) || Key(field) is not { } fieldKey)
            {
                return;
            }

            var type = field.ContainingType;
            if (type.DeclaringSyntaxReferences.Length != 1 || type.DeclaringSyntaxReferences[0].SyntaxTree != _model.SyntaxTree)
            {
                return;
            }

            var uses = 0;
            foreach (var node in type.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name || assignment.Target.Syntax.Span.Contains(identifier.Span))
                {
                    continue;
                }

                SyntaxNode reference = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? access : identifier;
                if (reference.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } })
                {
                    return; // Read, invoked or stored elsewhere: it may run anywhere.
                }

                uses++;
            }

            _summary.HeldWorkers.Add(new HeldWorkerFact(worker, function.Key, fieldKey, uses));
        }

        /// <summary>
        /// For a method with a body and delegate parameters: whether it waits for each one (<see cref="DispatchJoinFact"/>),
        /// as its own parameter and as one of every method it overrides or implements.
        /// </summary>
        private void DispatchJoins(IOperation body, ISymbol symbol, string key)
        {
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || method.Parameters.IsEmpty)
            {
                return;
            }

            ImmutableArray<string> overridden = default;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.TypeKind != TypeKind.Delegate)
                {
                    continue;
                }

                var joins = !method.IsAsync && WaitsFor(body, parameter); // An async method returns at its first await.
                _summary.DispatchJoins.Add(new DispatchJoinFact(ParameterKey(key, parameter.Ordinal), joins));
                if (overridden.IsDefault)
                {
                    overridden = OverriddenKeys(method, out _);
                }

                foreach (var other in overridden)
                {
                    _summary.DispatchJoins.Add(new DispatchJoinFact(ParameterKey(other, parameter.Ordinal), joins));
                }
            }
        }

        /// <summary>
        /// Whether every mention of <paramref name="parameter"/> in <paramref name="body"/> (none in a lambda or local
        /// function) invokes it, or hands it on in a statement followed in its block by a wait that returns only when its
        /// waited object is signalled (<c>WaitOne()</c>, <c>Wait()</c>, <c>Join()</c>, <c>SignalAndWait()</c> without a
        /// timeout, <c>Task.WaitAll(tasks)</c>), with no statement between them that returns, jumps or throws.
        /// </summary>
        private static bool WaitsFor(IOperation body, IParameterSymbol parameter)
        {
            var any = false;
            foreach (var operation in body.Descendants())
            {
                if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                {
                    continue;
                }

                any = true;
                if (InNestedFunction(reference))
                {
                    return false; // Captured: it may run whenever the lambda does.
                }

                if (reference.Parent is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke && invoke.Instance == reference)
                {
                    continue; // Run on the calling thread, before the method returns.
                }

                if (!WaitFollows(reference))
                {
                    return false;
                }
            }

            return any;
        }

        private static bool InNestedFunction(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WaitFollows(IOperation use)
        {
            IOperation child = use;
            var parent = use.Parent;
            while (parent != null && parent is not IBlockOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            if (parent is not IBlockOperation block)
            {
                return false;
            }

            for (var i = block.Operations.IndexOf(child) + 1; i < block.Operations.Length; i++)
            {
                var statement = block.Operations[i];
                if (statement is IExpressionStatementOperation { Operation: IInvocationOperation wait } && IsFullWait(wait))
                {
                    return true;
                }

                foreach (var operation in statement.DescendantsAndSelf())
                {
                    if (operation is IReturnOperation or IBranchOperation or IThrowOperation)
                    {
                        return false;
                    }
                }
            }

            return false;
        }

        /// <summary>A wait with no timeout or token: it returns only once what it waits for is done or signalled.</summary>
        private static bool IsFullWait(IInvocationOperation wait)
            => (wait.TargetMethod.Name is "WaitOne" or "Wait" or "Join" or "SignalAndWait" && wait.Arguments.Length == 0 && wait.Instance != null)
                || (wait.TargetMethod.Name == "WaitAll" && wait.TargetMethod.IsStatic && wait.Arguments.Length == 1
                    && wait.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString() is "System.Threading" or "System.Threading.Tasks");
    }
}
