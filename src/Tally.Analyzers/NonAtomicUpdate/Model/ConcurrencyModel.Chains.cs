using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Completion chains (StartSite.Completions.cs): one <c>SocketAsyncEventArgs</c> has at most one operation pending, and
    /// what a run writes before the call that starts the operation (<c>socket.SendAsync(_args)</c>) happens before the
    /// operation's completion. Code of an object that writes the object's state and then starts the next operation on the
    /// event args is the step before that completion, not a writer beside the chain: a command that fills its request
    /// buffer and then sends it. Only that pairing is dropped: such code still overlaps with itself when it can run
    /// twice at once, with other starts and with code run after the start. The completions of another event args (a
    /// receive chain that starts a send) are not such a step: the send's previous completion may still be running.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private ConcurrentDictionary<string, ChainStarts>? _chainStarts;

        /// <summary>
        /// The starts of one event-args member's operations. <see cref="Starters"/>: the functions that start one whenever
        /// they run (directly, or by a call that does, in a statement of their body outside any branch), with the first
        /// place (<see cref="CallFact.Statement"/>) that may start one (in any branch, or by a call that may): what runs
        /// at an earlier place (an earlier statement, an <c>if</c>'s condition before its branches) runs before the
        /// function's first start and before that operation's completion. <see cref="MayCalls"/> and
        /// <see cref="AlwaysCalls"/>: by caller, the calls that may start one (of the start itself or of a function that
        /// may) and those that start one whenever they run (of the start or of a starter), to order a branch's statements.
        /// </summary>
        private sealed class ChainStarts
        {
            public Dictionary<string, int> Starters { get; } = new Dictionary<string, int>();

            public Dictionary<string, List<CallFact>> MayCalls { get; } = new Dictionary<string, List<CallFact>>();

            public Dictionary<string, List<CallFact>> AlwaysCalls { get; } = new Dictionary<string, List<CallFact>>();
        }

        /// <summary>The functions that start an operation on the event-args member <paramref name="argsKey"/>, and their calls that may (memoised).</summary>
        private ChainStarts StartsOf(string argsKey)
            => LazyInitializer.EnsureInitialized(ref _chainStarts, () => new ConcurrentDictionary<string, ChainStarts>())!
                .GetOrAdd(argsKey, key => ComputeChainStarts(key));

        private ChainStarts ComputeChainStarts(string argsKey)
        {
            var pseudo = TreeSummarizer.ChainStartKeyPrefix + argsKey;
            var direct = DirectCallers(pseudo);
            var first = Starters(direct, unconditionalOnly: false);
            var starters = Starters(direct, unconditionalOnly: true);
            var result = new ChainStarts();
            foreach (var starter in starters.Keys)
            {
                if (first.TryGetValue(starter, out var statement) && statement >= 0)
                {
                    result.Starters.Add(starter, statement);
                }
            }

            AddStartCalls(result.MayCalls, direct, first.Keys);
            AddStartCalls(result.AlwaysCalls, direct, starters.Keys);
            return result;
        }

        /// <summary>The calls, by caller, of the start itself (<paramref name="direct"/>) and of <paramref name="starters"/>.</summary>
        private void AddStartCalls(Dictionary<string, List<CallFact>> calls, List<CallFact> direct, IEnumerable<string> starters)
        {
            foreach (var call in direct)
            {
                ListOf(calls, call.CallerKey).Add(call);
            }

            foreach (var starter in starters)
            {
                foreach (var call in CallersOf(starter))
                {
                    ListOf(calls, call.CallerKey).Add(call);
                }
            }
        }

        private static List<CallFact> ListOf(Dictionary<string, List<CallFact>> calls, string callerKey)
        {
            if (!calls.TryGetValue(callerKey, out var list))
            {
                list = new List<CallFact>();
                calls.Add(callerKey, list);
            }

            return list;
        }

        /// <summary>
        /// Whether what runs at <paramref name="statement"/> and <paramref name="place"/> in <paramref name="functionKey"/>
        /// runs before an operation it starts there, and so before that operation's completion: an earlier statement
        /// than any that may start one in a function that starts one whenever it runs (<see cref="ChainStarts.Starters"/>),
        /// or, in a branch, a place no call that may start one can precede and that a call that always does follows in
        /// a block around it (<c>if (token != null) { _offset = 200; conn?.Send(...); }</c>; not in a loop of the function).
        /// </summary>
        private static bool BeforeStart(ChainStarts starts, string functionKey, int statement, StatementPlace? place)
        {
            if (statement >= 0 && starts.Starters.TryGetValue(functionKey, out var start) && start > statement)
            {
                return true;
            }

            if (place == null || place.InLoop || !starts.AlwaysCalls.TryGetValue(functionKey, out var always) || !starts.MayCalls.TryGetValue(functionKey, out var may))
            {
                return false;
            }

            foreach (var call in may)
            {
                if (call.Place == null || call.Place.MayRunBefore(place))
                {
                    return false;
                }
            }

            foreach (var call in always)
            {
                if (call.Place != null && call.Place.Follows(place))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The callers, transitively, of the starts (only through unconditional calls, or through any), with the first place in each that calls one (-1: a call outside the statements).</summary>
        private Dictionary<string, int> Starters(List<CallFact> direct, bool unconditionalOnly)
        {
            var starters = new Dictionary<string, int>();
            var queue = new Queue<string>();
            AddStarters(direct, starters, queue, unconditionalOnly);
            while (queue.Count > 0)
            {
                AddStarters(CallersOf(queue.Dequeue()), starters, queue, unconditionalOnly);
            }

            return starters;
        }

        private static void AddStarters(IEnumerable<CallFact> calls, Dictionary<string, int> starters, Queue<string> queue, bool unconditionalOnly)
        {
            foreach (var call in calls)
            {
                if (unconditionalOnly && (call.Statement < 0 || !call.Unconditional))
                {
                    continue;
                }

                if (!starters.TryGetValue(call.CallerKey, out var earliest))
                {
                    starters.Add(call.CallerKey, call.Statement);
                    queue.Enqueue(call.CallerKey);
                }
                else if (call.Statement < earliest)
                {
                    starters[call.CallerKey] = call.Statement;
                }
            }
        }

        /// <summary>
        /// The reach of <paramref name="functionKey"/> with the chain steps marked: when a completion chain reaches it, the
        /// entries and roots that reach it only through calls of the same object's code followed, in the caller, by a
        /// start of an operation on the chain's event args (<see cref="ReachedEntry.ChainStep"/>, <see cref="Reach.CallerChain"/>).
        /// </summary>
        private Reach WithChainSteps(string functionKey, List<ReachedEntry> entries, List<string> entryFunctions, List<string> roots, bool fromCaller, bool mainOnly)
        {
            var context = ChainContext(entries);
            var plain = new Reach(entries, fromCaller, fromCaller && mainOnly);
            var starts = context == null ? null : StartsOf(context.Substring(TreeSummarizer.CompletionContextPrefix.Length));
            if (starts == null || starts.MayCalls.Count == 0)
            {
                return plain;
            }

            var objects = UnchainedWalk(functionKey, starts, out var cut);
            if (!cut)
            {
                return plain;
            }

            var marked = new List<ReachedEntry>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                marked.Add(objects.TryGetValue(entryFunctions[i], out var types)
                    ? new ReachedEntry(entry.Entry, entry.Distance, entry.Many, entry.ViaName, entry.ThroughOwned, entry.ThroughTaken, objectTypes: types, sameObject: entry.SameObject, libraryCalls: entry.LibraryCalls, oneCallback: entry.OneCallback, throughLazyInitializer: entry.ThroughLazyInitializer, againOnlyByCalls: entry.AgainOnlyByCalls)
                    : IsOtherChain(entry, context!) ? entry : new ReachedEntry(entry.Entry, entry.Distance, entry.Many, entry.ViaName, entry.ThroughOwned, entry.ThroughTaken, context, sameObject: entry.SameObject, libraryCalls: entry.LibraryCalls, oneCallback: entry.OneCallback, throughLazyInitializer: entry.ThroughLazyInitializer, againOnlyByCalls: entry.AgainOnlyByCalls));
            }

            var otherRoots = new List<List<string>?>();
            foreach (var root in roots)
            {
                if (objects.ContainsKey(root))
                {
                    otherRoots.Add(objects[root]);
                }
            }

            return new Reach(marked, fromCaller, fromCaller && mainOnly) { Chain = context, CallerChain = roots.Count > 0 && otherRoots.Count == 0 ? context : null, OtherRoots = otherRoots };
        }

        /// <summary>
        /// The walk of ComputeReach again, not crossing a call of the written object's code that a start follows: the
        /// functions reached, with the classes of the functions their path calls on the written object.
        /// </summary>
        private Dictionary<string, List<string>> UnchainedWalk(string functionKey, ChainStarts starts, out bool cut)
        {
            var unchained = new Dictionary<string, int> { [functionKey] = 0 };
            var objects = new Dictionary<string, List<string>> { [functionKey] = TypesOn(null, functionKey) };
            var sameObject = new HashSet<string> { functionKey };
            var queue = new Queue<string>();
            queue.Enqueue(functionKey);
            cut = false;
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var distance = unchained[current];
                if (distance + 1 > MaxDepth)
                {
                    continue;
                }

                foreach (var entry in EntriesOf(current))
                {
                    if (ContinuesOnExecutor(entry) && !unchained.ContainsKey(entry.EnclosingKey!))
                    {
                        objects.Add(entry.EnclosingKey!, objects[current]);
                        unchained.Add(entry.EnclosingKey!, distance + 1);
                        queue.Enqueue(entry.EnclosingKey!);
                    }
                }

                foreach (var call in CallersOf(current))
                {
                    var onObject = call.OnThis && sameObject.Contains(current);
                    if (onObject && BeforeStart(starts, call.CallerKey, call.Statement, call.Place))
                    {
                        cut = true;
                        continue;
                    }

                    if (!unchained.ContainsKey(call.CallerKey))
                    {
                        if (onObject)
                        {
                            sameObject.Add(call.CallerKey);
                        }

                        objects.Add(call.CallerKey, onObject ? TypesOn(objects[current], call.CallerKey) : objects[current]);

                        unchained.Add(call.CallerKey, distance + 1);
                        queue.Enqueue(call.CallerKey);
                    }
                }
            }

            return objects;
        }

        /// <summary>The classes on a path of calls on <c>this</c>, with the class of <paramref name="functionKey"/> added.</summary>
        private List<string> TypesOn(List<string>? path, string functionKey)
        {
            var types = path == null ? new List<string>() : new List<string>(path);
            if (Function(functionKey)?.TypeKey is { } type && !types.Contains(type))
            {
                types.Add(type);
            }

            return types;
        }

        /// <summary>
        /// The reach of a write's function, for that write: when it is a write through <c>this</c> made before a statement of
        /// its function that starts an operation on a completion chain reaching it (<c>_offset = 0; socket.SendAsync(_args);</c>),
        /// every entry but the completions of another chain, and the ordinary code, are that chain's step.
        /// </summary>
        public Reach ReachOfWrite(WriteFact write)
        {
            var reach = WithLazyInitializerWrite(write, ReachOf(write.FunctionKey)); // ConcurrencyModel.LazyInitializers.cs
            if (!write.ThroughThis || write.StaticStorage)
            {
                return reach;
            }

            var context = ChainContext(reach.Entries);
            if (context == null || !BeforeStart(StartsOf(context.Substring(TreeSummarizer.CompletionContextPrefix.Length)), write.FunctionKey, write.Statement, write.Place))
            {
                return reach;
            }

            var marked = new List<ReachedEntry>(reach.Entries.Count);
            foreach (var entry in reach.Entries)
            {
                marked.Add(IsOtherChain(entry, context) || entry.ChainStep != null
                    ? entry
                    : new ReachedEntry(entry.Entry, entry.Distance, entry.Many, entry.ViaName, entry.ThroughOwned, entry.ThroughTaken, context, sameObject: entry.SameObject, libraryCalls: entry.LibraryCalls, oneCallback: entry.OneCallback, throughLazyInitializer: entry.ThroughLazyInitializer, againOnlyByCalls: entry.AgainOnlyByCalls));
            }

            return new Reach(marked, reach.FromCaller, reach.MainOnly) { Chain = context, CallerChain = reach.FromCaller ? context : null, OtherRoots = new List<List<string>?>() };
        }

        /// <summary>The context of the first completion chain among the entries, or <c>null</c>.</summary>
        private static string? ChainContext(List<ReachedEntry> entries)
        {
            foreach (var entry in entries)
            {
                if (entry.Entry.ContextKey is { } key && key.StartsWith(TreeSummarizer.CompletionContextPrefix, System.StringComparison.Ordinal))
                {
                    return key;
                }
            }

            return null;
        }

        private static bool IsOtherChain(ReachedEntry entry, string context)
            => entry.Entry.ContextKey is { } key && key != context && key.StartsWith(TreeSummarizer.CompletionContextPrefix, System.StringComparison.Ordinal);
    }
}
