using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Statics whose overlap the update's own function declares, though no start in the compilation reaches them
    /// (docs/detection-model.md, "Statics written from ordinary calls only are inferred"): certain for these shapes only.
    /// </summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether the function holding an update of static storage says itself that its callers overlap, in a way that
        /// does not exclude them from the static:
        /// <list type="bullet">
        /// <item>the update sits inside a <c>lock</c> on one instance's own object (<c>lock (this)</c>, an instance field)
        /// in a type whose instances anyone can make: the lock says callers of one instance run at once, and callers of
        /// two instances hold two locks around the one static (the per-key lock's reasoning, with the instance as key),
        /// unless the application makes one instance only (<see cref="MadeOnceByTheApplication"/>);</item>
        /// <item>the function waits on a static manual-reset event and resets it itself (a hand-made gate: callers that
        /// arrive while another caller has it closed block, and callers that arrive together all pass the wait before
        /// either resets it), so the function runs on several threads at once.</item>
        /// </list>
        /// Only where the update's own function holds the lock or the gate: a lock taken by a caller, or a wait with no
        /// reset (waiting for another thread's signal), says nothing about callers of this function overlapping.
        /// </summary>
        private static bool DeclaresStaticOverlap(UpdateTarget target, ISymbol? member, ConcurrencyModel model, CompilationFacts facts)
        {
            if (!target.IsStatic || member == null)
            {
                return false;
            }

            var root = target.Update;
            for (var current = target.Update.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false; // A lambda's own callers are not the method's: keep to updates in the method's body.
                }

                if (current is ILockOperation held && PerInstanceLock.Of(held.LockedValue) && AnyoneMakesInstances(member.ContainingType)
                    && !MadeOnceByTheApplication(member.ContainingType, model, facts))
                {
                    return true;
                }

                root = current;
            }

            return ClosesAndWaitsOnStaticGate(root);
        }

        /// <summary>
        /// Whether code outside the type can make more than one instance of <paramref name="type"/>: a class with an
        /// instance constructor that is not private (the implicit one counts). A type whose constructors are all private
        /// (a singleton) has one lock object for all its callers.
        /// </summary>
        private static bool AnyoneMakesInstances(INamedTypeSymbol? type)
        {
            if (type is not { TypeKind: TypeKind.Class, IsStatic: false })
            {
                return false;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Private)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether only one object of <paramref name="type"/> exists for the lock to stand for: the compilation makes the
        /// class (and its subclasses) at one site, which stores the object for all in a static from a static function,
        /// outside loops and lambdas (<c>Game.World = new World(...)</c> in a start-up method), and no code outside the
        /// compilation can make another: the compilation is an application (a <c>Main</c>, or an executable's output
        /// kind), or the class is hidden from other assemblies. A public class of a library stays "anyone can make two".
        /// </summary>
        private static bool MadeOnceByTheApplication(INamedTypeSymbol type, ConcurrencyModel model, CompilationFacts facts)
        {
            if (!(facts.BuildsApplication || model.DeclaresMain || IsHiddenType(type)))
            {
                return false;
            }

            return facts.KeyOf(type.OriginalDefinition) is { } key && model.MadeOnceForAll(key);
        }

        private static bool IsHiddenType(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the function body <paramref name="root"/> both waits on and resets one static
        /// <c>ManualResetEventSlim</c> or <c>ManualResetEvent</c>.
        /// </summary>
        private static bool ClosesAndWaitsOnStaticGate(IOperation root)
        {
            var waited = new System.Collections.Generic.HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
            var reset = new System.Collections.Generic.HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in root.Descendants())
            {
                if (operation is not IInvocationOperation { Instance: { } instance } invocation
                    || instance.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsStatic: true } field }
                    || !IsManualResetEvent(field.Type))
                {
                    continue;
                }

                var name = invocation.TargetMethod.Name;
                if ((name is "Wait" or "WaitOne" ? waited : name == "Reset" ? reset : null)?.Add(field) == true
                    && waited.Contains(field) && reset.Contains(field))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsManualResetEvent(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "ManualResetEventSlim" or "ManualResetEvent", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
    }
}
