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
        /// Default <c>suggestion</c> (Info): inferred overlaps hold most false alarms on real code, so a build shows only
        /// certain findings as warnings and the IDE still shows the rest; <c>none</c> drops them.
        /// </summary>
        public ReportDiagnostic InferredSeverity { get; private set; } = ReportDiagnostic.Info;

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
                    _ => ReportDiagnostic.Info,
                };
            }

            return this;
        }
    }
}
