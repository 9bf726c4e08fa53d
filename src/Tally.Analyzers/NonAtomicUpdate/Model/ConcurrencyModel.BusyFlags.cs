using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Busy-flag sections (<see cref="BusyFlagFact"/>, the MVVM <c>if (IsBusy) return; IsBusy = true; try { await
    /// Task.Run(...); } finally { IsBusy = false; }</c>): two writers that both run only inside sections of one flag run
    /// one at a time, unless two callers pass the test together (the test and the set are not one atomic step). So the
    /// overlap found between them is not certain: the finding is inferred. A flag counts only when every write of it is
    /// a section's set or clear (or made while its object is built), every call of a begin or end helper is the one its
    /// section makes, and no section's method is itself started as concurrent code.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Created on first use: most compilations have no busy-flag section.
        private ConcurrentDictionary<string, bool>? _soundFlags;

        /// <summary>
        /// Whether <paramref name="self"/> and every other writer of its storage that could pair with it (shared root,
        /// not excluded) run only inside sections of one sound flag (of the same object, for a flag per object).
        /// </summary>
        public bool InOneBusyFlag(WriteFact self)
        {
            if (self.Root != ReceiverRoot.Shared || (_facts.BusyFlags.Keys.Count == 0 && (_overlay == null || _overlay.BusyFlags.Keys.Count == 0)))
            {
                return false;
            }

            var flags = FlagsHolding(self);
            foreach (var write in WritesOf(self.StorageKey))
            {
                if (flags.Count == 0)
                {
                    return false;
                }

                if (write != self && !write.Excluded && write.Root == ReceiverRoot.Shared)
                {
                    flags.IntersectWith(FlagsHolding(write));
                }
            }

            return flags.Count > 0;
        }

        /// <summary>The sound flags whose sections hold <paramref name="write"/> (a flag per object only for a write through <c>this</c>).</summary>
        private HashSet<string> FlagsHolding(WriteFact write)
        {
            var flags = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var section in SectionsOf(_facts.BusyFlagFunctions, _overlay?.BusyFlagFunctions, write.FunctionKey))
            {
                if ((section.FlagStatic || (write.ThroughThis && !write.StaticStorage)) && section.Holds(write.FunctionKey, write.Location) && SoundFlag(section.FlagKey))
                {
                    flags.Add(section.FlagKey);
                }
            }

            return flags;
        }

        private bool SoundFlag(string flagKey)
            => LazyInitializer.EnsureInitialized(ref _soundFlags, () => new ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal))!
                .GetOrAdd(flagKey, key => IsSoundFlag(SectionsOf(_facts.BusyFlags, _overlay?.BusyFlags, key), key));

        private bool IsSoundFlag(List<BusyFlagFact> sections, string flagKey)
        {
            var setsAndClears = new HashSet<(SyntaxTree?, Microsoft.CodeAnalysis.Text.TextSpan)>();
            var helperCalls = new Dictionary<(string Helper, string Caller), int>();
            foreach (var section in sections)
            {
                if (EntriesOf(section.MethodKey).Count > 0)
                {
                    return false; // The method is itself started as concurrent code.
                }

                setsAndClears.Add((section.Set.SourceTree, section.Set.SourceSpan));
                setsAndClears.Add((section.Clear.SourceTree, section.Clear.SourceSpan));
                foreach (var helper in new[] { section.BeginHelperKey, section.EndHelperKey })
                {
                    if (helper != null)
                    {
                        helperCalls[(helper, section.MethodKey)] = (helperCalls.TryGetValue((helper, section.MethodKey), out var count) ? count : 0) + 1;
                    }
                }
            }

            foreach (var write in WritesOf(flagKey))
            {
                if (!write.Excluded && !setsAndClears.Contains((write.Location.SourceTree, write.Location.SourceSpan)))
                {
                    return false; // Set or cleared elsewhere: a clear outside a finally may let a second section in.
                }
            }

            foreach (var helper in helperCalls.Keys)
            {
                var calls = 0;
                foreach (var call in DirectCallers(helper.Helper))
                {
                    if (!helperCalls.ContainsKey((helper.Helper, call.CallerKey)))
                    {
                        return false; // A helper also called outside a section.
                    }

                    calls += call.CallerKey == helper.Caller ? 1 : 0;
                }

                if (calls != helperCalls[helper])
                {
                    return false; // Called again in a section's own method (say, to clear the flag before the work ends).
                }
            }

            return true;
        }

        private static List<BusyFlagFact> SectionsOf(OrderedFacts<BusyFlagFact> facts, OrderedFacts<BusyFlagFact>? overlay, string key)
            => overlay == null ? facts.Get(key) ?? new List<BusyFlagFact>() : OrderedFacts<BusyFlagFact>.Merge(facts, overlay, key);
    }
}
