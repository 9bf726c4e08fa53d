using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A public method whose every call in the compilation holds a lock of the callee's own object, reached on the call's
    /// receiver (<c>lock (services.BreakpointsLock) { services.NextId(); }</c>, the lock a readonly field of the services
    /// type: fresh21, Spice86), or the receiver itself (<c>lock (job) { job.NextNonce(); }</c>: fresh26, Miningcore).
    /// Inside the callee that is <c>lock (this.field)</c> or <c>lock (this)</c>, so the compilation's calls of one object
    /// exclude each other. A non-public callee already inherits its callers' locks (<see cref="LocksOf"/>); a public one
    /// does not, because code outside the compilation may call it without the lock. Its update is therefore still
    /// reported, but only as inferred: the overlap that remains is one with callers the compilation does not show.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// Whether <paramref name="write"/>, an update through <c>this</c> of instance storage in a public function, holds
        /// for every writer in the compilation a lock of its own object that every call of its function takes on the
        /// receiver, and every other writer of the storage holds one of those locks too: the compilation's writers then
        /// exclude each other, and only outside callers can overlap.
        /// </summary>
        public bool ExcludedByCallersOfPublicFunction(WriteFact write)
        {
            if (write.StaticStorage || !write.ThroughThis || !(Function(write.FunctionKey) is { } function) || !function.Has(FunctionFlags.Public)
                || !(ReceiverFieldLocksOf(write.FunctionKey) is { } keys))
            {
                return false;
            }

            foreach (var other in WritesOf(write.StorageKey))
            {
                if (other != write && !other.Excluded && !HoldsAnyOf(other, keys))
                {
                    return false; // A writer of the compilation without the lock: that race is the compilation's own.
                }
            }

            return true;
        }

        /// <summary>
        /// The receiver-field lock keys (<see cref="CallFact.ReceiverFieldLocks"/>) every call of <paramref name="functionKey"/>
        /// holds; <c>null</c> when some call holds none of them, the function is also started, taken as a delegate or is
        /// a lambda, or nothing in the compilation calls it. A call on <c>this</c> while the object is made is left out.
        /// </summary>
        private List<string>? ReceiverFieldLocksOf(string functionKey)
        {
            if (Function(functionKey) is not { } function || function.Has(FunctionFlags.Lambda) || EntriesOf(functionKey).Count > 0)
            {
                return null;
            }

            List<string>? common = null;
            foreach (var call in CallersOf(functionKey))
            {
                if (call.OnThis && WhileObjectIsMade(call))
                {
                    continue; // The object is not shared yet.
                }

                if (call.Escapes || call.ReceiverFieldLocks.Length == 0)
                {
                    return null;
                }

                common = common == null ? new List<string>(call.ReceiverFieldLocks) : common.FindAll(key => call.ReceiverFieldLocks.Contains(key));
                if (common.Count == 0)
                {
                    return null;
                }
            }

            return common;
        }

        /// <summary>
        /// Whether <paramref name="write"/>, a write through <c>this</c>, holds one of the lock keys: in its own code or its
        /// callers' (<see cref="HeldLocks"/>, a lock of its own object: <c>lock (this)</c>, <c>lock (this.gate)</c>, not
        /// <c>lock (typeof(T))</c> or another object's field), or on the receiver of every call of its public function.
        /// </summary>
        private bool HoldsAnyOf(WriteFact write, List<string> keys)
        {
            if (!write.ThroughThis || write.StaticStorage)
            {
                return false; // Another object's storage: the locks of this one say nothing about it.
            }

            foreach (var held in HeldLocks(write))
            {
                if (held.Key != null && held.PerInstance && IsExclusive(held) && keys.Contains(held.Key))
                {
                    return true;
                }
            }

            return Function(write.FunctionKey) is { } function && function.Has(FunctionFlags.Public)
                && ReceiverFieldLocksOf(write.FunctionKey) is { } own && own.Exists(keys.Contains);
        }
    }
}
