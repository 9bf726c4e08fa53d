using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>
/// The CPU time a thread spends in analyzer callbacks, summed over threads. The driver's logged execution time is wall
/// time per callback, so on a machine shared with other builds it includes every moment the thread was not running;
/// CPU time does not, which makes a before/after comparison of an analyzer's own work hold at a load average of 10.
/// Read with <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux); <see cref="IsAvailable"/> says whether it worked.
/// </summary>
public sealed class CpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID
    private long _nanoseconds;

    /// <summary>Whether this platform gives thread CPU time.</summary>
    public static bool IsAvailable { get; } = TryNow(out _);

    /// <summary>The CPU time spent in the callbacks timed so far.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds) / 100);

    /// <summary>Runs <paramref name="action"/> and adds the CPU time the calling thread spent in it.</summary>
    public void Time(Action action)
    {
        TryNow(out var start);
        try
        {
            action();
        }
        finally
        {
            TryNow(out var end);
            Interlocked.Add(ref _nanoseconds, end - start);
        }
    }

    private static bool TryNow(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (clock_gettime(ThreadCpuTimeId, out var time) != 0)
            {
                return false;
            }

            nanoseconds = (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
            return true;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>
/// An analyzer that runs another one and times each of its callbacks (compilation start, operation, syntax tree and
/// the rest) in CPU time on a <see cref="CpuClock"/>. The wrapped analyzer registers through a context that forwards
/// every registration to the driver's with the callback wrapped, so it runs exactly as it would unwrapped.
/// </summary>
#pragma warning disable RS1001 // Made by the benchmark around another analyzer, never discovered in an assembly.
public sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly DiagnosticAnalyzer _inner;
    private readonly CpuClock _clock;

    public CpuTimedAnalyzer(DiagnosticAnalyzer inner, CpuClock clock)
    {
        _inner = inner;
        _clock = clock;
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

#pragma warning disable RS1025, RS1026 // The wrapped analyzer configures both, through the forwarding context.
    public override void Initialize(AnalysisContext context) => _inner.Initialize(new TimedContext(context, _clock));
#pragma warning restore RS1025, RS1026

    private sealed class TimedContext : AnalysisContext
    {
        private readonly AnalysisContext _inner;
        private readonly CpuClock _clock;

        public TimedContext(AnalysisContext inner, CpuClock clock)
        {
            _inner = inner;
            _clock = clock;
        }

        public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => _inner.RegisterCompilationStartAction(c => _clock.Time(() => action(new TimedStart(c, _clock))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
            => _inner.RegisterCompilationAction(c => _clock.Time(() => action(c)));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            => _inner.RegisterSemanticModelAction(c => _clock.Time(() => action(c)));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            => _inner.RegisterSymbolAction(c => _clock.Time(() => action(c)), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(c => _clock.Time(() => action(c)));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
            => _inner.RegisterCodeBlockAction(c => _clock.Time(() => action(c)));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
            => _inner.RegisterSyntaxTreeAction(c => _clock.Time(() => action(c)));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _inner.RegisterSyntaxNodeAction(c => _clock.Time(() => action(c)), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => _inner.RegisterOperationAction(c => _clock.Time(() => action(c)), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
            => _inner.RegisterOperationBlockStartAction(c => _clock.Time(() => action(c)));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            => _inner.RegisterOperationBlockAction(c => _clock.Time(() => action(c)));
    }

    private sealed class TimedStart : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _inner;
        private readonly CpuClock _clock;

#pragma warning disable RS1012 // Forwards the wrapped analyzer's registrations; it registers nothing of its own.
        public TimedStart(CompilationStartAnalysisContext inner, CpuClock clock)
#pragma warning restore RS1012
            : base(inner.Compilation, inner.Options, inner.CancellationToken)
        {
            _inner = inner;
            _clock = clock;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
            => _inner.RegisterCompilationEndAction(c => _clock.Time(() => action(c)));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            => _inner.RegisterSemanticModelAction(c => _clock.Time(() => action(c)));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            => _inner.RegisterSymbolAction(c => _clock.Time(() => action(c)), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(c => _clock.Time(() => action(c)));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
            => _inner.RegisterCodeBlockAction(c => _clock.Time(() => action(c)));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
            => _inner.RegisterSyntaxTreeAction(c => _clock.Time(() => action(c)));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _inner.RegisterSyntaxNodeAction(c => _clock.Time(() => action(c)), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => _inner.RegisterOperationAction(c => _clock.Time(() => action(c)), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
            => _inner.RegisterOperationBlockStartAction(c => _clock.Time(() => action(c)));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            => _inner.RegisterOperationBlockAction(c => _clock.Time(() => action(c)));
    }
}
