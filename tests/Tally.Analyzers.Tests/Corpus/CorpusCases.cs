using System.Collections.Generic;
using System.Linq;
using Tally.Analyzers.Tests.Corpus.Cases;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>Every file of the real-code corpus.</summary>
internal static class CorpusCases
{
    public static IReadOnlyList<CorpusCase> All { get; } = new[]
    {
        TokenizerCase.Case,
        EnumeratorCase.Case,
        IndentBuilderCase.Case,
        LockedCacheCase.Case,
        MetricsCase.Case,
        SingletonServiceCase.Case,
        ScopedServiceCase.Case,
        MiddlewareCase.Case,
        LoggerCase.Case,
        ControllerCase.Case,
        BackgroundWorkerCase.Case,
        HostedServiceCase.Case,
        TimerHeartbeatCase.Case,
        ParallelCapturedLocalCase.Case,
        ParallelLocalStateCase.Case,
        VolatileCounterCase.Case,
        StaticStateCase.Case,
        StructStateCase.Case,
        SemaphoreGateCase.Case,
        EventsAndDelegatesCase.Case,
        InterlockedMisuseCase.Case,
        MinimalApiCase.Case,
        KnownLocksCase.Case,
        HttpHandlerCase.Case,
        ThreadsAndPlinqCase.Case,
        SuppressedCase.Case,
        RacyAttributesCase.Case,
        RefCountedHandleCase.Case,
        CallChainCase.Case,
        LockFreeStackCase.Case,
    };

    public static CorpusCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The case names, for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });
}
