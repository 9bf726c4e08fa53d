using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Every lock held at a write, not only the innermost: a helper called under one lock by a caller that itself runs
    /// under another holds both, and two writers exclude each other when any one exclusive lock is common to both.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private static readonly List<LockFact> NoLocks = new List<LockFact>();

        /// <summary>Whether some exclusive lock is held by both writes (their own locks and the locks of all their callers).</summary>
        public bool ShareExclusiveLock(WriteFact first, WriteFact second)
        {
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

        /// <summary>The exclusive locks held at <paramref name="write"/>: its own, and those every caller of its function holds.</summary>
        public List<LockFact> HeldLocks(WriteFact write)
        {
            var callers = LocksOf(write.FunctionKey);
            if (!IsExclusive(write.Lock))
            {
                return callers;
            }

            var all = new List<LockFact>(callers.Count + 1) { write.Lock!.Value };
            all.AddRange(callers);
            return all;
        }

        /// <summary>
        /// The exclusive locks held wherever <paramref name="functionKey"/> runs, for functions only the compilation calls
        /// (the conditions of <see cref="LockOf"/>): for each caller, the lock held at the call and the caller's own
        /// locks; the result is what every caller has in common.
        /// </summary>
        public List<LockFact> LocksOf(string functionKey) => _functionLockSets.GetOrAdd(functionKey, key => ComputeLocks(key, 0, new HashSet<string>()));

        private List<LockFact> ComputeLocks(string functionKey, int depth, HashSet<string> visiting)
        {
            var function = Function(functionKey);
            if (function == null || depth > 3 || !visiting.Add(functionKey))
            {
                return NoLocks;
            }

            var held = ComputeLocksOnPath(function, functionKey, depth, visiting);
            visiting.Remove(functionKey);
            return held;
        }

        private List<LockFact> ComputeLocksOnPath(FunctionFact function, string functionKey, int depth, HashSet<string> visiting)
        {
            if (function.AssertedLock.HasValue || function.Has(FunctionFlags.LockedByName))
            {
                var single = LockOf(functionKey);
                return single.HasValue ? new List<LockFact> { single.Value } : NoLocks;
            }

            if (function.Has(FunctionFlags.Public) || function.Has(FunctionFlags.Lambda) || EntriesOf(functionKey).Count > 0)
            {
                return NoLocks;
            }

            List<LockFact>? common = null;
            foreach (var call in CallersOf(functionKey))
            {
                var caller = Function(call.CallerKey);
                if (caller != null && caller.Has(FunctionFlags.Constructor) && !caller.Has(FunctionFlags.Lambda))
                {
                    continue; // The object is not shared yet.
                }

                if (call.Escapes)
                {
                    return NoLocks;
                }

                if (visiting.Contains(call.CallerKey))
                {
                    continue; // A cycle back onto the path: no new way in.
                }

                var atCall = new List<LockFact>(ComputeLocks(call.CallerKey, depth + 1, visiting));
                if (IsExclusive(call.Lock))
                {
                    atCall.Add(call.Lock!.Value);
                }

                common = common == null ? atCall : Common(common, atCall);
                if (common.Count == 0)
                {
                    return NoLocks;
                }
            }

            return common ?? NoLocks;
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

            return any;
        });
    }
}
