using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Functions that only run while their object is being made: an initialisation step that every caller in the
    /// compilation runs on an object it has just created and not handed out yet (<c>var sink = new FileSink { Path = p };
    /// sink.Activate();</c>, or through an interface after a type test), or on <c>this</c> from a constructor or from
    /// another such step. Like a constructor, such a run is on an object no other thread can see: its calls on
    /// <c>this</c> add no way in to the lock set of the functions they call, and its writes of the object's fields do
    /// not pair with other writers.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private const int MaxInitializationDepth = 4;

        private readonly ConcurrentDictionary<string, bool> _whileMade = new ConcurrentDictionary<string, bool>();

        /// <summary>
        /// Whether <paramref name="functionKey"/> only runs on objects not shared yet (see the type's summary). A public
        /// method qualifies only when it overrides or implements another (an initialisation protocol such as an options
        /// interface: the compilation's calls of that member show how it is used); a public method of its own, a lambda,
        /// a started function or one taken as a delegate never does, and there must be at least one call.
        /// </summary>
        public bool RunsOnlyWhileMade(string functionKey) => _whileMade.GetOrAdd(functionKey, key => WhileMade(key, MadeBy.AnyMaker, 0, new HashSet<string>()));

        /// <summary>
        /// The one walk of callers for <see cref="RunsOnlyWhileMade"/> and <see cref="RunsOnlyInConstructors"/>: every call
        /// that may run <paramref name="key"/> must be on an object not shared yet, as <paramref name="by"/> accepts it
        /// (on <c>this</c> from a constructor or from another function the same walk accepts, at most
        /// <see cref="MaxInitializationDepth"/> deep; for <see cref="MadeBy.AnyMaker"/> also on an object the caller has
        /// just made), and there must be at least one.
        /// </summary>
        private bool WhileMade(string key, MadeBy by, int depth, HashSet<string> visiting)
        {
            var function = Function(key);
            if (function == null || depth > MaxInitializationDepth || function.Has(FunctionFlags.Lambda | FunctionFlags.Constructor | FunctionFlags.StaticConstructor)
                || EntriesOf(key).Count > 0 || !MayRunWhileMade(function, by))
            {
                return false;
            }

            var ownConstructors = by == MadeBy.OwnConstructors;
            visiting.Add(key);
            var any = false;
            foreach (var call in ownConstructors ? DirectCallers(key) : InitializationCallersOf(key, function))
            {
                if (call.Escapes || !(Function(call.CallerKey) is { } caller))
                {
                    return false; // Run through a delegate, wherever it is invoked.
                }

                if (call.Owned && !ownConstructors)
                {
                    any = true; // On an object the caller has just made.
                    continue;
                }

                if (!call.OnThis || caller.Has(FunctionFlags.Lambda)
                    || (ownConstructors && (caller.TypeKey != function.TypeKey || caller.Has(FunctionFlags.Nested | FunctionFlags.StaticConstructor))))
                {
                    return false; // On another object, or from code that runs later or elsewhere.
                }

                if (visiting.Contains(call.CallerKey))
                {
                    any |= ownConstructors; // Back onto the path: no new way in (a constructor helper's walk counts it as a call).
                    continue;
                }

                if (!caller.Has(FunctionFlags.Constructor) && !WhileMade(call.CallerKey, by, depth + 1, visiting))
                {
                    return false;
                }

                any = true;
            }

            visiting.Remove(key);
            return any;
        }

        /// <summary>
        /// Whether <paramref name="function"/> may be one that <paramref name="by"/> accepts at all: a constructor helper is
        /// a private member method of a type (not a local function, never virtual or an override); an initialisation step
        /// is not <c>Main</c>, and public only when it overrides or implements another.
        /// </summary>
        private static bool MayRunWhileMade(FunctionFact function, MadeBy by) => by == MadeBy.OwnConstructors
            ? function.TypeKey != null && function.Has(FunctionFlags.Private) && !function.Has(FunctionFlags.Nested | FunctionFlags.Override) && function.Overrides.Length == 0
            : !function.Has(FunctionFlags.Main) && !(function.Has(FunctionFlags.Public) && function.Overrides.Length == 0);

        /// <summary>
        /// <see cref="CallersOf"/>, and also the calls of interface members that a method this one overrides implements
        /// (<c>handler.Activate()</c> on an <c>IOptionHandler</c> implemented by a base class's virtual <c>Activate</c>):
        /// the general caller lists do not follow an interface through a base class, and an initialisation step must
        /// account for every call that may run it.
        /// </summary>
        private IEnumerable<CallFact> InitializationCallersOf(string key, FunctionFact function)
        {
            foreach (var call in CallersOf(key))
            {
                yield return call;
            }

            foreach (var overridden in function.Overrides)
            {
                if (!(Function(overridden) is { } baseMethod))
                {
                    continue;
                }

                foreach (var member in baseMethod.Overrides)
                {
                    if (function.Overrides.Contains(member))
                    {
                        continue; // Already among CallersOf.
                    }

                    foreach (var call in DirectCallers(member))
                    {
                        if ((call.DispatchTypeKey == null || (call.DispatchTypeKey.Length > 0 && (function.TypeChain.IsEmpty || function.TypeChain.Contains(call.DispatchTypeKey))))
                            && MayRunOn(function, call.ReceiverClasses) && MayRunThrough(function, call))
                        {
                            yield return call;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Whether the call runs while its object is being made: from a constructor, or on <c>this</c> from an
        /// initialisation step (<see cref="RunsOnlyWhileMade"/>). Its callee's run then needs no lock.
        /// </summary>
        private bool WhileObjectIsMade(CallFact call)
        {
            var caller = Function(call.CallerKey);
            return caller != null && !caller.Has(FunctionFlags.Lambda)
                && (caller.Has(FunctionFlags.Constructor) || (call.OnThis && RunsOnlyWhileMade(call.CallerKey)));
        }

        /// <summary>Which calls a walk of <see cref="WhileMade"/> accepts as runs on an object not shared yet.</summary>
        private enum MadeBy
        {
            /// <summary>Initialisation steps (<see cref="RunsOnlyWhileMade"/>): also calls on an object the caller has just made, and through dispatch.</summary>
            AnyMaker,

            /// <summary>Constructor helpers (<see cref="RunsOnlyInConstructors"/>): direct calls on <c>this</c> from the same type's constructors only.</summary>
            OwnConstructors,
        }
    }
}
