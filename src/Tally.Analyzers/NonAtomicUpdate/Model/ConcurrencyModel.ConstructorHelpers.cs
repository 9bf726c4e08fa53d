using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Private helpers of a constructor (held-out family E, BTDB's <c>LoadContent</c>): a private method of a class that
    /// is called only from constructors of that class, on the object being made (<c>Load()</c>, <c>this.Load()</c>), or
    /// from another such helper. Its own writes of the object's fields are made before the constructor returns, so
    /// before any other thread can see the object, exactly like the writes of the constructor's own body.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private readonly ConcurrentDictionary<string, bool> _constructorOnly = new ConcurrentDictionary<string, bool>();

        /// <summary>
        /// Whether <paramref name="functionKey"/> is a private member method (not a lambda or local function, not an
        /// explicit interface implementation, so never virtual) that nothing starts or takes as a delegate, with at least
        /// one call, every call of which is on <c>this</c> from an instance constructor of the same type, not inside a
        /// lambda or local function there, or from another such helper (at most four helpers deep). The walk is the one of
        /// <see cref="RunsOnlyWhileMade"/> (ConcurrencyModel.Initialization.cs) with narrower criteria: no calls on a
        /// just-made object, no dispatch. Whether the method's body runs straight (not async, not an iterator) is the
        /// caller's check: the model does not keep it.
        /// </summary>
        public bool RunsOnlyInConstructors(string functionKey) => _constructorOnly.GetOrAdd(functionKey, key => WhileMade(key, MadeBy.OwnConstructors, 0, new HashSet<string>()));
    }
}
