using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Start helpers (fourth fresh sample, family W): <c>static Task Run(Action action) =&gt;
    /// Task.Factory.StartNew(action, ..., TaskCreationOptions.LongRunning, ...)</c> starts the delegate it is given once
    /// per call. A delegate handed to such a helper is started where the helper is called: its multiplicity is that of
    /// the call site (in a loop, from code that overlaps with itself, from a method anyone may call again), not that of
    /// a type that runs whatever it is handed.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// The key of the method whose own delegate parameter <paramref name="value"/> is started once per call by
        /// <paramref name="site"/>; <c>null</c> for a lambda, a delegate from a field or local, a start that runs its
        /// delegate many times, or a start in a loop.
        /// </summary>
        private string? DirectStartOf(FunctionBuilder function, IOperation value, StartSite site, IInvocationOperation start)
        {
            if (site.Multiplicity != Multiplicity.PerStart
                || !(function.Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                || !(value is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter })
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                || IsRepeated(start.Syntax, value)
                || IsReassigned(start, parameter))
            {
                return null;
            }

            return Key(method.OriginalDefinition);
        }

        /// <summary>Records the first start site of <paramref name="type"/> that runs delegates handed to it.</summary>
        private void AddDelegateStart(INamedTypeSymbol type, string description, SyntaxNode syntax, Multiplicity multiplicity, bool serial, string? directMethodKey = null)
        {
            if (!(Key(type) is { } typeKey))
            {
                return;
            }

            if (!_summary.DelegateStarts.TryGetValue(typeKey, out var first))
            {
                _summary.DelegateStarts.Add(typeKey, new DelegateStartFact(description, syntax.GetLocation(), multiplicity, serial, directMethodKey));
            }
            else if (first.DirectMethodKey != null)
            {
                // A second start in the type: a method that starts its delegate twice, or a type with other starts, is not one start per call.
                _summary.DelegateStarts[typeKey] = new DelegateStartFact(first.Description, first.Location, first.Multiplicity, first.Serial);
            }
        }

        /// <summary>Whether the method assigns its delegate parameter (then the start may run another delegate).</summary>
        private static bool IsReassigned(IOperation start, IParameterSymbol parameter)
        {
            var root = start.Root();

            foreach (var operation in root.Descendants())
            {
                if (operation is IAssignmentOperation { Target: IParameterReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Fire and forget in a loop (<see cref="StartSite.FindUnawaited"/>): each call's run goes on from its first await
        /// while the loop moves on, so the runs overlap by construction, as <c>Task.Run</c>'s in a loop do. Records the
        /// entry. A call made once stays an ordinary call: paired with every ordinary path to its code, a connection that
        /// restarts its own read at the end of a request looked concurrent (fifth fresh sample, EmbedIO). On an object
        /// the loop just made (a connection per accepted socket) each run has its own object: an ordinary call too.
        /// </summary>
        private bool UnawaitedStart(IInvocationOperation invocation, FunctionBuilder function, string key)
        {
            var unawaited = StartSite.FindUnawaited(invocation);
            if (unawaited == null || !StartSite.StartsRepeatedly(invocation, _known, _options) || IsOwnedReceiver(invocation.Instance, function))
            {
                return false;
            }

            _summary.Entries.Add(new EntryFact(key, function.Key, unawaited, invocation.Syntax.GetLocation(), Multiplicity.PerStart, repeated: true, fansOut: true, sameThis: IsSameThis(invocation.TargetMethod, invocation.Instance, function)));
            return true;
        }
    }
}
