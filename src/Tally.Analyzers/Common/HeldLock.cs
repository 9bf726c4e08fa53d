using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>A lock held around an operation.</summary>
    internal readonly struct HeldLock
    {
        public HeldLock(SyntaxNode syntax, ISymbol? lockSymbol, bool perKey = false)
        {
            Syntax = syntax;
            LockSymbol = lockSymbol;
            IsPerKey = perKey;
        }

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
