using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Calls made while a type is initialized (held-out fresh23, LaserGRBL's <c>HiResTimer</c>): the runtime runs a type's
    /// static constructor and static initializers once, on one thread, before any other code touches the type's static
    /// members, and another thread that touches them meanwhile waits until the initialization has finished. So a helper
    /// that updates a static field of type <c>T</c>, called (also through other types' methods) from <c>T</c>'s static
    /// constructor, cannot race there with another use of <c>T</c>'s statics: for the locks of such a write, that call is
    /// aside, as an instance constructor's call is for the object it makes (ConcurrencyModel.Initialization.cs). Only for
    /// static fields of <c>T</c> itself: another type's statics, and objects, may be in use on other threads meanwhile; and
    /// only for the calls made straight through (a delegate the static constructor creates, a thread or a timer it starts,
    /// runs later, concurrently, and keeps its own way in; so does an async method or an iterator, whose body may run
    /// after the call has returned). A helper that only the type's initialization runs writes such a field the way the
    /// static constructor's own body does: it neither races nor pairs with other writers.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>Characters of a storage key that is not a plain member of a non-generic type (an indexer, a generic type).</summary>
        private static readonly char[] NotAPlainMember = { '(', '[', '`' };

        private readonly ConcurrentDictionary<(string Function, string Type), bool> _typeInitializationOnly = new ConcurrentDictionary<(string Function, string Type), bool>();

        /// <summary>
        /// Whether <paramref name="write"/>, of a static field of a type, is made in a helper that runs only while that
        /// type is initialized: a function outside code cannot call (not public), not a lambda, not async or an
        /// iterator, not virtual, that nothing starts or takes as a delegate, with at least one call, every call of which
        /// is made straight from the type's static constructor or static initializers or from another such helper (at
        /// most four helpers deep, of any type).
        /// </summary>
        public bool RunsOnlyWhileTypeIsInitialized(WriteFact write)
            => InitializedType(write) is { } type
                && _typeInitializationOnly.GetOrAdd((write.FunctionKey, type), key => OnlyWhileInitialized(key.Function, key.Type, 0, new HashSet<string>()));

        private bool OnlyWhileInitialized(string key, string initialized, int depth, HashSet<string> visiting)
        {
            var function = Function(key);
            if (function == null || depth > MaxInitializationDepth || function.Overrides.Length > 0 || EntriesOf(key).Count > 0
                || function.Has(FunctionFlags.Lambda | FunctionFlags.Public | FunctionFlags.Constructor | FunctionFlags.StaticConstructor | FunctionFlags.Deferred | FunctionFlags.Override))
            {
                return false;
            }

            visiting.Add(key);
            var any = false;
            foreach (var call in CallersOf(key))
            {
                if (WhileTypeIsInitialized(call, initialized))
                {
                    any = true;
                    continue;
                }

                if (call.Escapes)
                {
                    return false; // Run through a delegate, wherever it is invoked.
                }

                if (visiting.Contains(call.CallerKey))
                {
                    continue; // Back onto the path: no new way in.
                }

                if (!OnlyWhileInitialized(call.CallerKey, initialized, depth + 1, visiting))
                {
                    return false;
                }

                any = true;
            }

            visiting.Remove(key);
            return any;
        }

        /// <summary>
        /// The key of the type whose static field <paramref name="write"/> writes (<c>F:Ns.Clock._ticks</c> gives
        /// <c>T:Ns.Clock</c>), or <c>null</c>: for instance storage, for storage that is not a field or a property, and
        /// for a generic type (each of its constructed types is initialized on its own, and its static constructor may
        /// write another one's statics).
        /// </summary>
        private static string? InitializedType(WriteFact write)
        {
            var key = write.StorageKey;
            if (!write.StaticStorage || !(key.StartsWith("F:", System.StringComparison.Ordinal) || key.StartsWith("P:", System.StringComparison.Ordinal))
                || key.IndexOfAny(NotAPlainMember) >= 0)
            {
                return null;
            }

            var dot = key.LastIndexOf('.');
            return dot > 2 ? "T:" + key.Substring(2, dot - 2) : null;
        }

        /// <summary>
        /// Whether the lock walk sets <paramref name="call"/> aside: made while its object is made (an instance
        /// constructor's call, ConcurrencyModel.Initialization.cs), or while <paramref name="initialized"/> is initialized,
        /// which also counts as no way in of its own (<paramref name="cycled"/>: the function's other callers decide).
        /// </summary>
        private bool SetAside(CallFact call, string? initialized, ref bool cycled)
        {
            if (WhileObjectIsMade(call))
            {
                return true;
            }

            if (!WhileTypeIsInitialized(call, initialized))
            {
                return false;
            }

            cycled = true;
            return true;
        }

        /// <summary>
        /// Whether <paramref name="call"/> is made straight from the static constructor or a static initializer of
        /// <paramref name="initialized"/> (not from a lambda or local function in it, not a delegate handed on): while it
        /// runs, no other thread touches that type's statics.
        /// </summary>
        private bool WhileTypeIsInitialized(CallFact call, string? initialized)
            => initialized != null && !call.Escapes && Function(call.CallerKey) is { } caller
                && caller.Has(FunctionFlags.StaticConstructor) && !caller.Has(FunctionFlags.Lambda | FunctionFlags.Nested)
                && caller.TypeKey == initialized;
    }
}
