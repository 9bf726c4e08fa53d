using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Re-armed accepts: a method passed as the completion callback of an APM accept
    /// (<c>listener.BeginAcceptTcpClient(OnAccepted, null)</c>) that arms the next accept into itself, directly or through
    /// calls on <c>this</c>, runs once per accepted connection. A thread start it reaches through calls on <c>this</c>
    /// (or through starts of such code) whose task nothing waits for is started again by the next completion while the
    /// earlier copies still run: the start repeats by construction, as one in a loop does (<see cref="EntryFact.FansOut"/>).
    /// Only accepts: a receive re-armed on one connection (<c>BeginRead</c>, <c>BeginReceive</c>, a
    /// <c>SocketAsyncEventArgs</c> chain) issues the next receive of that connection, and is left as it was.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private ConcurrentDictionary<EntryFact, EntryFact>? _reArmed;
        private ConcurrentDictionary<string, bool>? _reArmingAccepts;

        /// <summary>
        /// The entry as a reach sees it: for an unjoined thread start reached from a re-armed accept callback, a copy whose
        /// runs are copies started repeatedly (<see cref="EntryFact.FansOut"/>, and <see cref="EntryFact.Repeated"/> as for a
        /// start in a loop, which a guard around it does not make a start that runs once); otherwise the entry itself
        /// (memoised).
        /// </summary>
        private EntryFact AsReached(EntryFact entry)
        {
            if (entry.FansOut || !entry.SameThis || entry.EnclosingKey == null || !IsUnjoinedStart(entry))
            {
                return entry;
            }

            return LazyInitializer.EnsureInitialized(ref _reArmed, () => new ConcurrentDictionary<EntryFact, EntryFact>())!
                .GetOrAdd(entry, start => StartedPerAccept(start.EnclosingKey!)
                    ? new EntryFact(start.FunctionKey, start.EnclosingKey, start.Description + " per connection of a re-armed accept", start.Location, start.Multiplicity, repeated: true, start.Guarded, start.ContextKey, start.InheritsScheduler, fansOut: true, start.FanOutGroup, start.SameThis)
                    : start);
        }

        /// <summary>
        /// Whether the entry is a thread start whose task its function drops (TreeSummarizer.ReArmedAccepts.cs): every
        /// start of the entry's function in that function is one.
        /// </summary>
        private bool IsUnjoinedStart(EntryFact entry)
        {
            var unjoined = 0;
            foreach (var call in DirectCallers(TreeSummarizer.UnjoinedStartKeyPrefix + entry.FunctionKey))
            {
                unjoined += call.CallerKey == entry.EnclosingKey ? 1 : 0;
            }

            if (unjoined == 0)
            {
                return false;
            }

            var starts = 0;
            foreach (var other in EntriesOf(entry.FunctionKey))
            {
                starts += other.EnclosingKey == entry.EnclosingKey ? 1 : 0;
            }

            return unjoined >= starts;
        }

        /// <summary>
        /// Whether <paramref name="functionKey"/> runs as part of a re-armed accept callback's run: it is one, or is reached
        /// from one backwards along calls on <c>this</c> and unjoined thread starts of the same object's code.
        /// </summary>
        private bool StartedPerAccept(string functionKey)
        {
            var seen = new HashSet<string> { functionKey };
            var queue = new Queue<(string Key, int Depth)>();
            queue.Enqueue((functionKey, 0));
            while (queue.Count > 0)
            {
                var (current, depth) = queue.Dequeue();
                if (ReArmsAccept(current))
                {
                    return true;
                }

                if (depth >= MaxDepth)
                {
                    continue;
                }

                foreach (var call in DirectCallers(current))
                {
                    if (call.OnThis && !call.Escapes && seen.Add(call.CallerKey))
                    {
                        queue.Enqueue((call.CallerKey, depth + 1));
                    }
                }

                foreach (var entry in EntriesOf(current))
                {
                    if (entry.SameThis && entry.EnclosingKey != null && IsUnjoinedStart(entry) && seen.Add(entry.EnclosingKey))
                    {
                        queue.Enqueue((entry.EnclosingKey, depth + 1));
                    }
                }

                // An APM callback of an operation the function issues (a TLS handshake per accepted client) runs once
                // per issue: from it back to the function that issued the operation.
                foreach (var arm in DirectCallers(TreeSummarizer.ApmArmKeyPrefix + current))
                {
                    if (seen.Add(arm.CallerKey))
                    {
                        queue.Enqueue((arm.CallerKey, depth + 1));
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="callbackKey"/> is an accept callback that arms the next accept into itself: a function
        /// arming an accept with it as the callback is the callback itself or reached from it backwards along calls on
        /// <c>this</c> (memoised).
        /// </summary>
        private bool ReArmsAccept(string callbackKey)
        {
            var arms = DirectCallers(TreeSummarizer.AcceptArmKeyPrefix + callbackKey);
            if (arms.Count == 0)
            {
                return false;
            }

            return LazyInitializer.EnsureInitialized(ref _reArmingAccepts, () => new ConcurrentDictionary<string, bool>())!
                .GetOrAdd(callbackKey, key => ArmedFrom(key, DirectCallers(TreeSummarizer.AcceptArmKeyPrefix + key)));
        }

        private bool ArmedFrom(string callbackKey, List<CallFact> arms)
        {
            var seen = new HashSet<string>();
            var queue = new Queue<(string Key, int Depth)>();
            foreach (var arm in arms)
            {
                if (seen.Add(arm.CallerKey))
                {
                    queue.Enqueue((arm.CallerKey, 0));
                }
            }

            while (queue.Count > 0)
            {
                var (current, depth) = queue.Dequeue();
                if (current == callbackKey)
                {
                    return true;
                }

                if (depth >= MaxDepth)
                {
                    continue;
                }

                foreach (var call in DirectCallers(current))
                {
                    if (call.OnThis && !call.Escapes && seen.Add(call.CallerKey))
                    {
                        queue.Enqueue((call.CallerKey, depth + 1));
                    }
                }
            }

            return false;
        }
    }
}
