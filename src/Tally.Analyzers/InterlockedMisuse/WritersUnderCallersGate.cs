using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// TALLY007 for an Interlocked call with no lock of its own is silent when every caller of its method holds one
    /// exclusive gate and every other writer of the field holds it too: the Interlocked calls are then redundant, not
    /// misused, since no other step can come between the call and the re-read. The shape of OPC UA's diagnostics node
    /// manager (fresh12): a base class's public methods take a <c>SemaphoreSlim(1, 1)</c> and call protected virtual
    /// hooks inside it; the derived class's hooks step a count with <c>Interlocked</c> and re-read it to stop a timer at
    /// zero. The gate comes from the concurrency model's locks of callers (<see cref="ConcurrencyModel.HeldLocks"/>:
    /// a public method has none; an override's callers are the calls of the method it overrides), and two writers
    /// exclude each other when they share one exclusive lock (<see cref="ConcurrencyModel.ShareExclusiveLock"/>), as for
    /// a call under a lock of its own (<see cref="OtherWriters"/>).
    /// A gate that only callers hold covers a method up to its first <c>await</c> (a caller that does not await it may
    /// release the gate then), so a call, re-read or other write after an <c>await</c> of its own method, or in a loop
    /// that holds one, keeps the report when that method holds no lock of its own at it.
    /// </summary>
    internal static class WritersUnderCallersGate
    {
        /// <summary>
        /// Whether the callers of <paramref name="call"/>'s method hold one exclusive gate that every other writer of
        /// <paramref name="location"/> in the compilation (constructors aside) holds too, with no <c>await</c> before
        /// <paramref name="lastRead"/> in the call's method.
        /// </summary>
        public static bool Hold(IInvocationOperation call, StorageReference location, IOperation lastRead, CompilationFacts facts)
        {
            var storageKey = location.Symbol == null ? null : SymbolKeys.Of(location.Symbol);
            if (storageKey == null || AwaitsBefore(call.Syntax, lastRead.Syntax.Span.End))
            {
                return false;
            }

            var model = facts.Model.Value;
            var writes = model.WritesOf(storageKey);
            var self = model.WriteAt(storageKey, call.Syntax);

            if (self == null || !model.HeldLock(self).HasValue)
            {
                return false; // Not summarised, or no exclusive gate held by every caller.
            }

            foreach (var write in writes)
            {
                if (write != self && !write.Excluded
                    && (!model.ShareExclusiveLock(self, write) || (!HoldsOwnLock(model, write) && AwaitsBefore(write))))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether the write's own function holds an exclusive lock around it (which an <c>await</c> does not release).</summary>
        private static bool HoldsOwnLock(ConcurrencyModel model, WriteFact write)
        {
            if (model.IsExclusive(write.Lock))
            {
                return true;
            }

            foreach (var held in write.OuterLocks)
            {
                if (model.IsExclusive(held))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AwaitsBefore(WriteFact write)
        {
            var tree = write.Location.SourceTree;
            if (tree == null || !tree.TryGetRoot(out var root))
            {
                return true; // Not found: keep the report.
            }

            var node = root.FindNode(write.Location.SourceSpan, getInnermostNodeForTie: true);
            return AwaitsBefore(node, write.Location.SourceSpan.End);
        }

        /// <summary>
        /// Whether the function around <paramref name="node"/> (its member, lambda or local function) may suspend before
        /// position <paramref name="end"/>: an <c>await</c> (also <c>await foreach</c>, <c>await using</c>) that starts
        /// before it, or one in a loop of that function around the node (it runs before the node's next turn).
        /// </summary>
        private static bool AwaitsBefore(SyntaxNode node, int end)
        {
            SyntaxNode? function = null;
            for (var current = node.Parent; current != null && function == null; current = current.Parent)
            {
                if (current is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    function = current;
                }
            }

            if (function == null)
            {
                return false;
            }

            foreach (var descendant in function.DescendantNodes(child => child == function || !IsNestedFunction(child)))
            {
                if (descendant.IsSuspension()
                    && (descendant.SpanStart < end || InLoopAround(descendant, node, function)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNestedFunction(SyntaxNode node)
            => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        /// <summary>Whether a loop of <paramref name="function"/> holds both <paramref name="suspension"/> and <paramref name="node"/>.</summary>
        private static bool InLoopAround(SyntaxNode suspension, SyntaxNode node, SyntaxNode function)
        {
            for (var current = node.Parent; current != null && current != function; current = current.Parent)
            {
                if (current.IsLoop() && current.Span.Contains(suspension.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
