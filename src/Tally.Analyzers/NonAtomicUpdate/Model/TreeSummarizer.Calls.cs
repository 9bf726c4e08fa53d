using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Calls, method references and delegates handed off, atomic writes and synchronisation facts met in the walk.</summary>
    internal sealed partial class TreeSummarizer
    {
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

            GenericArguments(method);
            ConfinementAssertion(invocation, function);
            if (method.Name == "Assert" && type.Name == "Debug" && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "IsEntered" } isEntered
                && KnownSymbols.Is(isEntered.TargetMethod.ContainingType, _known.Monitor) && isEntered.Arguments.Length == 1)
            {
                function.AssertedLock = new LockFact(Key(LockFinder.LockSymbolOf(isEntered.Arguments[0].Value)), !LockFinder.IsPerKey(isEntered.Arguments[0].Value), invocation.Syntax.GetLocation(), perInstance: PerInstanceLock.Of(isEntered.Arguments[0].Value));
                return;
            }

            if (function.Symbol is ISymbol { IsStatic: false } && LockFinder.IsEnter(invocation, _known, _options))
            {
                var semaphoreWait = KnownSymbols.Is(type, _known.SemaphoreSlim) && (method.Name == "Wait" || method.Name == "WaitAsync");
                InstanceSynchronization(function, invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), invocation.Syntax.GetLocation(), "uses " + type.Name + "." + method.Name, semaphoreWait: semaphoreWait);
            }

            Registration(invocation, method);
            DelegateStart(invocation, function);
            if (DelegateFieldCall(invocation, function) || EventRaise(invocation, function)) // TreeSummarizer.Events.cs
            {
                return;
            }

            ChainStart(invocation, function); // TreeSummarizer.Completions.cs
            AcceptArm(invocation, function); // TreeSummarizer.ReArmedAccepts.cs
            var callee = method.ReducedFrom ?? method;
            if (callee.MethodKind == MethodKind.LocalFunction || callee.IsDeclaredInSource())
            {
                var key = Key(callee);
                if (key == null)
                {
                    return;
                }

                var fanOut = StartSite.FindFanOut(invocation, _known);
                if (fanOut != null)
                {
                    _summary.Entries.Add(new EntryFact(key, function.Key, fanOut.Value.Description, invocation.Syntax.GetLocation(), Multiplicity.Once, IsRepeated(invocation.Syntax, invocation),
                        fanOutGroup: IsOnThis(invocation) || callee.IsStatic ? function.Key + "@" + fanOut.Value.Site.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
                    return;
                }

                if (UnawaitedStart(invocation, function, key))
                {
                    return;
                }

                var held = Locks(invocation, function, out var outer);
                _summary.Calls.Add(new CallFact(CompletionCallerKey(invocation, function), key, held ?? ConfinementAt(invocation), escapes: false, owned: IsOwnedReceiver(invocation.Instance, function), dispatchTypeKey: DispatchTypeKey(invocation.IsVirtual, invocation.Instance, function), outerLocks: WithReceiverLock(invocation, callee, outer),
                    receiverParameter: ParameterOrdinal(invocation.Instance, function), arguments: ArgumentFacts(invocation, function),
                    guards: GuardsAt(invocation), onThis: IsOnThis(invocation), receiverClasses: ReceiverClasses(invocation), constantArguments: ConstantArguments(invocation), taken: IsTakenReceiver(invocation.Instance, function),
                    statement: StatementOf(invocation, out var unconditional), unconditional: unconditional, place: StatementPlace.Of(invocation), sameObject: IsSameObjectReceiver(invocation, function), receiverFieldLocks: ReceiverFieldLocks(invocation, invocation.Instance, callee)).WithLazyGuard(LazyGuardAt(invocation)).WithReceiverInterface(ReceiverInterface(invocation.Instance, callee)).WithAwaited(IsAwaited(invocation)));
            }
        }

        /// <summary>
        /// See <see cref="CallFact.DispatchTypeKey"/>, for method and accessor calls alike: none for a call that does not
        /// dispatch (a non-virtual member, or one through <c>base</c>), the caller's type for a virtual member called on
        /// <c>this</c>, any override otherwise (an implicit receiver, an initializer's new object, is not <c>this</c>).
        /// </summary>
        private string? DispatchTypeKey(bool dispatches, IOperation? receiver, FunctionBuilder function)
        {
            var instance = receiver.WalkDownConversions() as IInstanceReferenceOperation;
            if (!dispatches || instance?.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax)
            {
                return string.Empty;
            }

            return instance is { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && function.Symbol.ContainingType is { } type
                ? Key(type.OriginalDefinition)
                : null;
        }

        /// <summary>Whether a call's receiver is an object created right there or in a local initialised with <c>new</c> in the same function.</summary>
        private bool IsOwnedReceiver(IOperation? instance, FunctionBuilder function)
            => IsMadeHere(instance, function)
                || (instance.WalkDownConversions() is ILocalReferenceOperation local && IsFreshLocal(local.Local, function, 0)) // TreeSummarizer.FreshObjects.cs
                || IsThreadLocalReceiver(instance); // TreeSummarizer.ThreadLocal.cs

        private static bool IsMadeHere(IOperation? instance, FunctionBuilder function)
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
                        if (value is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configured })
                        {
                            value = configured.Expression; // await CreateAsync().ConfigureAwait(false)
                        }
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
        private ReceiverRoot RootOf(IOperation? receiver, FunctionBuilder function)
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
                        return local.Local.DeclaringSyntaxReferences is { Length: 1 } references && !function.Span.Contains(references[0].Span) ? ReceiverRoot.Captured
                            : IsSharedElement(local.Local, function) ? ReceiverRoot.Element : ReceiverRoot.Local; // TreeSummarizer.CollectionElements.cs
                    case IParameterReferenceOperation parameter:
                        // A parameter's object comes from the caller, who may share it: it pairs like 'this'.
                        return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function.Symbol) ? ReceiverRoot.Shared : ReceiverRoot.Captured;
                    default:
                        return ReceiverRoot.Local;
                }
            }
        }

        private void MethodReference(IMethodReferenceOperation reference, FunctionBuilder function)
        {
            var method = reference.Method;
            if (method == null || !(method.MethodKind == MethodKind.LocalFunction || method.IsDeclaredInSource()))
            {
                return;
            }

            var key = Key(method);
            if (key == null)
            {
                return;
            }

            var site = StartSite.Find(reference, _known, _options);
            if (site != null)
            {
                AddEntry(key, function.Key, site, reference, sameThis: IsSameThis(reference.Method, reference.Instance, function));
            }
            else if (StartThroughLocal(reference) is { } throughLocal)
            {
                AddEntry(key, function.Key, throughLocal.Site, throughLocal.Use, LocalStartContext(throughLocal.Use), IsSameThis(reference.Method, reference.Instance, function)); // TreeSummarizer.LocalDelegates.cs
            }
            else
            {
                HandedDelegate(function.Key, key, reference);
                Handoff(key, reference, function);
                Subscription(key, reference); // TreeSummarizer.Events.cs
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

            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } && invocation.TargetMethod.IsDeclaredInSource()
                && Key(invocation.TargetMethod.ContainingType) is { } typeKey)
            {
                var callee = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                _summary.Handoffs.Add(new HandoffFact(functionKey, typeKey, caller.Key, Key(callee.OriginalDefinition), IsRepeated(invocation.Syntax, delegateOperation), IsGuarded(delegateOperation)));
            }
        }

        /// <summary>
        /// A start site that runs a delegate value (<c>Task.Run(() =&gt; handler(message))</c>, <c>StartNew(work, ..., exclusive)</c>):
        /// the type runs delegates handed to it there.
        /// </summary>
        private void DelegateStart(IInvocationOperation invocation, FunctionBuilder function)
        {
            // Most calls pass no delegate value: the type's key is made only for one that does.
            var type = function.Symbol.ContainingType;
            if (type == null)
            {
                return;
            }

            if (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke && function.Site != null)
            {
                AddDelegateStart(type, function.Site.Description, function.Site.Syntax, function.Site.Multiplicity, serial: false);
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
                    AddDelegateStart(type, "an exclusive scheduler", invocation.Syntax, Multiplicity.Once, serial: true);
                    return;
                }

                var site = StartSite.Find(value, _known, _options);
                if (site != null)
                {
                    AddDelegateStart(type, site.Description, site.Syntax, site.Multiplicity, serial: false, DirectStartOf(function, value, site, invocation));
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
                    InstanceSynchronization(function, receiver, invocation.Syntax.GetLocation(), "uses " + name.Substring(0, name.IndexOf('.')), storage.ContainingType, Key(storage));
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

        /// <summary>
        /// Records that the function locks, or uses Interlocked, for its type's own instance state (the type of the field
        /// for Interlocked on another object's field), and on which object (<paramref name="objectKey"/>, else the locked
        /// field, property or <c>this</c>). A constructor's synchronisation is not recorded: its object is not shared yet.
        /// </summary>
        private void InstanceSynchronization(FunctionBuilder function, IOperation? value, Location location, string description, INamedTypeSymbol? type = null, string? objectKey = null, bool semaphoreWait = false)
        {
            var stripped = value.WalkDownConversions();
            var perInstance = stripped switch
            {
                IInstanceReferenceOperation => true,
                IFieldReferenceOperation field => !field.Field.IsStatic && field.Instance.WalkDownConversions() is IInstanceReferenceOperation,
                IPropertyReferenceOperation property => !property.Property.IsStatic && property.Instance.WalkDownConversions() is IInstanceReferenceOperation
                    && LockFinder.FieldBehind(property.Property) is not { IsStatic: true },
                _ => false,
            };
            if ((!perInstance && type == null) || function.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                return;
            }

            var key = Key(type ?? function.Symbol.ContainingType);
            if (key == null)
            {
                return;
            }

            objectKey ??= stripped switch
            {
                IFieldReferenceOperation field => Key(field.Field),
                IPropertyReferenceOperation property => Key(LockFinder.LockSymbolOfProperty(property.Property)), // One object with the field it returns.
                _ => "this",
            };

            if (!_summary.TypeSynchronization.TryGetValue(key, out var facts))
            {
                _summary.TypeSynchronization.Add(key, facts = new System.Collections.Generic.List<SynchronizationFact>(1));
            }

            foreach (var fact in facts)
            {
                if (fact.FunctionKey == function.Key)
                {
                    // The first place in the function names it; every object it synchronises on is kept.
                    fact.AddObject(objectKey ?? "this");
                    return;
                }
            }

            var added = new SynchronizationFact(key, function.Key, new Evidence(location, description), semaphoreWait);
            added.AddObject(objectKey ?? "this");
            facts.Add(added);
        }

        /// <summary>
        /// Records a use of the instance's own lock object or concurrent collection (<c>_sessions[key] = user</c>,
        /// <c>_gate.Release()</c>): the function synchronises its type's state with it.
        /// </summary>
        private void HeldSynchronization(IOperation reference, ITypeSymbol type, IOperation? instance, FunctionBuilder function)
        {
            if (instance.WalkDownConversions() is IInstanceReferenceOperation && _known.IsSynchronizationType(type))
            {
                InstanceSynchronization(function, instance, reference.Syntax.GetLocation(), "uses a " + type.Name, objectKey: reference switch
                {
                    IFieldReferenceOperation field => Key(field.Field),
                    IPropertyReferenceOperation property => Key(LockFinder.LockSymbolOfProperty(property.Property)),
                    _ => null,
                });
            }
        }

        private void SemaphoreCount(ISymbol storage, IOperation? value)
        {
            if (value.WalkDownConversions() is IObjectCreationOperation creation && KnownSymbols.Is(creation.Type, _known.SemaphoreSlim)
                && creation.Arguments.Length > 0 && Key(storage) is { } key)
            {
                var count = creation.Arguments[0].Value.ConstantValue;
                var max = creation.Arguments.Length > 1 ? creation.Arguments[1].Value.ConstantValue : default;
                var initial = count.HasValue && count.Value is int initialCount ? initialCount : 1;
                var maximum = max.HasValue && max.Value is int maxCount ? maxCount : int.MaxValue;
                _summary.SemaphoreCounts[key] = System.Math.Min(initial == 0 ? 1 : initial, maximum);
            }
        }
    }
}
