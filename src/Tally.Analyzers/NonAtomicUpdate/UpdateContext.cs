using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Where an update (or a call) sits: its lock, the concurrent lambda around it, the method or local function it runs in.</summary>
    internal sealed class UpdateContext
    {
        private UpdateContext(ISymbol? member, ISymbol? executable, StartSite? site, IAnonymousFunctionOperation? concurrentLambda, bool inNestedFunction, bool inLambda)
        {
            InLambda = inLambda;
            Member = member;
            Executable = executable;
            Site = site;
            ConcurrentLambda = concurrentLambda;
            InNestedFunction = inNestedFunction;
        }

        /// <summary>The member whose body holds the operation (method, accessor, constructor...).</summary>
        public ISymbol? Member { get; }

        /// <summary>The innermost local function holding the operation, else <see cref="Member"/>.</summary>
        public ISymbol? Executable { get; }

        /// <summary>The start site of the innermost lambda around the operation that runs concurrently.</summary>
        public StartSite? Site { get; }

        /// <summary>The lambda that <see cref="Site"/> runs.</summary>
        public IAnonymousFunctionOperation? ConcurrentLambda { get; }

        /// <summary>Whether the operation is inside a lambda or local function (so it does not run in the member's own body).</summary>
        public bool InNestedFunction { get; }

        /// <summary>Whether the operation is inside a lambda (which may run later, elsewhere, without the caller's locks).</summary>
        public bool InLambda { get; }

        /// <summary>Walks the ancestors of <paramref name="operation"/> once.</summary>
        public static UpdateContext Create(IOperation operation, ISymbol? member, KnownSymbols known, TallyOptions options)
        {
            ISymbol? localFunction = null;
            StartSite? site = null;
            IAnonymousFunctionOperation? concurrentLambda = null;
            var nested = false;
            var inLambda = false;
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        nested = true;
                        inLambda = true;
                        if (site == null)
                        {
                            site = StartSite.Find(lambda, known, options);
                            if (site != null)
                            {
                                concurrentLambda = lambda;
                            }
                        }

                        break;
                    case ILocalFunctionOperation function:
                        nested = true;
                        localFunction ??= function.Symbol;
                        break;
                }
            }

            return new UpdateContext(member, localFunction ?? member, site, concurrentLambda, nested, inLambda);
        }
    }
}
