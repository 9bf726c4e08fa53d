using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>An update made while holding only a read lock.</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// TALLY003: the update holds a read lock and no exclusive lock. A read lock exists to let many threads in at
        /// once, so the code under it runs concurrently with itself by design, and two holders update the storage
        /// together. The additional location is where the read lock is taken (or checked).
        /// </summary>
        private static Diagnostic? UnderReadLock(Finding finding, WriteFact self, ConcurrencyModel model, TallyOptions options)
        {
            if (!options.IsOn(EvidenceKinds.Concurrent) || !(model.ReadLockOnly(self) is { } read))
            {
                return null;
            }

            return finding.Create(
                DiagnosticDescriptors.ConcurrentCode,
                "ReadLock",
                certainEvidence: true,
                read.Location == Location.None ? null : read.Location,
                "it holds only the read lock of '" + SimpleName(read.Key!) + "', which many threads hold at once");
        }

        /// <summary>The member name at the end of a documentation-comment ID (<c>F:Ns.Cache._gate</c> gives <c>_gate</c>).</summary>
        private static string SimpleName(string key)
        {
            var start = key.LastIndexOf('.') + 1;
            var colon = key.IndexOf(':');
            return key.Substring(System.Math.Max(start, colon + 1));
        }
    }
}
