using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Every lock held at a write, not only the innermost: a helper called under one lock by a caller that itself runs
    /// under another holds both, and two writers exclude each other when any one exclusive lock is common to both.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private const int MaxLockDepth = 5;

        private static readonly List<LockFact> NoLocks = new List<LockFact>();

        /// <summary>Whether some exclusive lock is held by both writes (their own locks and the locks of all their callers).</summary>
        public bool ShareExclusiveLock(WriteFact first, WriteFact second)
        {
            if (ReadAgainstWrite(first, second) || ReadAgainstWrite(second, first))
            {
                return true; // A read lock's holder and the same lock's writer (see ConcurrencyModel.LockModes.cs).
            }

            var firstLocks = HeldLocks(first);
            if (firstLocks.Count == 0)
            {
                return false;
            }

            foreach (var held in HeldLocks(second))
            {
                foreach (var other in firstLocks)
                {
                    if (SameExclusiveLock(held, other))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The lock a message names for <paramref name="write"/>: the innermost exclusive lock of its own function, else
        /// the first lock its callers hold (the one the first caller takes nearest to the call); <c>null</c> when it holds none.
        /// </summary>
        public LockFact? HeldLock(WriteFact write)
        {
            var held = HeldLocks(write);
            return held.Count > 0 ? held[0] : (LockFact?)null;
        }

        /// <summary>
        /// The exclusive locks held at <paramref name="write"/>, the one mechanism for "which locks does this writer hold":
        /// the locks around it in its own function (nested <c>lock</c> statements all count, innermost first; a lock on
        /// a per-call object is not one, and does not hide the others), then the locks every caller of its function holds.
        /// For static storage, a lock that belongs to one instance (<c>lock (this)</c>) is not one (see <see cref="WithoutPerInstance"/>).
        /// </summary>
        public List<LockFact> HeldLocks(WriteFact write)
            => _writeLocks.TryGetValue(write, out var held) ? held : _writeLocks.GetOrAdd(write, ComputeHeldLocks);

        private List<LockFact> ComputeHeldLocks(WriteFact w)
        {
            var callers = LocksOf(w.FunctionKey, InitializedType(w)); // ConcurrencyModel.TypeInitializers.cs
            if (!IsExclusive(w.Lock) && !AnyExclusive(w.OuterLocks))
            {
                return w.StaticStorage ? WithoutPerInstance(callers) : callers;
            }

            var all = new List<LockFact>(callers.Count + 1 + w.OuterLocks.Length);
            AddExclusive(all, w.Lock, w.OuterLocks);
            all.AddRange(callers);
            return w.StaticStorage ? WithoutPerInstance(all) : all;
        }

        /// <summary>
        /// The exclusive locks held wherever <paramref name="functionKey"/> runs. For a function only the compilation
        /// calls (any non-public method: private, protected, internal, local functions; not a lambda, not started):
        /// for each caller (constructors and initialisation steps aside: their object is not shared yet), the locks held at the call and the
        /// caller's own locks, up to four calls up; the result is what every caller has in common. For a function that
        /// asserts a lock (<c>Debug.Assert(Monitor.IsEntered(x))</c>) or promises one by its name (<c>...InsideLock</c>),
        /// that lock.
        /// </summary>
        public List<LockFact> LocksOf(string functionKey) => LocksOf(functionKey, null);

        /// <summary>
        /// <see cref="LocksOf(string)"/> for a write of a static field of <paramref name="initialized"/> (a type key, or
        /// <c>null</c>): calls made by that type's static constructor or static initializers are aside too, since no other
        /// thread touches the type's statics while they run (ConcurrencyModel.TypeInitializers.cs).
        /// </summary>
        private List<LockFact> LocksOf(string functionKey, string? initialized)
        {
            var cut = int.MaxValue;
            return Locks(functionKey, 0, new Dictionary<string, int>(), ref cut, new HashSet<string>(), initialized) ?? NoLocks;
        }

        /// <summary>
        /// <see cref="LocksOf"/> with <paramref name="depth"/> calls already walked; <paramref name="visiting"/> holds the
        /// functions on the current path, by depth (a caller on the path is skipped: a cycle brings no new way in).
        /// Memoised per function and depth inside the recursion too. An answer depends on the path only through the
        /// callers skipped, so it is kept when every skipped caller was this function or one of its own callers, with the
        /// callers the walk met (<paramref name="touched"/>), and reused on another path only when none of those callers
        /// is on that path: the reused answer is always the one a fresh walk would give, whatever asked first.
        /// <paramref name="cut"/> returns the smallest depth a skipped caller had on the path. <c>null</c> when every
        /// way into the function comes back through the path (all its callers are on it): it adds no way in, so it
        /// constrains nothing, rather than holding no lock.
        /// </summary>
        private List<LockFact>? Locks(string functionKey, int depth, Dictionary<string, int> visiting, ref int cut, HashSet<string> touched, string? initialized)
        {
            if (_functionLockSets.TryGetValue((functionKey, depth, initialized), out var known) && known.Reusable(visiting))
            {
                touched.UnionWith(known.Touched);
                return known.Locks;
            }

            var function = Function(functionKey);
            if (function?.AssertedLock is { } asserted && IsExclusive(asserted))
            {
                return new List<LockFact> { asserted.In(function.TypeKey) }; // Needs no walk: taken at any depth.
            }

            if (function == null && IsDelegatePseudoFunction(functionKey))
            {
                // A constructor's delegate parameter or a delegate field (confinement work): a private function with no body.
                function = new FunctionFact(functionKey, null, functionKey, FunctionFlags.Private, System.Collections.Immutable.ImmutableArray<string>.Empty, null);
            }

            if (function == null || depth > MaxLockDepth)
            {
                return NoLocks;
            }

            visiting.Add(functionKey, depth);
            var below = int.MaxValue;
            var met = new HashSet<string>();
            // An async method's or an iterator's body may run after the call returns, when the type is initialized and in use.
            var held = LocksOnPath(function, functionKey, depth, visiting, ref below, met, function.Has(FunctionFlags.Deferred) ? null : initialized);
            visiting.Remove(functionKey);
            if (below >= depth)
            {
                _functionLockSets.TryAdd((functionKey, depth, initialized), new LockAnswer(held, met));
            }
            else
            {
                cut = System.Math.Min(cut, below);
            }

            touched.UnionWith(met);
            return held;
        }

        private List<LockFact>? LocksOnPath(FunctionFact function, string functionKey, int depth, Dictionary<string, int> visiting, ref int cut, HashSet<string> touched, string? initialized)
        {
            if (DeclaredLocks(function) is { } declared)
            {
                return declared;
            }

            // A lambda has no direct callers: only posts to an executor and continuations of confined code (confinement) count.
            var lambda = function.Has(FunctionFlags.Lambda);
            if (function.Has(FunctionFlags.Public))
            {
                return NoLocks;
            }

            List<LockFact>? common = null;
            var cycled = false;
            foreach (var entry in EntriesOf(functionKey))
            {
                // ContinueWith without a scheduler from code confined to an executor runs there too.
                var enclosing = entry.InheritsScheduler && entry.EnclosingKey != null && !visiting.ContainsKey(entry.EnclosingKey)
                    ? Locks(entry.EnclosingKey, depth + 1, visiting, ref cut, touched, initialized)
                    : NoLocks;
                if (enclosing == null)
                {
                    cycled = true;
                    continue; // Started only from code the path comes back through: no new way in.
                }

                var confined = Confinements(enclosing);
                common = common == null ? confined : Common(common, confined);
                if (common.Count == 0)
                {
                    return NoLocks;
                }
            }

            foreach (var call in CallersOf(functionKey))
            {
                if (SetAside(call, initialized, ref cycled))
                {
                    continue; // The object is not shared yet, or the type's statics are not (ConcurrencyModel.TypeInitializers.cs).
                }

                if ((call.Escapes && !IsConfinement(call.Lock)) || (lambda && !call.Escapes))
                {
                    return NoLocks; // Runs through a delegate, wherever it is invoked; posted to an executor, it runs there.
                }

                touched.Add(call.CallerKey);
                if (visiting.TryGetValue(call.CallerKey, out var onPath))
                {
                    cut = System.Math.Min(cut, onPath);
                    cycled = true;
                    continue; // A cycle back onto the path (an override calling its base): no new way in.
                }

                var callerLocks = call.Escapes ? NoLocks : Locks(call.CallerKey, IsDelegatePseudoFunction(call.CallerKey) ? depth : depth + 1, visiting, ref cut, touched, initialized);
                if (callerLocks == null)
                {
                    cycled = true;
                    continue; // The caller is reached only through the path (a pump resuming waiters that pump again).
                }

                var atCall = new List<LockFact>(callerLocks.Count + 1 + call.OuterLocks.Length);
                AddExclusive(atCall, call.Lock, call.OuterLocks);
                atCall.AddRange(callerLocks);
                common = common == null ? atCall : Common(common, atCall);
                if (common.Count == 0)
                {
                    return NoLocks;
                }
            }

            // Every caller came back through the path: no way in of its own (not "no lock"), so the path's other
            // callers decide. Before, this was taken as holding no lock, which dropped an event-loop pool's confinement.
            return common ?? (cycled ? null : NoLocks);
        }

        /// <summary>The lock a function asserts (<c>Debug.Assert(Monitor.IsEntered(x))</c>) or promises by its name; <c>null</c> when neither.</summary>
        private List<LockFact>? DeclaredLocks(FunctionFact function)
        {
            if (function.AssertedLock is { } asserted)
            {
                return IsExclusive(asserted) ? new List<LockFact> { asserted.In(function.TypeKey) } : NoLocks;
            }

            return function.Has(FunctionFlags.LockedByName)
                ? new List<LockFact> { new LockFact(null, exclusive: true, Microsoft.CodeAnalysis.Location.None, function.TypeKey) }
                : null;
        }

        /// <summary>The locks among <paramref name="locks"/> that stand for confinement to an executor.</summary>
        private static List<LockFact> Confinements(List<LockFact> locks)
        {
            var confined = new List<LockFact>();
            foreach (var held in locks)
            {
                if (IsConfinement(held))
                {
                    confined.Add(held);
                }
            }

            return confined;
        }

        /// <summary>The exclusive ones of a site's innermost lock and the locks around it, innermost first.</summary>
        private void AddExclusive(List<LockFact> into, LockFact? innermost, System.Collections.Immutable.ImmutableArray<LockFact> outer)
        {
            if (IsExclusive(innermost))
            {
                into.Add(innermost!.Value);
            }

            foreach (var held in outer)
            {
                if (IsExclusive(held))
                {
                    into.Add(held);
                }
            }
        }

        private bool AnyExclusive(System.Collections.Immutable.ImmutableArray<LockFact> locks)
        {
            foreach (var held in locks)
            {
                if (IsExclusive(held))
                {
                    return true;
                }
            }

            return false;
        }

        private List<LockFact> Common(List<LockFact> first, List<LockFact> second)
        {
            var kept = new List<LockFact>();
            foreach (var held in first)
            {
                foreach (var other in second)
                {
                    if (SameExclusiveLock(held, other))
                    {
                        kept.Add(held.Key == null ? other : held);
                        break;
                    }
                }
            }

            return kept;
        }

        /// <summary>
        /// Whether <paramref name="functionKey"/> only ever runs on an object its caller has just made and not handed out
        /// yet (<c>var channel = await CreateChannelAsync(); channel.TakeOver(old);</c>): only the compilation calls it,
        /// nothing starts it or takes it as a delegate, and every call is on such a new object. Its writes of the
        /// object's fields are, like a constructor's, made before anyone else can see the object.
        /// </summary>
        public bool RunsOnlyOnNewObjects(string functionKey) => _freshOnly.GetOrAdd(functionKey, key =>
        {
            var function = Function(key);
            if (function == null || function.Has(FunctionFlags.Public) || function.Has(FunctionFlags.Lambda) || function.Has(FunctionFlags.Override)
                || EntriesOf(key).Count > 0 || function.Overrides.Length > 0)
            {
                return false;
            }

            var any = false;
            foreach (var call in DirectCallers(key))
            {
                if (call.Escapes || !call.Owned)
                {
                    return false;
                }

                any = true;
            }

            return any || RunsOnlyWhileMade(key);
        });

        /// <summary>A memoised <see cref="Locks"/> answer and the callers its walk met.</summary>
        private sealed class LockAnswer
        {
            public LockAnswer(List<LockFact>? locks, HashSet<string> touched)
            {
                Locks = locks;
                Touched = touched;
            }

            /// <summary>The locks; <c>null</c> when the function has no way in but through itself (see <see cref="Locks"/>).</summary>
            public List<LockFact>? Locks { get; }

            public HashSet<string> Touched { get; }

            /// <summary>Whether a walk on this path would skip none of the callers met: then it gives this answer.</summary>
            public bool Reusable(Dictionary<string, int> path)
            {
                foreach (var onPath in path.Keys)
                {
                    if (Touched.Contains(onPath))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
