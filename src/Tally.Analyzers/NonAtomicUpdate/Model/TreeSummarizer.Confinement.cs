using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Confinement to a single-threaded executor (an event loop): code that only runs on the executor's one thread
    /// cannot overlap with other code confined to the same executor, exactly as if both held one lock. The model records
    /// it as a lock whose key is the executor's field (see <see cref="ConfinementKeyPrefix"/>), in three shapes:
    /// <list type="bullet">
    /// <item>a function that asserts it runs there (<c>Debug.Assert(this.executor.InEventLoop)</c>, <c>Contract.Assert</c>);</item>
    /// <item>a call in the branch where the executor says the current thread is its own
    /// (<c>if (executor.InEventLoop) Run(); else executor.Execute(Run);</c>, or after <c>if (!executor.InEventLoop) { ...; return; }</c>);</item>
    /// <item>a delegate handed to a method of the executor (<c>executor.Execute(Run)</c>): the executor runs it on its thread.</item>
    /// </list>
    /// Which property says "the current thread is the executor's" is the option <c>tally.confining_properties</c>
    /// (default <c>InEventLoop</c>). The executor must be one object: a field or property of the code's object (or a
    /// local initialised from one), never a parameter, whose identity is unknown.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The prefix of a lock key that stands for confinement to an executor, not a lock object.</summary>
        internal const string ConfinementKeyPrefix = "confined:";

        /// <summary><c>X.Assert(executor.InEventLoop, ...)</c>: the function runs on the executor's thread.</summary>
        private bool ConfinementAssertion(IInvocationOperation invocation, FunctionBuilder function)
        {
            if (invocation.TargetMethod.Name != "Assert" || invocation.Arguments.Length == 0 || _options.ConfiningProperties.IsEmpty)
            {
                return false;
            }

            var confinement = ConfiningCheck(invocation.Arguments[0].Value, negated: false, invocation);
            if (confinement == null)
            {
                return false;
            }

            function.AssertedLock ??= confinement;
            return true;
        }

        /// <summary>The confinement of a call made only where a confining property is true (the hop's "already there" branch).</summary>
        private LockFact? ConfinementAt(IOperation operation)
        {
            if (_options.ConfiningProperties.IsEmpty)
            {
                return null;
            }

            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child:
                        if (ConfiningCheck(conditional.Condition, negated: false, operation) is { } whenTrue)
                        {
                            return whenTrue;
                        }

                        break;
                    case IConditionalOperation conditional when conditional.WhenFalse == child:
                        if (ConfiningCheck(conditional.Condition, negated: true, operation) is { } whenFalse)
                        {
                            return whenFalse;
                        }

                        break;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            // if (!executor.InEventLoop) { executor.Execute(...); return; }: the rest runs on the executor.
                            if (statement is IConditionalOperation { WhenTrue: { } hop, WhenFalse: null } early && ExitsEarly(hop)
                                && ConfiningCheck(early.Condition, negated: true, operation) is { } afterHop)
                            {
                                return afterHop;
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The confinement of a delegate handed to a method of an executor (<c>executor.Execute(Run)</c>,
        /// <c>executor.Schedule(task, delay)</c>): a type that has a confining property runs what it is given on its thread.
        /// </summary>
        private LockFact? PostedConfinement(IOperation delegateOperation)
        {
            if (_options.ConfiningProperties.IsEmpty)
            {
                return null;
            }

            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (!(current.Parent is IArgumentOperation { Parent: IInvocationOperation { Instance: { } executor } post })
                || !HasConfiningProperty(executor.Type))
            {
                return null;
            }

            return ConfinementOf(executor, post);
        }

        /// <summary>
        /// <c>executor.InEventLoop</c> (or its negation when <paramref name="negated"/>), possibly one side of an
        /// <c>&amp;&amp;</c> (when true) or <c>||</c> (when false): the confinement it proves.
        /// </summary>
        private LockFact? ConfiningCheck(IOperation condition, bool negated, IOperation at)
        {
            switch (condition.WalkDownConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return ConfiningCheck(negation.Operand, !negated, at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when !negated:
                    return ConfiningCheck(both.LeftOperand, negated, at) ?? ConfiningCheck(both.RightOperand, negated, at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when negated:
                    return ConfiningCheck(either.LeftOperand, negated, at) ?? ConfiningCheck(either.RightOperand, negated, at);
                case IPropertyReferenceOperation { Instance: { } executor } property when !negated && IsConfiningProperty(property.Property.Name):
                    return ConfinementOf(executor, at);
                default:
                    return null;
            }
        }

        /// <summary>The confinement lock of an executor expression: a field or property of this object or a static, or <c>this</c>.</summary>
        private LockFact? ConfinementOf(IOperation executor, IOperation at)
        {
            var value = executor.WalkDownConversions();
            if (value is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                && local.Local.DeclaringSyntaxReferences[0].SyntaxTree == _model.SyntaxTree)
            {
                // IEventLoop loop = this.EventLoop; if (loop.InEventLoop) ...: the local names the field's executor.
                value = _model.GetOperation(initializer, _cancellationToken).WalkDownConversions();
            }

            ISymbol? symbol = value switch
            {
                IFieldReferenceOperation field when IsObjectRooted(field.Instance) || field.Field.IsStatic => field.Field,
                IPropertyReferenceOperation { Arguments.Length: 0 } property when IsObjectRooted(property.Instance) || property.Property.IsStatic => property.Property,
                IInstanceReferenceOperation instance => instance.Type,
                _ => null,
            };
            var key = Key(symbol is ITypeSymbol type ? type.OriginalDefinition : symbol?.OriginalDefinition);
            return key == null ? null : new LockFact(ConfinementKeyPrefix + key, exclusive: true, at.Syntax.GetLocation());
        }

        /// <summary>Whether a receiver is <c>this</c> or a chain of fields and properties from it (<c>this.pool.executor</c>).</summary>
        private static bool IsObjectRooted(IOperation? instance)
        {
            var current = instance.WalkDownConversions();
            while (true)
            {
                switch (current)
                {
                    case IInstanceReferenceOperation:
                        return true;
                    case IFieldReferenceOperation field:
                        if (field.Field.IsStatic)
                        {
                            return true;
                        }

                        current = field.Instance.WalkDownConversions();
                        continue;
                    case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                        if (property.Property.IsStatic)
                        {
                            return true;
                        }

                        current = property.Instance.WalkDownConversions();
                        continue;
                    default:
                        return false;
                }
            }
        }

        private bool IsConfiningProperty(string name)
        {
            foreach (var configured in _options.ConfiningProperties)
            {
                if (configured == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type, a base type or an interface it implements declares a confining property.</summary>
        private bool HasConfiningProperty(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (DeclaresConfiningProperty(current))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (DeclaresConfiningProperty(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DeclaresConfiningProperty(ITypeSymbol type)
        {
            foreach (var name in _options.ConfiningProperties)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean })
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
