using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Set-up made by <c>Main</c> before it starts its threads (held-out fresh33, Inveigh's <c>Control</c>): starting a
    /// thread or a task is a happens-before edge, so what <c>Main</c> wrote before the statement that starts it is done
    /// before the thread runs, and cannot overlap it. A write reached only from <c>Main</c> (<see cref="Reach.MainOnly"/>,
    /// every root <c>Main</c> itself, no concurrent entry on the way) whose every path leaves <c>Main</c> at a statement
    /// before every statement of <c>Main</c> through which a start of an entry writing the storage is reached, runs before
    /// any thread that writes the storage exists: it pairs with no writer. Only the statements of <c>Main</c>'s own body
    /// are ordered (a call and a start in one statement, such as one loop, are not); deeper calls are followed by the reach.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Per function reached only from one Main: the first and last statement of Main's body its calls leave from.
        // Created on first use: most compilations have no Main, most functions are not reached from it alone.
        private ConcurrentDictionary<string, (string Main, int First, int Last)>? _mainStatements;
        private ConcurrentDictionary<WriteFact, bool>? _beforeStarts;

        /// <summary>
        /// Whether <paramref name="write"/> is made by <c>Main</c> (or code only <c>Main</c> calls) at statements of
        /// <c>Main</c> that all come before every statement of <c>Main</c> through which any concurrent entry reaching a
        /// writer of the storage is started (memoised).
        /// </summary>
        public bool RunsBeforeStartsInMain(WriteFact write)
            => !write.Excluded && MainStatementsOf(write.FunctionKey, write.Statement) is { } at
                && LazyInitializer.EnsureInitialized(ref _beforeStarts, () => new ConcurrentDictionary<WriteFact, bool>())!.GetOrAdd(write, w => NoStartUpTo(w.StorageKey, at.Main, at.Last));

        /// <summary>Whether every concurrent entry reaching a writer of <paramref name="storageKey"/> is started in <paramref name="main"/> after statement <paramref name="last"/>.</summary>
        private bool NoStartUpTo(string storageKey, string main, int last)
        {
            foreach (var other in WritesOf(storageKey))
            {
                if (other.Excluded)
                {
                    continue;
                }

                foreach (var reached in ReachOf(other.FunctionKey).Entries)
                {
                    var entry = reached.Entry;
                    if (entry.EnclosingKey == null || !(MainStatementsOf(entry.EnclosingKey, entry.Statement) is { } start) || start.Main != main || start.First <= last)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The statements of <c>Main</c>'s body through which <paramref name="functionKey"/> runs: the statement itself
        /// (<paramref name="statement"/>, as <see cref="CallFact.Statement"/>) when the function is <c>Main</c>; else
        /// those recorded by the reach when only one <c>Main</c> reaches the function, along plain calls; or <c>null</c>.
        /// </summary>
        private (string Main, int First, int Last)? MainStatementsOf(string functionKey, int statement)
        {
            if (Function(functionKey) is not { } function)
            {
                return null;
            }

            if (function.Has(FunctionFlags.Main))
            {
                return statement < 0 ? null : (functionKey, statement / 2, statement / 2);
            }

            var reach = ReachOf(functionKey);
            return reach.FromCaller && reach.MainOnly && reach.Entries.Count == 0 && _mainStatements != null && _mainStatements.TryGetValue(functionKey, out var at) ? at : null;
        }

        /// <summary>
        /// Records, for a function reached only from start-up code, the statements of <c>Main</c>'s body its calls leave
        /// from, when every root is one <c>Main</c> (not a static constructor or configuration code) and every call out of
        /// it is a plain call at a known statement.
        /// </summary>
        private void RecordMainStatements(string functionKey, List<string> roots, List<(string Caller, string Callee, CallFact? Call)> walked)
        {
            string? main = null;
            foreach (var root in roots)
            {
                if (root == functionKey || (main != null && root != main) || !(Function(root) is { } function && function.Has(FunctionFlags.Main)))
                {
                    return;
                }

                main = root;
            }

            if (main == null)
            {
                return;
            }

            var first = int.MaxValue;
            var last = -1;
            foreach (var (caller, _, call) in walked)
            {
                if (caller != main)
                {
                    continue;
                }

                if (call == null || call.Escapes || call.Statement < 0)
                {
                    return;
                }

                first = System.Math.Min(first, call.Statement / 2);
                last = System.Math.Max(last, call.Statement / 2);
            }

            if (last >= 0)
            {
                LazyInitializer.EnsureInitialized(ref _mainStatements, () => new ConcurrentDictionary<string, (string Main, int First, int Last)>())![functionKey] = (main, first, last);
            }
        }
    }
}
