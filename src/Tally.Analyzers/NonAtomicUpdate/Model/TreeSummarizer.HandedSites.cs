namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The escape of a delegate handed to a source constructor, per site: <c>new ScheduledTask(() => Refresh())</c> may run
    /// the lambda where the object was made (the object escapes with it), so the code that made it calls it, through a
    /// pseudo function of its own (<see cref="HandedKeyPrefix"/>) for that parameter and that delegate. Before, the code
    /// called the constructor's parameter itself (<see cref="ParameterKeyPrefix"/>), which calls every delegate ever
    /// handed to it, those passed on from other methods' parameters included (a scheduler's <c>Add(Action task)</c> that
    /// makes <c>new ScheduledTask(task)</c>): every action handed to the scheduler anywhere ran wherever any code made a
    /// task with a lambda of its own. The per-site function calls only the delegate handed there, and is dropped, as the
    /// parameter's escapes were, when the constructor only stores the parameter in a field it invokes
    /// (ConcurrencyModel.HandedSites.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        internal const string HandedKeyPrefix = "handed:";

        /// <summary>The separator between the parameter's key and the delegate's (keys of symbols hold no spaces).</summary>
        internal const string HandedKeySeparator = " > ";

        /// <summary>The pseudo function for delegate <paramref name="functionKey"/> handed to constructor parameter <paramref name="parameterKey"/>.</summary>
        internal static string HandedKey(string parameterKey, string functionKey)
            => HandedKeyPrefix + parameterKey + HandedKeySeparator + functionKey;

        /// <summary>The parameter's key of a <see cref="HandedKey"/>, or <c>null</c> for any other key.</summary>
        internal static string? ParameterOfHanded(string key)
        {
            if (!key.StartsWith(HandedKeyPrefix, System.StringComparison.Ordinal))
            {
                return null;
            }

            var end = key.IndexOf(HandedKeySeparator, HandedKeyPrefix.Length, System.StringComparison.Ordinal);
            return end < 0 ? null : key.Substring(HandedKeyPrefix.Length, end - HandedKeyPrefix.Length);
        }

        /// <summary>The calls for a delegate handed to a constructor's parameter at this site: the parameter's, and the making code's escape.</summary>
        private void HandedToConstructor(string callerKey, string parameterKey, string functionKey)
        {
            var handedKey = HandedKey(parameterKey, functionKey);
            _summary.Calls.Add(new CallFact(parameterKey, functionKey, null, escapes: false));
            _summary.Calls.Add(new CallFact(handedKey, functionKey, null, escapes: false));
            _summary.Calls.Add(new CallFact(callerKey, handedKey, null, escapes: true));
        }
    }
}
