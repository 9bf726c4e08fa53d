using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Reports <c>Interlocked</c> calls that do not make the update atomic as written (TALLY006) and fields read again
    /// right after an <c>Interlocked</c> update whose result was discarded (TALLY007).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InterlockedMisuseAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxExpressionTextLength = 80;

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.NonAtomicInterlockedUse,
            DiagnosticDescriptors.FieldReadAfterInterlocked);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known.Interlocked is null)
                {
                    return;
                }

                var options = new TallyOptionsCache(start.Options.AnalyzerConfigOptionsProvider);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, known, options.Get(c.Operation.Syntax.SyntaxTree)), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, TallyOptions options)
        {
            var call = (IInvocationOperation)context.Operation;
            var kind = InterlockedMethodKinds.KindOf(call.TargetMethod, known);
            if (kind == InterlockedMethodKind.Other
                || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var location)
                || LockFinder.Find(call, known, options, context.ContainingSymbol).HasValue)
            {
                return;
            }

            var name = location.Symbol!.Name;
            var misuse = InterlockedMisuseFinder.Find(call, kind, location);
            switch (misuse.Kind)
            {
                case InterlockedMisuseKind.ResultStoredBack:
                    Report006(context, misuse.Node!, $"the value it returns is stored back into '{name}' by a separate write, so an update another thread makes between the call and that write is lost");
                    return;
                case InterlockedMisuseKind.ValueReadsLocation:
                    Report006(context, misuse.Node!, $"the new value is computed from a separate read of '{name}', so an update another thread makes between that read and the exchange is lost");
                    return;
                case InterlockedMisuseKind.SingleCompareExchange:
                    Report006(context, misuse.Node!, $"the new value and the comparand come from separate reads of '{name}' and the result is discarded, so the update is silently skipped whenever another thread changed '{name}' in between");
                    return;
            }

            if (!kind.ReturnsNewValue() && kind != InterlockedMethodKind.Exchange)
            {
                return;
            }

            var reads = InterlockedMisuseReadAfterScanner.FindReads(call, location, known, options);
            IOperation? first = null;
            var others = new List<Location> { call.Syntax.GetLocation() };
            foreach (var read in reads)
            {
                if (first is null && !read.IsDisplayOnly)
                {
                    first = read.Reference;
                }
                else
                {
                    others.Add(read.Reference.Syntax.GetLocation());
                }
            }

            if (first is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FieldReadAfterInterlocked,
                    first.Syntax.GetLocation(),
                    others,
                    name,
                    Shorten(call.Syntax.ToString())));
            }
        }

        private static void Report006(OperationAnalysisContext context, SyntaxNode node, string reason)
            => context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NonAtomicInterlockedUse,
                node.GetLocation(),
                Shorten(node.ToString()),
                reason));

        private static string Shorten(string text)
        {
            text = text.Replace("\r", " ").Replace("\n", " ");
            return text.Length <= MaxExpressionTextLength ? text : text.Substring(0, MaxExpressionTextLength - 3) + "...";
        }
    }
}
