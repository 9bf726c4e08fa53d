using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The usage contract "one caller at a time" in <see cref="UpdateDecider"/> (docs/detection-model.md, "Usage contracts").</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether the application's calls on one instance of the storage's type do not overlap each other: the type has
        /// a one-caller contract (<see cref="OneCallerContract"/>), nothing the user stated says its instances are shared
        /// (a thread-safe attribute, a shared contract, a singleton registration: stated sharing wins), the storage is an
        /// instance field, and every writer of it that ordinary code reaches writes the object's own state and is reached
        /// only from calls on the object (roots in the type's own class hierarchy, along plain calls). The contract then
        /// removes the overlap of ordinary code with itself; concurrent starts (the type's own timers, threads,
        /// callbacks) still overlap with the application's calls and with each other.
        /// </summary>
        private static bool OneCallerAtATime(UpdateTarget target, bool isStatic, WriteFact self, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, int callDepth)
        {
            if (isStatic || self.Root != ReceiverRoot.Shared || options.OneCallerEvidence == OneCallerEvidenceKinds.None
                || !(target.Storage.ContainingType is { } type) || facts.OneCallerContractOf(type, options) == null
                || !(facts.KeyOf(type) is { } typeKey) || StatedShared(type, typeKey, model, facts, options))
            {
                return false;
            }

            foreach (var write in model.WritesOf(self.StorageKey))
            {
                if (write.Excluded || (write.Root != ReceiverRoot.Shared && write != self) || model.RunsOnlyOnNewObjects(write.FunctionKey))
                {
                    continue; // Not paired with other writers in any case (UpdateDecider.Overlap).
                }

                var reach = model.ReachOf(write.FunctionKey);
                foreach (var entry in reach.Entries)
                {
                    if (entry.Distance > callDepth && !entry.ThroughOwned)
                    {
                        return false; // A start beyond tally.call_depth counts as ordinary code: it is not an application's call.
                    }
                }

                if (!reach.FromCaller)
                {
                    continue;
                }

                if (!write.ThroughThis || !model.OnlyCallsOnObject(write.FunctionKey, typeKey, other => facts.InOneHierarchy(other, typeKey)))
                {
                    return false; // Code of another type, or a callback, may run it: the contract speaks for calls on the object.
                }
            }

            return true;
        }

        /// <summary>
        /// Whether the user stated that instances of the type are shared: a <c>tally.thread_safe_attributes</c> attribute on
        /// it or a base type, a <c>tally.shared_contracts</c> contract, or a singleton registration. Stated sharing wins
        /// over a one-caller contract.
        /// </summary>
        private static bool StatedShared(INamedTypeSymbol type, string typeKey, ConcurrencyModel model, CompilationFacts facts, TallyOptions options)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (TallyOptions.HasAttributeNamed(current, options.ThreadSafeAttributes))
                {
                    return true;
                }
            }

            foreach (var contract in facts.GetContracts(options))
            {
                if (contract.TypeKind == TypeKind.Interface ? type.ImplementsInterface(contract) : KnownSymbols.IsOrDerivesFrom(type.BaseType, contract))
                {
                    return true;
                }
            }

            return model.TryGetSingleton(typeKey, out _);
        }
    }
}
