using System.Collections.Generic;
using System.Linq;
using Tally.Analyzers.Tests.Corpus.Cases;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// The new corpus of issue 9: one case or more for every pattern of <see cref="Issue9Patterns"/>, written for the
/// "two writers that can overlap without a common lock" model. Scored with <see cref="CorpusMatching.AnyUpdateRule"/>,
/// apart from the old corpus (<see cref="CorpusCases"/>), which keeps its exact rule IDs.
/// </summary>
internal static class NewCorpusCases
{
    /// <summary>How the new corpus is scored.</summary>
    public const CorpusMatching Matching = CorpusMatching.AnyUpdateRule;

    public static IReadOnlyList<CorpusCase> All { get; } = new[]
    {
        // False alarms of today's model: correct code, clean.
        TransactionPagesCase.Case,
        HandedOffMessageCase.Case,
        SerializerCursorCase.Case,
        RxOperatorIndexCase.Case,
        LockHeldByCallersCase.Case,
        SemaphoreHelpersCase.Case,
        CustomMutexCase.Case,
        InsideLockNamingCase.Case,
        AssertMonitorEnteredCase.Case,
        BaseClassLocksVirtualCase.Case,
        LoopStartedOnceTaskRunCase.Case,
        LoopStartedOnceThreadCase.Case,
        OneThreadSchedulerCase.Case,
        HostedServiceLoopCase.Case,
        OneShotTimerCase.Case,
        AutoResetFalseTimerCase.Case,
        VolatileObserversCase.Case,
        StartUpStaticSetterCase.Case,
        MainArgsLoopCase.Case,
        // Misses of today's model: real lost updates, marked.
        CrossTypeParallelCase.Case,
        CrossTypeTaskRunTwiceCase.Case,
        CrossTypeThreadLoopCase.Case,
        CrossTypeTimerHandlerCase.Case,
        CrossTypeBusCase.Case,
        ActivityListenerCase.Case,
        EventListenerCase.Case,
        DiagnosticListenerCase.Case,
        ProcessOutputCase.Case,
        FileSystemWatcherCase.Case,
        SocketCompletedCase.Case,
        TimersElapsedCase.Case,
        CancellationRegisterCase.Case,
        ContinueWithCase.Case,
        StaticEventLambdaCase.Case,
        OptionsDelegateCase.Case,
        WhenAllSelectCase.Case,
        WhenAllTwoMethodsCase.Case,
        ParallelForEachAsyncCase.Case,
        AsyncLocalFunctionCase.Case,
        ConcurrentAutoPropertyCase.Case,
        BaseClassSynchronisesCase.Case,
        TrivialPropertyCase.Case,
        StaticInstanceCase.Case,
        PerKeyLockCase.Case,
        ReadLockCase.Case,
        SemaphoreCountCase.Case,
        TwoDifferentLocksCase.Case,
        ReadAfterIncrementInLockCase.Case,
        CapturedNewObjectCase.Case,
        CapturedLocalLoopAndMainCase.Case,
        MathMaxCase.Case,
        CompareThenAssignCase.Case,
        MultiplyAddCase.Case,
        RefLocalCase.Case,
        // Shapes of lost updates fixed in public projects: marked.
        SinkRowNumberCase.Case,
        KeyedSemaphoreWaitersCase.Case,
        StaticIdInConstructorCase.Case,
        SharedPageShareCountCase.Case,
        ResilienceCallbackCountCase.Case,
        FireAndForgetLocalCase.Case,
        StaticSequenceUnderInstanceLockCase.Case,
        ReentrantReadDepthCase.Case,
        // Shapes met on real projects (docs/real-code.md): measured false alarms and misses, written fresh.
        ExporterBaseLockChainCase.Case,
        CacheTrimUnderLockCase.Case,
        DedicatedSchedulerMonitorCase.Case,
        OptionsCallbackFieldCase.Case,
        LogEventSinkContractCase.Case,
        ConfirmSequenceStartCase.Case,
        EngineExclusiveCheckpointCase.Case,
        EngineShrinkOutsideCheckpointCase.Case,
        RecoveredChannelTakeOverCase.Case,
        SiblingPageCountsCase.Case,
        // Shapes met on more real projects (docs/real-code-wider.md): the part of a measured false alarm the model gets right.
        SummaryBufferUnderCallerLocksCase.Case,
        JobLoadedPerIterationCase.Case,
        // Locks the model did not see, and owners' locks taken for a helper's own (docs/real-code-wider.md patterns 3 and 4).
        SummaryNestedLocksCase.Case,
        SummaryResetUnderStatsLockOnlyCase.Case,
        PooledChunkUnderArenaLockCase.Case,
        SocketHelperUnderOwnerLockCase.Case,
        // Synchronisation that speaks for one part of the state only (docs/real-code-wider.md, patterns 1 and 6), and the race kept.
        DeflaterLazyHeaderCase.Case,
        RefCountedBodyPartCase.Case,
        ActorTermAcksCase.Case,
        OutboundPendingBytesCase.Case,
        SocketCloseFlagCase.Case,
        // Held-out family A: a lock or concurrent collection shared with other code than the writers of the updated state.
        MetricBatchCollectCase.Case,
        ConnectorResetMessageCase.Case,
        ActorConnectionStatusCase.Case,
        WheelTimerWaitCase.Case,
        EventRelaySubscribersCase.Case,
        // State confined to one executor, and objects one parallel iteration owns (docs/real-code-wider.md, patterns 2 and 5).
        ExecutorConfinedPoolCase.Case,
        TriggerResetPerIterationCase.Case,
        // One writer however far it is, a worker no interface call reaches, a pump whose every way in is on the loop (issue 9, false alarm 3).
        SubscriptionDeliveryLoopCase.Case,
        TimerWheelWorkerCase.Case,
        LeaseQueuePumpCase.Case,
        // Try-locks (docs/real-code-heldout.md, family C): held where the acquire succeeded, not where it may have failed.
        KeepAliveTryLockCase.Case,
        PoolCompareExchangeGateCase.Case,
        TryLockFailurePathCase.Case,
        // Writers in the two branches of one flag the object keeps (docs/real-code.md, tuning sample).
        ExporterModeFlagCase.Case,
        // The partner rule's exception: a public method of a public type runs beside itself; an internal queue's drain does not.
        RateLimiterRejectionCountCase.Case,
        WriterLoopDrainCountCase.Case,
        // A partner the synchronising function runs itself, through the writer, is no second writer (held-out, Npgsql).
        SessionPrependedResponsesCase.Case,
        // A caller's lock around a public override whose chain stays in internal types (held-out family F).
        HedgedStreamWriteCountCase.Case,
        // State claims (docs/real-code-heldout.md, the state hand-off): a state checked and set under a lock, held until set back.
        LinkKeepAliveClaimCase.Case,
        PollerBusyFlagResetCase.Case,
        // A lock taken in one method and released in another (docs/real-code-fresh.md, family M).
        CrossProcessFileLockCase.Case,
        // An activation step the loader runs on a sink it has just made, beside the base's lock around a virtual (docs/real-code-fresh.md, family B).
        ActivatedRollingSinkCase.Case,
        // One awaiter per operation of a hand-written IValueTaskSource (docs/real-code-fresh.md, family V).
        ValueTaskSourceVersionCase.Case,
        // A count read again after Interlocked.Increment only to compare it with a limit (docs/real-code-fresh.md, family R).
        AcceptLoopConnectionLimitCase.Case,
        // A total read again after Interlocked and passed to a sample that elsewhere gets the plain total (fresh2/fresh3, family R).
        WorkerPoolStatisticsSampleCase.Case,
        // A lock taken through a property whose getter returns the lock field (docs/real-code-fresh2.md, family P).
        LinkCreditThroughSyncRootCase.Case,
        // A property setter assigned only inside the lock of the state word's other updates (docs/real-code-fresh2.md, family H).
        WorkItemCompletionFlagCase.Case,
        // Every caller locks the object it calls an internal method on (docs/real-code-fresh4.md, family H, receiver form).
        AnnounceUnderTorrentLockCase.Case,
        // One operation in flight per SocketAsyncEventArgs (docs/real-code-fresh2.md, family L), and the timeout race kept.
        ConnectionCompletionChainCase.Case,
        ResponseTimeoutDuringReceiveCase.Case,
        // Pooled messages and packets reset by their holder just before they go back to the pool (docs/real-code-fresh3.md, family A).
        PooledDatagramRecycleCase.Case,
        // Pooled readers and buffers written by the code that just took them, before it hands them on (docs/real-code-fresh3.md, family A, the taker's side).
        PooledReaderHandOffCase.Case,
        ResentPacketReuseCase.Case,
        // An ActionBlock actor, a listener started once through a helper, and a conditional wrap-around id and per-thread pools (docs/real-code-fresh4.md, families X, W, T and the shape miss).
        RouterMailboxActorCase.Case,
        ListenerStartedThroughHelperCase.Case,
        WrapAroundPacketIdCase.Case,
        PerThreadBufferPoolCase.Case,
        // Static settings: setters are configuration; run-time updates forcing one mask lose nothing (held-out family E).
        ProviderFeatureFallbackCase.Case,
        // Counters confined to the main thread by a thread-affinity assertion, and a writer without it (docs/real-code-fresh2.md, family A).
        MainThreadBlockingCountCase.Case,
        MainThreadCountTouchedOffThreadCase.Case,
        // Usage contracts "one caller at a time": a documented stream, an enumerator, and a reader's own prefetch loop kept (fourth fresh sample and tuning sample, family D).
        RemoteBlobStreamCase.Case,
        PagedQueryCursorCase.Case,
        PrefetchingReaderCase.Case,
    };

    public static CorpusCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The case names, for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });
}
