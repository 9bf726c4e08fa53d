using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>A lock held around an operation.</summary>
    internal readonly struct HeldLock
    {
        public HeldLock(SyntaxNode syntax, ISymbol? lockSymbol, bool perKey = false, bool perInstance = false, LockMode mode = LockMode.None)
        {
            Syntax = syntax;
            LockSymbol = lockSymbol;
            IsPerKey = perKey;
            IsPerInstance = perInstance;
            Mode = mode;
        }

        /// <summary>How a reader-writer lock is held (<see cref="LockMode.None"/> for other locks, which are exclusive).</summary>
        public LockMode Mode { get; }

        /// <summary>
        /// Whether the lock object belongs to one instance (<c>lock (this)</c>, a lock on an instance field of
        /// <c>this</c>): two instances hold two different locks, so it does not exclude writers of static storage.
        /// </summary>
        public bool IsPerInstance { get; }

        /// <summary>
        /// Whether this is a shared (read) hold of a reader-writer lock: many threads hold it at once, so it excludes
        /// only the lock's exclusive (write) holders, never other readers.
        /// </summary>
        public bool IsShared => Mode == LockMode.Shared;

        /// <summary>
        /// Whether the lock object is chosen per call (a local, a parameter, an element, a call's result): two holders
        /// may hold different objects, so it proves no mutual exclusion.
        /// </summary>
        public bool IsPerKey { get; }

        /// <summary>Where the lock is taken (the lock statement, the Enter call...).</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>The lock object (field, local, parameter, or the type for <c>this</c>/<c>typeof</c>); <c>null</c> when unknown.</summary>
        public ISymbol? LockSymbol { get; }

        /// <summary>Where to point an additional location: for a lock statement, its <c>lock (x)</c> header.</summary>
        public Location GetLocation()
        {
            if (Syntax is LockStatementSyntax lockStatement)
            {
                return Location.Create(
                    lockStatement.SyntaxTree,
                    Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(lockStatement.LockKeyword.SpanStart, lockStatement.CloseParenToken.Span.End));
            }

            return Syntax.GetLocation();
        }
    }
}
