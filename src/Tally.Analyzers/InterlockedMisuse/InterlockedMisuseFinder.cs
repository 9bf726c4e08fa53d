using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>The ways an Interlocked call can fail to make its update atomic (TALLY006).</summary>
    internal enum InterlockedMisuseKind
    {
        None,

        /// <summary><c>x = Interlocked.Increment(ref x)</c>: the result is written back with a plain store.</summary>
        ResultStoredBack,

        /// <summary><c>Interlocked.Exchange(ref x, x + n)</c>: the new value comes from a separate read.</summary>
        ValueReadsLocation,

        /// <summary><c>Interlocked.CompareExchange(ref x, x + 1, x);</c> once, result discarded.</summary>
        SingleCompareExchange,
    }

    /// <summary>What TALLY006 found on one call, and the node it reports.</summary>
    internal readonly struct InterlockedMisuse
    {
        public InterlockedMisuse(InterlockedMisuseKind kind, IOperation? operation)
        {
            Kind = kind;
            Operation = operation;
        }

        public InterlockedMisuseKind Kind { get; }

        /// <summary>The reported operation: the assignment for <see cref="InterlockedMisuseKind.ResultStoredBack"/>, else the call.</summary>
        public IOperation? Operation { get; }

        public SyntaxNode? Node => Operation?.Syntax;
    }

    /// <summary>Decides whether an Interlocked call is a TALLY006 misuse; shared by the analyzer and the code fix.</summary>
    internal static class InterlockedMisuseFinder
    {
        public static InterlockedMisuse Find(IInvocationOperation call, InterlockedMethodKind kind, StorageReference location)
        {
            if (!IsPossiblyShared(location, call))
            {
                return default;
            }

            if (InterlockedMisuseFacts.GetAssignmentBack(call, location) is { } assignment)
            {
                return new InterlockedMisuse(InterlockedMisuseKind.ResultStoredBack, assignment);
            }

            var value = InterlockedMisuseFacts.GetArgument(call, 1)?.Value;
            if (kind == InterlockedMethodKind.Exchange
                && value is not null
                && InterlockedMisuseFacts.FindReferences(value, location).Exists(read => !IsReadForAnEmptyCopy(read)))
            {
                return new InterlockedMisuse(InterlockedMisuseKind.ValueReadsLocation, call);
            }

            var comparand = InterlockedMisuseFacts.GetArgument(call, 2)?.Value;
            if (kind == InterlockedMethodKind.CompareExchange
                && value is not null
                && comparand is not null
                && call.DiscardingStatement() is not null
                && InterlockedMisuseFacts.FindReferences(value, location).Count > 0
                && InterlockedMisuseFacts.FindReferences(comparand, location).Count > 0)
            {
                return new InterlockedMisuse(InterlockedMisuseKind.SingleCompareExchange, call);
            }

            return default;
        }

        /// <summary>
        /// Whether the read only picks an empty collection: <c>x.Clear()</c> of a <c>System.Collections.Immutable</c>
        /// collection returns an empty one (with the same comparers), whatever <c>x</c> held, so
        /// <c>Interlocked.Exchange(ref x, x.Clear())</c> empties the field atomically and hands back everything it held.
        /// </summary>
        private static bool IsReadForAnEmptyCopy(IOperation read)
            => read.Parent is IInvocationOperation { TargetMethod: { Name: "Clear", Parameters.Length: 0, IsStatic: false } clear } invocation
                && invocation.Instance == read
                && clear.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable";

        /// <summary>
        /// Fields and <c>ref</c> parameters may be shared; a local or by-value parameter only when the call runs in a
        /// lambda or local function that captured it (another thread may run that code).
        /// </summary>
        private static bool IsPossiblyShared(StorageReference location, IOperation call)
        {
            switch (location.Symbol)
            {
                case IFieldSymbol:
                    return true;
                case IParameterSymbol parameter when parameter.RefKind != RefKind.None:
                    return true;
                case ILocalSymbol:
                case IParameterSymbol:
                    for (var current = call.Parent; current is not null; current = current.Parent)
                    {
                        var function = current switch
                        {
                            IAnonymousFunctionOperation lambda => (ISymbol)lambda.Symbol,
                            ILocalFunctionOperation localFunction => localFunction.Symbol,
                            _ => null,
                        };
                        if (function is not null)
                        {
                            return !SymbolEqualityComparer.Default.Equals(location.Symbol!.ContainingSymbol, function);
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
