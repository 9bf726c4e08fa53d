using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Exclusions and shared-instance evidence of <see cref="UpdateDecider"/>.</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// The field or property holding the object whose member is updated, when it is a static member or a member of
        /// <c>this</c> (<c>s_stats.Sent</c>, <c>_stats.Sent</c>, <c>Stats.Default.Sent</c>, <c>s_lazy.Value.Sent</c>); <c>null</c> otherwise.
        /// </summary>
        private static ISymbol? HolderOf(UpdateTarget target)
        {
            if (target.Kind == TargetKind.Local || target.IsStatic)
            {
                return null;
            }

            switch (target.Receiver.WalkDownToHolder())
            {
                case IFieldReferenceOperation field when field.Field.Type.IsReferenceType
                    && (field.Field.IsStatic || field.Instance.WalkDownConversions() is IInstanceReferenceOperation):
                    return field.Field;
                case IPropertyReferenceOperation property when property.Property.Type.IsReferenceType && property.Arguments.Length == 0
                    && (property.Property.IsStatic
                        || (property.Property.IsAutoProperty() && property.Instance.WalkDownConversions() is IInstanceReferenceOperation)):
                    return property.Property;
                default:
                    return null;
            }
        }

        private static bool IsThreadStatic(ISymbol symbol, KnownSymbols known)
        {
            if (known.ThreadStaticAttribute == null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, known.ThreadStaticAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsExcluded(UpdateTarget target, ISymbol? holder, TallyOptions options, CompilationFacts facts, ISymbol? member)
        {
            var storage = target.Storage;
            if (TallyOptions.HasAttributeNamed(storage, options.RacyAttributes)
                || (!SymbolEqualityComparer.Default.Equals(storage, target.Symbol) && TallyOptions.HasAttributeNamed(target.Symbol, options.RacyAttributes)))
            {
                return true;
            }

            if (storage is IFieldSymbol { IsStatic: true } && IsThreadStatic(storage, facts.Known))
            {
                return true;
            }

            // An object held by a [ThreadStatic] field belongs to one thread (t_stats.Sent++), whatever other instances of its type do.
            if (holder is { IsStatic: true } && IsThreadStatic(holder, facts.Known))
            {
                return true;
            }

            // Only an array element can be a disjoint Parallel.For index; the ancestor walk (a start-site look-up per lambda
            // around the update) is for those alone.
            return target.Reference.WalkDownConversions() is IArrayElementReferenceOperation
                && IsDisjointParallelIndex(target, UpdateContext.Create(target.Update, member, facts.Known, options));
        }

        /// <summary>
        /// Why one instance of the storage's type (or of the holder's type, or of the derived type updating an inherited
        /// field) serves many threads: marked thread-safe, registered as a singleton, a contract frameworks call
        /// concurrently, or (for its own fields, updated through <c>this</c>) it synchronises its other state.
        /// </summary>
        private static (INamedTypeSymbol Type, Evidence Evidence)? SharedEvidence(UpdateTarget target, ISymbol? holder, ISymbol? member, string functionKey, ConcurrencyModel model, CompilationFacts facts, TallyOptions options)
        {
            var storageType = target.Storage.ContainingType;
            var throughThis = target.Receiver.WalkDownConversions() is IInstanceReferenceOperation;
            var storageKey = facts.KeyOf(target.Storage) ?? string.Empty;
            var keyedLock = throughThis && target.Kind != TargetKind.ArrayElement ? target.Update : null;
            var shared = Evidence(storageType, throughThis, functionKey, storageKey, model, facts, options, keyedLock);
            if (shared.HasValue)
            {
                return (storageType, shared.Value);
            }

            if (holder?.ContainingType != null && !SymbolEqualityComparer.Default.Equals(holder.ContainingType, storageType))
            {
                // The holder's type being shared makes the held object shared; its locking its own state does not.
                shared = Evidence(holder.ContainingType, throughThis: false, functionKey, storageKey, model, facts, options);
                if (shared.HasValue)
                {
                    return (holder.ContainingType, shared.Value);
                }
            }

            var memberType = member?.ContainingType;
            if (memberType != null && throughThis
                && !SymbolEqualityComparer.Default.Equals(memberType.OriginalDefinition, storageType.OriginalDefinition)
                && KnownSymbols.IsOrDerivesFrom(memberType.BaseType, storageType.OriginalDefinition))
            {
                shared = Evidence(memberType, throughThis, functionKey, storageKey, model, facts, options, keyedLock);
                if (shared.HasValue)
                {
                    return (memberType, shared.Value);
                }
            }

            return EventAccessorEvidence(target, member, throughThis, model, facts, options) is { } accessor ? (storageType, accessor) : null;
        }

        /// <summary>
        /// An update of the instance's own state in a hand-written <c>add</c> or <c>remove</c> accessor of an event that is
        /// not private (a subscriber count that hooks an underlying source at the first subscriber): the compiler's
        /// accessors of a field-like event are thread-safe, so callers subscribe from any thread, and accessors written by
        /// hand take over that expectation. A convention of the language, not a declaration of the type: inferred. Only a
        /// field that is not a delegate (a count, a flag): the handler list itself (<c>_handler += value</c>) is the
        /// commonest hand-written accessor in code that is never subscribed from two threads.
        /// </summary>
        private static Evidence? EventAccessorEvidence(UpdateTarget target, ISymbol? member, bool throughThis, ConcurrencyModel model, CompilationFacts facts, TallyOptions options)
        {
            if (!throughThis || !options.IsOn(SharedInstanceEvidenceKinds.Contract) || target.Storage is not IFieldSymbol { Type.TypeKind: not TypeKind.Delegate }
                || member is not IMethodSymbol { MethodKind: MethodKind.EventAdd or MethodKind.EventRemove, AssociatedSymbol: IEventSymbol { DeclaredAccessibility: not Accessibility.Private } e }
                || !SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, target.Storage.ContainingType?.OriginalDefinition)
                || SymbolKeys.Of(target.Storage.ContainingType!) is not { } typeKey || IsCreatedPerRequest(target.Storage.ContainingType!, typeKey, model, facts))
            {
                return null;
            }

            return new Evidence(FirstLocation(e), "its event '" + e.Name + "' has hand-written add/remove accessors, which callers may call from any thread like the compiler's thread-safe ones", declared: false);
        }

        /// <summary>
        /// Whether objects of <paramref name="type"/> are made one per request: a type the model found registered or created
        /// per request, or a framework's per-request base (controllers, page models, Razor pages and components, view
        /// components). Such an object serves one request's thread at a time.
        /// </summary>
        private static bool IsCreatedPerRequest(INamedTypeSymbol type, string typeKey, ConcurrencyModel model, CompilationFacts facts)
        {
            var known = facts.Known;
            return model.IsPerRequest(typeKey)
                || KnownSymbols.IsOrDerivesFrom(type, known.ControllerBase) || KnownSymbols.IsOrDerivesFrom(type, known.PageModel)
                || KnownSymbols.IsOrDerivesFrom(type, known.RazorPage) || KnownSymbols.IsOrDerivesFrom(type, known.ComponentBase)
                || KnownSymbols.IsOrDerivesFrom(type, known.ViewComponent);
        }

        /// <summary>
        /// Why one instance of <paramref name="type"/> serves many threads (see <see cref="SharedEvidence"/>);
        /// <paramref name="update"/>, for an update of a field or property of <c>this</c>, is checked for a per-key lock
        /// around it (<see cref="PerKeyLock"/>).
        /// </summary>
        private static Evidence? Evidence(INamedTypeSymbol type, bool throughThis, string functionKey, string storageKey, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, IOperation? update = null)
        {
            var typeKey = SymbolKeys.Of(type);
            if (typeKey == null || IsCreatedPerRequest(type, typeKey, model, facts))
            {
                return null;
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Attribute))
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass != null && IsNamed(attribute.AttributeClass.Name, options.ThreadSafeAttributes))
                    {
                        var where = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? FirstLocation(type);
                        return new Evidence(where, "it is marked [" + TrimAttributeSuffix(attribute.AttributeClass.Name) + "]", declared: true);
                    }
                }
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Singleton) && model.TryGetSingleton(typeKey, out var registration)
                && !OnlyInHostedStart(registration, typeKey, functionKey, storageKey, model)) // UpdateDecider.HostedStart.cs
            {
                return new Evidence(registration.Location, registration.How == "UseMiddleware" ? "it is middleware registered with UseMiddleware" : "it is registered with " + registration.How, declared: true);
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Contract))
            {
                foreach (var contract in facts.GetContracts(options))
                {
                    if (contract.TypeKind == TypeKind.Interface ? type.ImplementsInterface(contract) : KnownSymbols.IsOrDerivesFrom(type.BaseType, contract))
                    {
                        var verb = contract.TypeKind == TypeKind.Interface ? "implements " : "derives from ";
                        return new Evidence(FirstLocation(type), "it " + verb + contract.Name + ", which frameworks call from many threads", declared: true);
                    }
                }
            }

            if (throughThis && options.IsOn(SharedInstanceEvidenceKinds.Contract) && ConcurrentCollectionBase(type) is { } collection)
            {
                return new Evidence(FirstLocation(type), "it derives from " + collection.Name + ", a concurrent collection: one instance is used by many threads at once", declared: true);
            }

            if (throughThis && options.IsOn(SharedInstanceEvidenceKinds.Synchronization))
            {
                if (update != null && PerKeyLock(update) is { } keyed)
                {
                    return keyed;
                }

                // The type, or a base type it inherits state from, locks or uses Interlocked or its own lock objects and
                // concurrent collections, where that says the update's code runs on many threads.
                for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    var currentKey = SymbolKeys.Of(current);
                    if (currentKey != null && SynchronizationFor(current, currentKey, SymbolEqualityComparer.Default.Equals(current, type), functionKey, storageKey, model) is { } synchronization)
                    {
                        var own = SymbolEqualityComparer.Default.Equals(current, type);
                        return new Evidence(synchronization.Fact.Evidence.Location, "it " + synchronization.Fact.Evidence.Description + " for its other state" + Where(synchronization.Fact, synchronization.Path, model) + (own ? string.Empty : " (in its base type '" + current.Name + "')"), declared: own && WaitsInTheUpdate(synchronization.Fact, synchronization.Path));
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The System.Collections.Concurrent class <paramref name="type"/> derives from (<c>ConcurrentQueue&lt;T&gt;</c>,
        /// <c>ConcurrentDictionary&lt;K, V&gt;</c>, <c>BlockingCollection&lt;T&gt;</c>...), when it does: deriving from a
        /// concurrent collection declares that one instance is shared and its members are called concurrently, so the
        /// derived type's own members overlap each other. <c>null</c> otherwise.
        /// </summary>
        private static INamedTypeSymbol? ConcurrentCollectionBase(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (KnownSymbols.IsConcurrentCollection(current))
                {
                    return current.OriginalDefinition;
                }
            }

            return null;
        }

        /// <summary>
        /// A <c>lock</c> around the update (in its own function) on an object looked up by a key the call was given
        /// (<see cref="LockFinder.KeyedLockAround"/>): the code expects concurrent callers, and callers with different keys
        /// hold different locks, so they run this update of the instance's own state together. Declared, like a read lock.
        /// </summary>
        private static Evidence? PerKeyLock(IOperation update)
        {
            if (LockFinder.KeyedLockAround(update) is not { } keyed)
            {
                return null;
            }

            var location = new HeldLock(keyed.Lock.Syntax, null).GetLocation();
            return new Evidence(location, "it locks '" + keyed.LockObject + "', looked up by key in '" + keyed.Collection + "', around this update: callers with other keys hold other locks", declared: true);
        }

        /// <summary>
        /// The synchronisation of <paramref name="type"/> that speaks for the update's function (see
        /// <see cref="ConcurrencyModel.SynchronizationReaching"/>); for the type's own synchronisation (not a base type's),
        /// also a type synchronised by design, whose every method may run on many threads, unless the update's function
        /// synchronises itself: its own lock or Interlocked field already says whom it runs beside (its partners), and when
        /// that does not speak for the storage, the type-wide guess does not override it.
        /// </summary>
        private static (SynchronizationFact Fact, SynchronizationPath Path)? SynchronizationFor(INamedTypeSymbol type, string typeKey, bool own, string functionKey, string storageKey, ConcurrencyModel model)
        {
            var reaching = model.SynchronizationReaching(typeKey, functionKey, storageKey);
            if (reaching.HasValue || !own || model.SynchronizesItself(typeKey, functionKey) || !model.IsSynchronizedByDesign(typeKey, type))
            {
                return reaching;
            }

            var facts = model.SynchronizationsOf(typeKey);
            return (facts[0], SynchronizationPath.ByDesign);
        }

        /// <summary>
        /// Whether the synchronisation is a blocking wait on the instance's own semaphore in the update's own function
        /// (<c>_waiters++; _gate.Wait();</c>): the function is written to be entered while another caller holds the
        /// semaphore, so two callers on one instance run its unguarded update at once. Declared, like a read lock; a
        /// <c>lock</c> or Interlocked in the same function is not (real code locks defensively: docs/real-code-evidence.md).
        /// </summary>
        private static bool WaitsInTheUpdate(SynchronizationFact synchronization, SynchronizationPath path)
            => path == SynchronizationPath.SameFunction && synchronization.SemaphoreWait;

        /// <summary>Where the synchronisation is, when not in the update's own function.</summary>
        private static string Where(SynchronizationFact synchronization, SynchronizationPath path, ConcurrencyModel model)
        {
            var name = model.Function(synchronization.FunctionKey)?.Name;
            return path switch
            {
                SynchronizationPath.Caller when name != null => " in '" + name + "', which calls this code",
                SynchronizationPath.OnlyCallee when name != null => " in '" + name + "', which only this code calls",
                SynchronizationPath.ByDesign => " in most of its methods",
                _ => string.Empty,
            };
        }

        private static string TrimAttributeSuffix(string name)
            => name.Length > 9 && name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;

        private static bool IsNamed(string name, ImmutableArray<string> names)
        {
            foreach (var wanted in names)
            {
                if (name == wanted || name == wanted + "Attribute")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
