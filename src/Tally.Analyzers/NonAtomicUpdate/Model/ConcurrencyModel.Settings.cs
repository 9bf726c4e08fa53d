using System.Collections.Concurrent;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Static settings (held-out family E): configuration code (<c>Main</c>, a static constructor, the setter of a public
    /// static property) runs at start-up, before the code it configures; at run time, a flag word that every writer
    /// changes by forcing one and the same set of bits (a fallback clearing two optimisation flags after a provider
    /// error, on whichever query thread meets it first) loses nothing when two writers run at once.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Created on first use: most models never meet a static bit update.
        private ConcurrentDictionary<string, bool>? _bitsOnly;

        /// <summary>
        /// Whether every update of <paramref name="storageKey"/> that code other than start-up code can run forces the
        /// same constant bits (<see cref="BitUpdate"/>): a constant mask, or a mask parameter to which every call from such
        /// code passes that constant. Updates reached only from start-up code (<see cref="Reach.MainOnly"/>, no concurrent
        /// entry) do not count; plain writes do not either (as everywhere in the model, an update is judged against updates).
        /// </summary>
        public bool RunTimeUpdatesForceOneMask(string storageKey)
            => LazyInitializer.EnsureInitialized(ref _bitsOnly, () => new ConcurrentDictionary<string, bool>())!
                .GetOrAdd(storageKey, key =>
                {
                    long? mask = null;
                    foreach (var write in WritesOf(key))
                    {
                        if (write.Excluded || write.Kind == WriteKind.Write || StartUpOnly(write.FunctionKey))
                        {
                            continue;
                        }

                        if (write.Kind != WriteKind.Update || !(write.Bits is { } bits) || !SameMask(bits, write.FunctionKey, ref mask))
                        {
                            return false;
                        }
                    }

                    return mask.HasValue;
                });

        /// <summary>Whether only start-up code reaches the function: no concurrent entry, and every root is start-up code.</summary>
        private bool StartUpOnly(string functionKey)
        {
            var reach = ReachOf(functionKey);
            return reach.Entries.Count == 0 && reach.MainOnly;
        }

        /// <summary>Whether the bits forced at run time are <paramref name="mask"/> (the first such update sets it).</summary>
        private bool SameMask(BitUpdate bits, string functionKey, ref long? mask)
        {
            if (bits.Parameter < 0)
            {
                return Agrees(bits.Bits, ref mask);
            }

            var function = Function(functionKey);
            if (function == null || function.Has(FunctionFlags.Public) || function.Has(FunctionFlags.Lambda) || EntriesOf(functionKey).Count > 0)
            {
                return false; // Callers the compilation does not see may pass any mask.
            }

            var any = false;
            foreach (var call in CallersOf(functionKey))
            {
                if (call.Escapes)
                {
                    return false;
                }

                if (StartUpOnly(call.CallerKey))
                {
                    continue;
                }

                if (!(ArgumentAt(call, bits.Parameter) is { } argument) || !Agrees(bits.BitsFor(argument), ref mask))
                {
                    return false;
                }

                any = true;
            }

            return any || mask.HasValue;
        }

        private static long? ArgumentAt(CallFact call, int ordinal)
        {
            foreach (var argument in call.ConstantArguments)
            {
                if (argument.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static bool Agrees(long bits, ref long? mask)
        {
            if (mask.HasValue)
            {
                return mask.Value == bits;
            }

            mask = bits;
            return true;
        }
    }
}
