using System;
using System.Collections.Generic;

namespace Tally.FixOnBuild
{
    /// <summary>
    /// Which of Tally's code actions the build applies, in order of preference, by equivalence key: the first key a
    /// diagnostic offers is applied to it (with Fix All).
    /// </summary>
    internal static class FixSelection
    {
        public const string InterlockedUpdate = "Tally.InterlockedUpdate";
        public const string InterlockedMisuse = "Tally.InterlockedMisuse";
        public const string AtomicCounter = "Tally.MigrateToAtomicCounter";

        /// <summary>
        /// <c>interlocked</c>: the Interlocked fix (and the TALLY006/007 fixes). <c>counter</c>: make the field a
        /// <c>Tally.AtomicCounter</c> where that fix is offered (the project references Tally, every use has an exact
        /// rewrite), the Interlocked fix elsewhere.
        /// </summary>
        public static IReadOnlyList<string> PreferredKeys(string strategy) => strategy.Trim().ToLowerInvariant() switch
        {
            "interlocked" or "" => new[] { InterlockedUpdate, InterlockedMisuse },
            "counter" => new[] { AtomicCounter, InterlockedUpdate, InterlockedMisuse },
            _ => throw new ArgumentException($"TallyFixOnBuildStrategy '{strategy}' is not known; use interlocked or counter."),
        };
    }
}
