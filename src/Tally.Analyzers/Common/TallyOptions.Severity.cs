using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Common
{
    /// <summary><c>tally.inferred_severity</c>: the severity of findings whose overlap the analyzer inferred.</summary>
    internal sealed partial class TallyOptions
    {
        public const string InferredSeverityKey = "tally.inferred_severity";

        /// <summary>
        /// <c>tally.inferred_severity</c>: how findings of inferred certainty are reported (NonAtomicUpdate/Certainty.cs).
        /// Default <c>silent</c> (Hidden): inferred overlaps hold most false alarms on real code (docs/real-code.md), so
        /// by default only certain findings are shown (as warnings); a hidden finding still offers its code fix at the
        /// caret in the IDE. <c>suggestion</c> shows them as Info, <c>none</c> does not report them at all.
        /// </summary>
        public ReportDiagnostic InferredSeverity { get; private set; } = DefaultInferredSeverity;

        /// <summary>The default of <c>tally.inferred_severity</c>: <c>silent</c>.</summary>
        public const ReportDiagnostic DefaultInferredSeverity = ReportDiagnostic.Hidden;

        /// <summary>Reads <c>tally.inferred_severity</c> into this (new, not yet shared) options object; a bad value keeps the default (TALLY008 reports it).</summary>
        private TallyOptions WithInferredSeverity(AnalyzerConfigOptions options)
        {
            if (options.TryGetValue(InferredSeverityKey, out var text))
            {
                InferredSeverity = text.Trim().ToLowerInvariant() switch
                {
                    "error" => ReportDiagnostic.Error,
                    "warning" => ReportDiagnostic.Warn,
                    "suggestion" => ReportDiagnostic.Info,
                    "silent" => ReportDiagnostic.Hidden,
                    "none" => ReportDiagnostic.Suppress,
                    _ => DefaultInferredSeverity,
                };
            }

            return this;
        }
    }
}
