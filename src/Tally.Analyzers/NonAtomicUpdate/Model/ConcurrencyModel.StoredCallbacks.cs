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
            => key.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal) && key.IndexOf(".#ctor", System.StringComparison.Ordinal) < 0;

        /// <summary>
        /// Whether the function's one escape (the code that handed it on as a delegate) goes to a method that only passes
        /// the parameter on (a "stored only" marker for that method's parameter): the handing code does not run it.
        /// With more than one escape the handing sites cannot be told apart, and every escape stays.
        /// </summary>
        private bool HandedOnOnly(string key)
        {
            var calls = DirectCallers(key);
            var escapes = 0;
            var handedOn = false;
            foreach (var call in calls)
            {
                if (call.Escapes)
                {
                    escapes++;
                }
                else if (!handedOn && IsMethodParameter(call.CallerKey))
                {
                    handedOn = DirectCallers(TreeSummarizer.StoredOnlyKeyOf(call.CallerKey)).Count > 0;
                }
            }

            return handedOn && escapes == 1;
        }
    }
}
