using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The severity a diagnostic is reported at when an analyzer applies a configured <see cref="ReportDiagnostic"/>
    /// itself (TALLY008's configured severity, <c>tally.inferred_severity</c>), with <c>Diagnostic.Create</c>'s
    /// effective-severity overload.
    /// </summary>
    internal static class ReportDiagnosticSeverity
    {
        /// <summary>
        /// <c>null</c> for <see cref="ReportDiagnostic.Suppress"/> (not reported); <paramref name="fallback"/> (the
        /// descriptor's default) for <see cref="ReportDiagnostic.Default"/>.
        /// </summary>
        public static DiagnosticSeverity? ToSeverity(this ReportDiagnostic report, DiagnosticSeverity fallback) => report switch
        {
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
            ReportDiagnostic.Suppress => null,
            _ => fallback,
        };
    }
}
