using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Whether the lock around an Interlocked call keeps every other writer of its field out (TALLY007 is then silent:
    /// nobody can change the field between the call and the read). It does not when the lock is per key or a semaphore
    /// with more than one permit, or when another writer of the field, anywhere in the compilation, holds no lock or
    /// another lock: <c>Skip() =&gt; Interlocked.Increment(ref _cursor)</c> beside <c>lock (_pickLock) { ...; read _cursor }</c>.
    /// </summary>
    internal static class OtherWriters
    {
        /// <summary>Whether some writer of <paramref name="location"/> can run while the lock held at <paramref name="call"/> is held.</summary>
        public static bool EscapeTheLock(IInvocationOperation call, StorageReference location, CompilationFacts facts)
        {
            var storageKey = location.Symbol == null ? null : SymbolKeys.Of(location.Symbol);
            if (storageKey == null)
            {
                return false;
            }

            var model = facts.Model.Value;
            var writes = model.WritesOf(storageKey);
            var self = model.WriteAt(storageKey, call.Syntax);

            if (self == null)
            {
                return false; // Not summarised (an unusual receiver): keep the lock's benefit of the doubt.
            }

            if (!model.HeldLock(self).HasValue)
            {
                return true; // The lock does not exclude: a lock object per key, a semaphore with several permits.
            }

            foreach (var write in writes)
            {
                if (write != self && !write.Excluded && !model.ShareExclusiveLock(self, write))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
