using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>
/// Options for a measured <see cref="CompilationWithAnalyzers"/>: concurrent execution, execution time logged per
/// analyzer, and every analyzer exception collected (an exception is a bug, and the benchmarks fail on one).
/// </summary>
public sealed class AnalysisRun
{
    private readonly ConcurrentQueue<string> _exceptions = new();

    /// <summary>
    /// The analyzer options of every run that is given none: empty unless the benchmark's command line sets keys with
    /// <c>--option KEY=VALUE</c> (say <c>tally.call_depth=3</c>), which then hold for every analyzer set it measures.
    /// </summary>
    public static AnalyzerOptions DefaultOptions { get; set; } = new(ImmutableArray<AdditionalText>.Empty);

    /// <param name="options">The analyzer options; <see cref="DefaultOptions"/> by default.</param>
    /// <param name="concurrent">
    /// Whether the driver runs analyzers on many threads, as a build does. Off, every callback runs on one thread, so no
    /// logged time includes waiting for another thread: the steadier measure of an analyzer's own work on a busy machine.
    /// </param>
    public AnalysisRun(AnalyzerOptions? options = null, bool concurrent = true)
    {
        Options = new CompilationWithAnalyzersOptions(
            options ?? DefaultOptions,
            onAnalyzerException: (exception, analyzer, diagnostic) => _exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
    }

    public CompilationWithAnalyzersOptions Options { get; }

    /// <summary>The analyzer exceptions seen so far, with the analyzer's type name.</summary>
    public IReadOnlyCollection<string> Exceptions => _exceptions.ToArray();

    /// <summary>Throws when any analyzer threw.</summary>
    public void ThrowIfAnalyzerFailed()
    {
        if (!_exceptions.IsEmpty)
        {
            throw new InvalidOperationException("Analyzer exceptions:\n" + string.Join("\n", _exceptions.Take(5)));
        }
    }

    /// <summary>Execution time per analyzer assembly (short name), summed over its analyzers.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> ByAssembly(IEnumerable<KeyValuePair<DiagnosticAnalyzer, TimeSpan>> times)
        => times
            .GroupBy(p => p.Key.GetType().Assembly.GetName().Name ?? "?")
            .ToDictionary(g => g.Key, g => TimeSpan.FromTicks(g.Sum(p => p.Value.Ticks)));
}
