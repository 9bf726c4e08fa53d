using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Code of a hosted service that runs only in its start (held-out sample fresh35, BiliBiliToolPro's run-once console
    /// job): the host calls <c>IHostedService.StartAsync</c> once, and code that only that run reaches, along calls on
    /// <c>this</c> that the caller waits for, runs in that one run, one step after another.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Created on first use: only updates of types registered with AddHostedService ask.
        private ConcurrentDictionary<string, bool>? _hostedStartOnly;

        /// <summary>
        /// Whether <paramref name="functionKey"/> runs only in the one run of its hosted service's start: it is the type's
        /// own <c>StartAsync</c> of <c>IHostedService</c> (not <c>ExecuteAsync</c>, which runs beside <c>StopAsync</c> and
        /// the service's other members), which nothing in the compilation calls or starts, or a private member method of
        /// the same type (not a lambda or local function, never virtual) that nothing starts or takes as a delegate, with
        /// at least one call, every call of which is on <c>this</c> from that <c>StartAsync</c>, from a constructor of
        /// the type, or from another such helper (at most four helpers deep), and is awaited there when the helper is
        /// async (its body would otherwise go on beside the rest of its caller).
        /// </summary>
        public bool RunsOnlyInHostedStart(string functionKey)
            => LazyInitializer.EnsureInitialized(ref _hostedStartOnly, () => new ConcurrentDictionary<string, bool>())!
                .GetOrAdd(functionKey, key => InHostedStart(key, 0, new HashSet<string>()));

        private bool InHostedStart(string key, int depth, HashSet<string> visiting)
        {
            var function = Function(key);
            if (function?.TypeKey == null || depth > MaxInitializationDepth || EntriesOf(key).Count > 0
                || function.Has(FunctionFlags.Lambda | FunctionFlags.Nested | FunctionFlags.Constructor | FunctionFlags.StaticConstructor))
            {
                return false;
            }

            if (IsHostedStart(function))
            {
                foreach (var unused in CallersOf(key))
                {
                    return false; // Code of the compilation runs it again, whenever it likes.
                }

                return true;
            }

            if (!function.Has(FunctionFlags.Private) || function.Has(FunctionFlags.Override) || function.Overrides.Length > 0)
            {
                return false;
            }

            visiting.Add(key);
            var any = false;
            foreach (var call in DirectCallers(key))
            {
                if (call.Escapes || !call.OnThis || !(Function(call.CallerKey) is { } caller) || caller.TypeKey != function.TypeKey
                    || caller.Has(FunctionFlags.Lambda | FunctionFlags.Nested | FunctionFlags.StaticConstructor)
                    || (function.Has(FunctionFlags.Deferred) && !call.Awaited))
                {
                    return false; // Run through a delegate, on another object, from code that runs elsewhere, or beside its caller.
                }

                any = true;
                if (!caller.Has(FunctionFlags.Constructor) && !visiting.Contains(call.CallerKey) && !InHostedStart(call.CallerKey, depth + 1, visiting))
                {
                    return false;
                }
            }

            visiting.Remove(key);
            return any;
        }

        /// <summary>A hosted service's <c>StartAsync</c> (<see cref="FunctionFlags.RunsOnce"/> is also set on a background service's <c>ExecuteAsync</c>).</summary>
        private static bool IsHostedStart(FunctionFact function)
            => function.Has(FunctionFlags.RunsOnce) && function.Name.EndsWith(".StartAsync", System.StringComparison.Ordinal);
    }
}
