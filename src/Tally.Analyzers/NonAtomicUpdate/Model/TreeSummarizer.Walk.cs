using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The walk over one function's operations.</summary>
    internal sealed partial class TreeSummarizer
    {
        private void Walk(IOperation operation, FunctionBuilder function)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    Nested(lambda, lambda.Symbol, lambda.Body, function, FunctionFlags.Nested | FunctionFlags.Lambda | FunctionFlags.Private);
                    return;
                case ILocalFunctionOperation localFunction:
                    if (localFunction.Body != null)
                    {
                        Nested(localFunction, localFunction.Symbol, localFunction.Body, function, FunctionFlags.Nested | FunctionFlags.Private);
                    }

                    return;
                case IIncrementOrDecrementOperation:
                case ICompoundAssignmentOperation:
                case ISimpleAssignmentOperation:
                    Write(operation, function);
                    break;
                case IInvocationOperation invocation:
                    Invocation(invocation, function);
                    break;
                case IMethodReferenceOperation reference:
                    MethodReference(reference, function);
                    break;
                case ILockOperation lockOperation:
                    InstanceSynchronization(function, lockOperation.LockedValue, new HeldLock(lockOperation.Syntax, null).GetLocation(), "uses 'lock'");
                    break;
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        SemaphoreCount(field, fieldInitializer.Value);
                    }

                    break;
            }

            foreach (var child in operation.ChildOperations)
            {
                Walk(child, function);
            }
        }

        private void Nested(IOperation operation, IMethodSymbol symbol, IOperation body, FunctionBuilder parent, FunctionFlags flags)
        {
            var key = SymbolKeys.OfNested(operation.Syntax.SyntaxTree, operation.Syntax.SpanStart);
            var nested = new FunctionBuilder(key, symbol, flags, operation.Syntax.Span);
            if (operation is IAnonymousFunctionOperation lambda)
            {
                var site = StartSite.Find(lambda, _known, _options);
                if (site != null)
                {
                    AddEntry(key, parent.Key, site, lambda);
                    nested.Site = site;
                }
                else
                {
                    _summary.Calls.Add(new CallFact(parent.Key, key, null, escapes: true));
                    Handoff(key, lambda, parent);
                }
            }

            Walk(body, nested);
            var type = parent.Symbol.ContainingType;
            var name = (type?.Name is { } typeName ? typeName + "." : string.Empty) + (operation is ILocalFunctionOperation ? symbol.Name : DisplayName(parent.Symbol));
            _summary.Functions.Add(new FunctionFact(key, SymbolKeys.Of(type), name, nested.Flags, System.Collections.Immutable.ImmutableArray<string>.Empty, nested.AssertedLock));
        }

        private void AddEntry(string functionKey, string enclosingKey, StartSite site, IOperation delegateOperation)
        {
            _summary.Entries.Add(new EntryFact(functionKey, enclosingKey, site.Description, site.Syntax.GetLocation(), site.Multiplicity, IsRepeated(site.Syntax, delegateOperation), IsGuarded(delegateOperation)));
        }

        /// <summary>
        /// Whether the start is guarded: inside an <c>if</c> or a <c>??=</c> of its function, or after an
        /// <c>if (...) return;</c>. Guarded starts (<c>if (_loop == null) _loop = Task.Run(Loop)</c>) run once.
        /// </summary>
        private static bool IsGuarded(IOperation delegateOperation)
        {
            IOperation child = delegateOperation;
            for (var parent = delegateOperation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.Condition != child:
                    case ICoalesceAssignmentOperation:
                        return true;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IConditionalOperation { WhenTrue: { } whenTrue } && ExitsEarly(whenTrue))
                            {
                                return true;
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool ExitsEarly(IOperation operation)
            => operation is IReturnOperation or IThrowOperation
                || (operation is IBlockOperation { Operations.Length: > 0 } block && block.Operations[block.Operations.Length - 1] is IReturnOperation or IThrowOperation)
                || (operation is IExpressionStatementOperation { Operation: IThrowOperation });

        /// <summary>Whether the start site sits in a loop, or in a lambda, of its own function: it may start many runs.</summary>
        private bool IsRepeated(SyntaxNode site, IOperation delegateOperation)
        {
            for (var parent = delegateOperation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is ILoopOperation)
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation)
                {
                    return StartSite.Find(parent, _known, _options) == null;
                }

                if (parent is ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private void Write(IOperation operation, FunctionBuilder function)
        {
            var target = UpdateTarget.TryCreate(operation);
            if (target != null)
            {
                if (target.Kind == TargetKind.Local)
                {
                    return;
                }

                AddWrite(operation, target.Storage, target.Receiver, target.IsStatic, WriteKind.Update, "updated", function);
                return;
            }

            if (operation is ISimpleAssignmentOperation assignment)
            {
                var storage = StorageOf(assignment.Target, out var receiver);
                if (storage != null)
                {
                    AddWrite(operation, storage, receiver, storage.IsStatic, WriteKind.Write, "written", function);
                    SemaphoreCount(storage, assignment.Value);
                }
            }
        }

        private void AddWrite(IOperation operation, ISymbol storage, IOperation? receiver, bool isStatic, WriteKind kind, string description, FunctionBuilder function)
        {
            var key = SymbolKeys.Of(storage);
            if (key == null)
            {
                return;
            }

            var held = LockFinder.Find(operation, _known, _options, function.Symbol as IMethodSymbol ?? function.Symbol);
            var member = function.Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } ? null : function.Symbol;
            var excluded = member == null
                ? Ownership.IsUnshared(operation, storage, receiver, null, isStatic, inNestedFunction: true)
                : Ownership.IsUnshared(operation, storage, receiver, member, isStatic, inNestedFunction: false);
            _summary.Writes.Add(new WriteFact(key, function.Key, kind, ToFact(held), operation.Syntax.GetLocation(), description, excluded, isStatic ? ReceiverRoot.Shared : RootOf(receiver, function)));
        }

        private LockFact? ToFact(HeldLock? held)
        {
            if (!held.HasValue)
            {
                return null;
            }

            var value = held.Value;
            return new LockFact(SymbolKeys.Of(value.LockSymbol), !value.IsPerKey, value.GetLocation());
        }

        private void Invocation(IInvocationOperation invocation, FunctionBuilder function)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null)
            {
                return;
            }

            if (KnownSymbols.Is(type, _known.Interlocked) || KnownSymbols.Is(type, _known.Volatile))
            {
                AtomicWrites(invocation, function, type.Name + "." + method.Name);
                return;
            }

            if (method.Name == "Assert" && type.Name == "Debug" && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "IsEntered" } isEntered
                && KnownSymbols.Is(isEntered.TargetMethod.ContainingType, _known.Monitor) && isEntered.Arguments.Length == 1)
            {
                function.AssertedLock = new LockFact(SymbolKeys.Of(LockFinder.LockSymbolOf(isEntered.Arguments[0].Value)), !LockFinder.IsPerKey(isEntered.Arguments[0].Value), invocation.Syntax.GetLocation());
                return;
            }

            if (function.Symbol is ISymbol { IsStatic: false } && LockFinder.IsEnter(invocation, _known, _options))
            {
                InstanceSynchronization(function, invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), invocation.Syntax.GetLocation(), "uses " + type.Name + "." + method.Name);
            }

            Registration(invocation, method);
            DelegateStart(invocation, function);
            var callee = method.ReducedFrom ?? method;
            if (callee.MethodKind == MethodKind.LocalFunction || IsInSource(callee))
            {
                var key = SymbolKeys.Of(callee);
                if (key == null)
                {
                    return;
                }

                var fanOut = StartSite.FindFanOut(invocation, _known);
                if (fanOut != null)
                {
                    _summary.Entries.Add(new EntryFact(key, function.Key, fanOut, invocation.Syntax.GetLocation(), Multiplicity.Once, IsRepeated(invocation.Syntax, invocation)));
                    return;
                }

                var held = LockFinder.Find(invocation, _known, _options, function.Symbol);
                _summary.Calls.Add(new CallFact(function.Key, key, ToFact(held), escapes: false, owned: IsOwnedReceiver(invocation.Instance, function)));
            }
        }

        /// <summary>Whether a call's receiver is an object created right there or in a local initialised with <c>new</c> in the same function.</summary>
        private static bool IsOwnedReceiver(IOperation? instance, FunctionBuilder function)
        {
            switch (instance.WalkDownConversions())
            {
                case IObjectCreationOperation:
                    return true;
                case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.Length == 1:
                    var declaration = local.Local.DeclaringSyntaxReferences[0];
                    if (!function.Span.Contains(declaration.Span)
                        || !(declaration.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }))
                    {
                        return false;
                    }

                    if (value is Microsoft.CodeAnalysis.CSharp.Syntax.AwaitExpressionSyntax awaited)
                    {
                        value = awaited.Expression;
                    }

                    return value is Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax
                        || (value is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call && IsFactoryName(InvokedName(call)));
                default:
                    return false;
            }
        }

        private static string? InvokedName(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call) => call.Expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>Methods that hand out a new object per call by convention (<c>BeginTransaction</c>, <c>CreateParser</c>).</summary>
        private static bool IsFactoryName(string? name)
            => name != null && (name.StartsWith("Begin", System.StringComparison.Ordinal) || name.StartsWith("Create", System.StringComparison.Ordinal)
                || name.StartsWith("New", System.StringComparison.Ordinal) || name.StartsWith("Open", System.StringComparison.Ordinal)
                || name.StartsWith("Rent", System.StringComparison.Ordinal) || name.StartsWith("Build", System.StringComparison.Ordinal));

        /// <summary>What a write's receiver is rooted in (see <see cref="ReceiverRoot"/>).</summary>
        private static ReceiverRoot RootOf(IOperation? receiver, FunctionBuilder function)
        {
            var current = receiver.WalkDownConversions();
            while (true)
            {
                switch (current)
                {
                    case null:
                    case IInstanceReferenceOperation:
                        return ReceiverRoot.Shared;
                    case IFieldReferenceOperation field:
                        if (field.Field.IsStatic)
                        {
                            return ReceiverRoot.Shared;
                        }

                        current = field.Instance.WalkDownConversions();
                        continue;
                    case IPropertyReferenceOperation property:
                        if (property.Property.IsStatic)
                        {
                            return ReceiverRoot.Shared;
                        }

                        current = property.Instance.WalkDownConversions();
                        continue;
                    case IArrayElementReferenceOperation element:
                        current = element.ArrayReference.WalkDownConversions();
                        continue;
                    case ILocalReferenceOperation local:
                        var references = local.Local.DeclaringSyntaxReferences;
                        return references.Length == 1 && !function.Span.Contains(references[0].Span) ? ReceiverRoot.Captured : ReceiverRoot.Local;
                    case IParameterReferenceOperation parameter:
                        return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function.Symbol) ? ReceiverRoot.Local : ReceiverRoot.Captured;
                    default:
                        return ReceiverRoot.Local;
                }
            }
        }

        private static bool IsInSource(IMethodSymbol method)
        {
            var definition = method.OriginalDefinition;
            return definition.Locations.Length > 0 && definition.Locations[0].IsInSource;
        }

        private void MethodReference(IMethodReferenceOperation reference, FunctionBuilder function)
        {
            var method = reference.Method;
            if (method == null || !(method.MethodKind == MethodKind.LocalFunction || IsInSource(method)))
            {
                return;
            }

            var key = SymbolKeys.Of(method);
            if (key == null)
            {
                return;
            }

            var site = StartSite.Find(reference, _known, _options);
            if (site != null)
            {
                AddEntry(key, function.Key, site, reference);
            }
            else
            {
                _summary.Calls.Add(new CallFact(function.Key, key, null, escapes: true));
                Handoff(key, reference, function);
            }
        }

        /// <summary>Records a delegate handed to a method of another source type, which may run it from its own start sites.</summary>
        private void Handoff(string functionKey, IOperation delegateOperation, FunctionBuilder caller)
        {
            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } && IsInSource(invocation.TargetMethod)
                && SymbolKeys.Of(invocation.TargetMethod.ContainingType) is { } typeKey)
            {
                _summary.Handoffs.Add(new HandoffFact(functionKey, typeKey, caller.Key));
            }
        }

        /// <summary>
        /// A start site that runs a delegate value (<c>Task.Run(() =&gt; handler(message))</c>, <c>StartNew(work, ..., exclusive)</c>):
        /// the type runs delegates handed to it there.
        /// </summary>
        private void DelegateStart(IInvocationOperation invocation, FunctionBuilder function)
        {
            var type = function.Symbol.ContainingType;
            if (type == null || SymbolKeys.Of(type) is not { } typeKey || _summary.DelegateStarts.ContainsKey(typeKey))
            {
                return;
            }

            if (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke && function.Site != null)
            {
                _summary.DelegateStarts.Add(typeKey, new DelegateStartFact(function.Site.Description, function.Site.Syntax.GetLocation(), function.Site.Multiplicity, serial: false));
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (!(value is IParameterReferenceOperation or ILocalReferenceOperation or IFieldReferenceOperation) || value.Type?.TypeKind != TypeKind.Delegate)
                {
                    continue;
                }

                if (invocation.TargetMethod.Name == "StartNew" && StartSite.OnSerialScheduler(invocation))
                {
                    _summary.DelegateStarts.Add(typeKey, new DelegateStartFact("an exclusive scheduler", invocation.Syntax.GetLocation(), Multiplicity.Once, serial: true));
                    return;
                }

                var site = StartSite.Find(value, _known, _options);
                if (site != null)
                {
                    _summary.DelegateStarts.Add(typeKey, new DelegateStartFact(site.Description, site.Syntax.GetLocation(), site.Multiplicity, serial: false));
                    return;
                }
            }
        }

        private void AtomicWrites(IInvocationOperation invocation, FunctionBuilder function, string name)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "Read" || method.Name == "MemoryBarrier")
            {
                return; // Volatile.Read and Interlocked.Read observe; they do not write.
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.RefKind != RefKind.Ref)
                {
                    continue;
                }

                var storage = StorageOf(argument.Value, out var receiver);
                if (storage == null)
                {
                    continue;
                }

                AddWrite(invocation, storage, receiver, storage.IsStatic, WriteKind.Atomic, name, function);
                if (!storage.IsStatic && !IsDisposeFlag(method, storage))
                {
                    InstanceSynchronization(function, receiver, invocation.Syntax.GetLocation(), "uses " + name.Substring(0, name.IndexOf('.')), storage.ContainingType);
                }
            }
        }

        /// <summary>
        /// Whether the call guards a dispose-once flag (<c>Interlocked.Exchange(ref _disposed, 1)</c>): many otherwise
        /// single-threaded types do that, so it is not evidence that their other state is shared.
        /// </summary>
        private static bool IsDisposeFlag(IMethodSymbol method, ISymbol storage)
            => method.Name != "Increment" && method.Name != "Decrement" && method.Name != "Add"
                && storage.Name.IndexOf("dispos", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Records that the function's type locks, or uses Interlocked, for its own instance state.</summary>
        private void InstanceSynchronization(FunctionBuilder function, IOperation? value, Location location, string description, INamedTypeSymbol? type = null)
        {
            var stripped = value.WalkDownConversions();
            var perInstance = stripped switch
            {
                IInstanceReferenceOperation => true,
                IFieldReferenceOperation field => !field.Field.IsStatic && field.Instance.WalkDownConversions() is IInstanceReferenceOperation,
                IPropertyReferenceOperation property => !property.Property.IsStatic && property.Instance.WalkDownConversions() is IInstanceReferenceOperation,
                _ => false,
            };
            if (!perInstance && type == null)
            {
                return;
            }

            if (type != null && !perInstance && !(stripped is IInstanceReferenceOperation))
            {
                // Interlocked on another object's field: evidence for that field's type only.
            }

            var key = SymbolKeys.Of(type ?? function.Symbol.ContainingType);
            if (key != null && !_summary.TypeSynchronization.ContainsKey(key))
            {
                _summary.TypeSynchronization.Add(key, new Evidence(location, description));
            }
        }

        private void SemaphoreCount(ISymbol storage, IOperation? value)
        {
            if (value.WalkDownConversions() is IObjectCreationOperation creation && KnownSymbols.Is(creation.Type, _known.SemaphoreSlim)
                && creation.Arguments.Length > 0 && SymbolKeys.Of(storage) is { } key)
            {
                var count = creation.Arguments[0].Value.ConstantValue;
                var max = creation.Arguments.Length > 1 ? creation.Arguments[1].Value.ConstantValue : default;
                var initial = count.HasValue && count.Value is int initialCount ? initialCount : 1;
                var maximum = max.HasValue && max.Value is int maxCount ? maxCount : int.MaxValue;
                _summary.SemaphoreCounts[key] = System.Math.Min(initial == 0 ? 1 : initial, maximum);
            }
        }

        /// <summary>The field or auto-property a reference writes (for an array element, the array's holder).</summary>
        private static ISymbol? StorageOf(IOperation? reference, out IOperation? receiver)
        {
            receiver = null;
            switch (reference.WalkDownConversions())
            {
                case IFieldReferenceOperation field when !field.Field.IsConst:
                    receiver = field.Instance;
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && property.Property.IsAutoProperty():
                    receiver = property.Instance;
                    return property.Property;
                case IArrayElementReferenceOperation element:
                    return StorageOf(element.ArrayReference, out receiver);
                default:
                    return null;
            }
        }
    }
}
