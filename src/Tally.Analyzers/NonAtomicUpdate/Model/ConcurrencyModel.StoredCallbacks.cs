using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Callbacks handed to an ordinary source method (TreeSummarizer.StoredCallbacks.cs): the method's delegate parameter
    /// (<c>param:METHOD#k</c>) calls every delegate handed to it, and is called only where the method passes the parameter
    /// on to another source method or constructor. The code that handed the delegate keeps its own escape to it, unless
    /// the method does nothing with the parameter but pass it on.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// Whether the key is the delegate parameter of an ordinary method (not of a constructor). Such a parameter that
        /// nothing passes on is no root: the escape from the code that handed the delegate stands for its runs there.
        /// </summary>
        private static bool IsMethodParameter(string key)
            => key.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal) && !SymbolKeys.NamesConstructor(key);

        /// <summary>
        /// Whether the function's escapes (the code that handed it on as a delegate) go to methods that only pass the
        /// parameter on or store it (a "stored only" marker for that method's parameter) or post it to a UI thread (a
        /// "posted only" marker, TreeSummarizer.UiThread.cs): the handing code does not run it. With one escape, one such
        /// method is enough; with more, every escape must be matched by a hand to such a method (<c>Subscribe(OnData)</c> in
        /// one place, <c>Unsubscribe(OnData)</c> in another: TreeSummarizer.SubscribedParameters.cs), as the handing sites
        /// cannot be told apart; otherwise every escape stays.
        /// </summary>
        private bool HandedOnOnly(string key)
        {
            var calls = DirectCallers(key);
            var escapes = 0;
            var handed = 0;
            var handedOn = 0;
            foreach (var call in calls)
            {
                if (call.Escapes)
                {
                    escapes++;
                }
                else if (IsMethodParameter(call.CallerKey))
                {
                    handed++;
                    if (DirectCallers(TreeSummarizer.StoredOnlyKeyOf(call.CallerKey)).Count > 0
                        || DirectCallers(TreeSummarizer.PostedOnlyKeyOf(call.CallerKey)).Count > 0) // TreeSummarizer.UiThread.cs
                    {
                        handedOn++;
                    }
                }
            }

            return handedOn > 0 && (escapes == 1 || (handedOn == handed && escapes == handed));
        }

        /// <summary>
        /// Follows one stored callback value backwards from the function it calls (<paramref name="sameObject"/> holds the
        /// functions reached from the update along calls on one object): from the function to the parameter of the method
        /// it was handed to, when the delegate was made once on the handing code's object (<see cref="CallFact.SameObject"/>
        /// on that call, TreeSummarizer.StoredCallbacks.cs) and the method only passes the parameter on; from a parameter
        /// that is only passed on to the parameter it is passed to; from a constructor's parameter to the field that keeps
        /// it (stored only, invoked only: TreeSummarizer.DelegateFields.cs); from the field to everything that runs it. The
        /// value is the key of the method the delegate was handed to.
        /// </summary>
        private void OneCallbackStep(ref Dictionary<string, string>? handedTo, CallFact call, string current, HashSet<string> sameObject)
        {
            var caller = call.CallerKey;
            if (handedTo != null && handedTo.TryGetValue(current, out var method))
            {
                if (!current.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal))
                {
                    handedTo[caller] = method; // Above the field's invocation: the command's own code, whatever runs it.
                }
                else if (caller.StartsWith(TreeSummarizer.DelegateFieldKeyPrefix, System.StringComparison.Ordinal)
                    || (caller.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal) && OnlyPassedOn(current)))
                {
                    handedTo[caller] = method;
                }

                return;
            }

            if (call.SameObject && sameObject.Contains(current) && IsMethodParameter(caller) && OnlyPassedOn(caller))
            {
                (handedTo ??= new Dictionary<string, string>())[caller] = MethodOfParameter(caller);
            }
        }

        /// <summary>Whether the parameter's method does nothing with it but pass it on or store it (its "stored only" marker).</summary>
        private bool OnlyPassedOn(string parameterKey) => DirectCallers(TreeSummarizer.StoredOnlyKeyOf(parameterKey)).Count > 0;

        private static string MethodOfParameter(string parameterKey)
            => parameterKey.Substring(TreeSummarizer.ParameterKeyPrefix.Length, parameterKey.LastIndexOf('#') - TreeSummarizer.ParameterKeyPrefix.Length);

        /// <summary>
        /// Whether the entry at <paramref name="current"/> runs one stored callback value (see <see cref="OneCallbackStep"/>)
        /// and is started within a call of the method the callback was handed to: its start site is in that method or in a
        /// function that method calls (up to three calls down), so the commands it runs are those that call made.
        /// </summary>
        private bool StartedWithin(EntryFact entry, Dictionary<string, string>? handedTo, string current)
        {
            if (handedTo == null || !handedTo.TryGetValue(current, out var method) || entry.EnclosingKey is not { } start)
            {
                return false;
            }

            var level = new List<string> { start };
            var seen = new HashSet<string> { start };
            for (var depth = 0; depth <= 3 && level.Count > 0; depth++)
            {
                var next = new List<string>();
                foreach (var key in level)
                {
                    if (key == method)
                    {
                        return true;
                    }

                    foreach (var call in DirectCallers(key))
                    {
                        if (!call.Escapes && seen.Add(call.CallerKey))
                        {
                            next.Add(call.CallerKey);
                        }
                    }
                }

                level = next;
            }

            return false;
        }
    }
}
