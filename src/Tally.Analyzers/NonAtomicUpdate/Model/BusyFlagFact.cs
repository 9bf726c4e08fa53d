using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A busy-flag section of one method (TreeSummarizer.BusyFlags.cs): the bool <see cref="FlagKey"/> is tested (the
    /// method returns when it is set), set, and cleared in the <c>finally</c> of a <c>try</c> that follows; what the
    /// method runs between the set and the clear, and the lambdas it starts and awaits at once there, run while it holds
    /// the flag. The set and the clear may be made by private helpers of the same tree.
    /// </summary>
    internal sealed class BusyFlagFact
    {
        public BusyFlagFact(string flagKey, bool flagStatic, string methodKey, TextSpan section, SyntaxTree tree, ImmutableArray<string> lambdas, Location set, Location clear, string? beginHelperKey, TextSpan helperSection, string? endHelperKey)
        {
            FlagKey = flagKey;
            FlagStatic = flagStatic;
            MethodKey = methodKey;
            Section = section;
            Tree = tree;
            Lambdas = lambdas;
            Set = set;
            Clear = clear;
            BeginHelperKey = beginHelperKey;
            HelperSection = helperSection;
            EndHelperKey = endHelperKey;
        }

        /// <summary>The flag: a bool field or auto-property of <c>this</c>, or a static one.</summary>
        public string FlagKey { get; }

        /// <summary>Whether the flag is static (one for every object), else one per object (it covers writes through <c>this</c> only).</summary>
        public bool FlagStatic { get; }

        /// <summary>The method holding the section.</summary>
        public string MethodKey { get; }

        /// <summary>The method's text from the set (or the helper's test) to the statement that clears the flag.</summary>
        public TextSpan Section { get; }

        /// <summary>The tree of the method and its helpers.</summary>
        public SyntaxTree Tree { get; }

        /// <summary>The lambdas started in the section by <c>Task.Run</c> or <c>StartNew</c> and awaited where started.</summary>
        public ImmutableArray<string> Lambdas { get; }

        /// <summary>The write that sets the flag (in the method, or in the begin helper).</summary>
        public Location Set { get; }

        /// <summary>The write that clears the flag (in the <c>finally</c>, or in the end helper).</summary>
        public Location Clear { get; }

        /// <summary>The private method that tests and sets the flag (<c>if (!TryBegin()) return;</c>), or <c>null</c>.</summary>
        public string? BeginHelperKey { get; }

        /// <summary>The begin helper's text after its set: it runs holding the flag.</summary>
        public TextSpan HelperSection { get; }

        /// <summary>The private method the <c>finally</c> calls to clear the flag, or <c>null</c>.</summary>
        public string? EndHelperKey { get; }

        /// <summary>Whether a write in <paramref name="functionKey"/> at <paramref name="location"/> runs inside this section.</summary>
        public bool Holds(string functionKey, Location location)
        {
            if (Lambdas.Contains(functionKey))
            {
                return true;
            }

            if (location.SourceTree != Tree)
            {
                return false;
            }

            return (functionKey == MethodKey && Section.Contains(location.SourceSpan))
                || (functionKey == BeginHelperKey && HelperSection.Contains(location.SourceSpan));
        }
    }
}
