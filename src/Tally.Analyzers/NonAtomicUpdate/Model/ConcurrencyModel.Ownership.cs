using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Objects one holder uses at a time: the taker's side of a pool (see <see cref="CallFact.Taken"/>).</summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// Which functions met walking callers backwards from one function run it on an object their run took from a pool:
        /// the walk goes up through calls on the same object (<c>this.M()</c>, <c>M()</c>) until a call on an object its
        /// caller has just taken; that caller, and every function above it, holds the object while the path runs. A call
        /// on another object (a field's, a parameter's) leaves the function's own object behind, so nothing above it is
        /// taken through it.
        /// </summary>
        private sealed class TakenPaths
        {
            private readonly HashSet<string> _sameObject;
            private HashSet<string>? _taken;

            public TakenPaths(string functionKey) => _sameObject = new HashSet<string> { functionKey };

            public bool Contains(string functionKey) => _taken != null && _taken.Contains(functionKey);

            /// <summary>Records what the caller of <paramref name="call"/> is, given what <paramref name="callee"/> is.</summary>
            public void Follow(CallFact call, string callee)
            {
                if (Contains(callee) || (call.Taken && _sameObject.Contains(callee)))
                {
                    (_taken ??= new HashSet<string>()).Add(call.CallerKey);
                }
                else if (call.OnThis && _sameObject.Contains(callee))
                {
                    _sameObject.Add(call.CallerKey);
                }
            }
        }
    }
}
