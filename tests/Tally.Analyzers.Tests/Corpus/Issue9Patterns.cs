using System.Collections.Generic;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// Every pattern issue 9 lists, as the new corpus tags its cases. "FalseAlarm" patterns are correct code that real
/// projects got reported for (their cases are clean); "Miss" patterns are real lost updates that went unreported
/// (their cases mark at least one diagnostic, and may hold a correct twin that must stay silent); "RealBug" patterns are
/// fresh cases in the shape of lost updates that public projects fixed (marked like misses).
/// </summary>
internal static class Issue9Patterns
{
    // False alarm 1: a type that locks or uses Interlocked/Volatile for some state made its other state "shared".
    public const string OwnedTransactionPages = "FalseAlarm1: per-transaction page list of a locking engine";
    public const string OwnedHandedOffMessage = "FalseAlarm1: message handed from thread to thread, flags changed by its owner";
    public const string OwnedSerializerCursor = "FalseAlarm1: buffer cursor moved only by its owning serializer";
    public const string OwnedRxOperatorIndex = "FalseAlarm1: Rx operator index updated in OnNext (serialised by contract)";
    public const string ValueTaskSourceConsumer = "FalseAlarm1: a hand-written IValueTaskSource's version bumped in GetResult (one awaiter per operation)";
    public const string OneCallerDocumentedStream = "FalseAlarm1: a stream documented instance-not-thread-safe whose sync members lock and async members cannot (fourth fresh sample, family D)";
    public const string OneCallerEnumerator = "FalseAlarm1: an enumerator's page offset moved by its one consumer beside a locked restart (tuning sample, family D)";
    public const string ThreadStaticPool = "FalseAlarm1: a pool reached only through a [ThreadStatic] field, one pool per thread (fourth fresh sample, family T)";
    public const string PooledObjectGivenBack = "FalseAlarm1: a pooled message or packet reset by its holder just before it goes back to its pool";
    public const string PooledObjectTaken = "FalseAlarm1: a pooled reader or buffer written by the code that just took it from its pool, before it hands it on";

    // False alarm 1, as measured on more real projects (docs/real-code-wider.md): the synchronisation is for one small part of the state.
    public const string OneOffLazyInitLock = "FalseAlarm1: a one-off lazy initialisation under lock (this) in a stream's state";
    public const string BaseReferenceCount = "FalseAlarm1: a base-class reference count on per-request objects";
    public const string ActorCommandCounter = "FalseAlarm1: an actor's Interlocked sent-command counter beside state its own thread changes";
    public const string OutboundPendingBytes = "FalseAlarm1: Interlocked pending-byte totals beside counters one event loop changes";
    public const string SocketCloseFlag = "FalseAlarm1: a one-thread socket's Interlocked close flag beside its event accessors";

    // False alarm 1, held-out family A (docs/real-code-heldout.md): the synchronisation excludes other code than the writers.
    public const string CollectBatchBesideRecordersLock = "FalseAlarm1: a collecting thread's batch count beside a helper locking the recorders' lookup table";
    public const string ConnectorOpenedBesideKeepAliveLock = "FalseAlarm1: a connector's reset count built while opening, beside a lock against its keep-alive";
    public const string ActorStatusBesideSharedAckQueue = "FalseAlarm1: an actor's status flags beside an acknowledgement queue its write handler fills";
    public const string DrainBesideProducersLock = "FalseAlarm1: a writer loop's counts kept by an internal queue's drain, beside the producers' lock";
    public const string PartnerInWritersOwnRun = "FalseAlarm1: a session's pending-response count read while opening, beside a lock the reader's own cancellation helper takes";

    // False alarm 6 (docs/real-code-wider.md): a wait that is no lock.
    public const string TaskWaitHelper = "FalseAlarm6: a helper that waits on a Task taken for a lock helper";

    // False alarm 2: locks not seen.
    public const string LockHeldByEveryCallerButConstructor = "FalseAlarm2: private method whose callers hold a lock, except the constructor";
    public const string SemaphoreThroughHelpers = "FalseAlarm2: SemaphoreSlim(1,1) taken and released through helper methods";
    public const string CustomMutex = "FalseAlarm2: a custom mutex";
    public const string InsideLockNaming = "FalseAlarm2: methods named ...InsideLock / ...Locked";
    public const string AssertMonitorIsEntered = "FalseAlarm2: methods starting with Debug.Assert(Monitor.IsEntered(x))";
    public const string BaseClassLocksAroundVirtual = "FalseAlarm2: a base class calls a virtual method under its own lock";
    public const string CallerLockAroundInternalOverride = "FalseAlarm2: a caller's lock around a public override of an internal base's method";
    public const string TryLockFailureSkips = "FalseAlarm2: a try-lock (Monitor.TryEnter, a CompareExchange gate) whose failure skips the update";
    public const string StateClaimHandOff = "FalseAlarm2: a state checked and set under a lock hands the object to one claimant (an operation, a keep-alive that runs only while it is free)";
    public const string LockHeldAcrossMethods = "FalseAlarm2: a Mutex or Monitor taken in one method (AcquireLock) and released in another (ReleaseLock)";

    // False alarm 2, second fresh sample (docs/real-code-fresh2.md, families P and H): lock identity and inheritance through properties.
    public const string LockThroughProperty = "FalseAlarm2: a lock taken through a property whose getter returns the lock field";
    public const string SetterCalledUnderCallersLock = "FalseAlarm2: a property setter assigned only under the lock its other updates hold";
    public const string CallerLocksTheReceiver = "FalseAlarm2: every caller of an internal method locks the object it calls it on (lock (entry) { entry.Record(...); })";

    // False alarm 3: one writer treated as many.
    public const string LoopStartedOnceTaskRun = "FalseAlarm3: a loop started once with Task.Run";
    public const string LoopStartedOnceThread = "FalseAlarm3: a loop started once with new Thread";
    public const string StartNewOnOneThreadScheduler = "FalseAlarm3: StartNew on a one-thread scheduler";
    public const string HostedServiceExecuteAsync = "FalseAlarm3: a hosted service's ExecuteAsync";
    public const string OneShotTimerRearmed = "FalseAlarm3: a one-shot timer re-armed at the end of its callback";
    public const string AutoResetFalseTimer = "FalseAlarm3: a System.Timers.Timer with AutoReset = false";
    public const string SerialDataflowActor = "FalseAlarm3: an actor made of a Dataflow ActionBlock with the default degree of parallelism of 1 (fourth fresh sample, family X)";
    public const string LoopStartedOnceThroughHelper = "FalseAlarm3: a loop started once through a helper that takes the delegate (fourth fresh sample, family W)";
    public const string CompletionChainPerEventArgs = "FalseAlarm3: the completions of one SocketAsyncEventArgs a connection keeps (one operation in flight), a handler shared by its receive and send args dispatching on LastOperation";

    // Measured on more real projects (docs/real-code-wider.md, pattern 2): state that one executor's thread owns.
    public const string ExecutorConfinedState = "FalseAlarm6: state confined to a single-threaded executor (event loop hop, InEventLoop asserts)";
    public const string ThreadAffinityAssertion = "FalseAlarm6: counters whose helpers assert or throw unless they run on one thread (a read-only thread id compared with the current one)";

    // Measured on the tuning sample (docs/real-code.md): writers in the two branches of one flag the object keeps.
    public const string FlagModeWriters = "FalseAlarm7: a lock-free fast path and a locked slow path chosen by a flag nothing changes at run time";

    // Measured on the fresh sample (docs/real-code-fresh.md, family R): a re-read after Interlocked that asks "the count now".
    public const string ReadAfterIncrementComparedWithLimit = "FalseAlarm8: a count read again after Interlocked.Increment only to compare it with a limit for a side action";

    // Measured on the second and third fresh samples (family R): a re-read passed on where the type elsewhere passes the plain total.
    public const string ReadAfterInterlockedAsCurrentValue = "FalseAlarm8: a total read again after an Interlocked step and passed to a statistics sample or usage event that elsewhere gets the plain total";

    // False alarm 4 and 5.
    public const string VolatileReadObservers = "FalseAlarm4: one writer, observers read with Volatile.Read or a volatile field";
    public const string StaticStartUpSetter = "FalseAlarm5: a static setter meant for start-up";
    public const string MainArgsLoop = "FalseAlarm5: foreach (var a in args) s_count++ in Main";

    // Miss 1: concurrency that starts in another type.
    public const string CrossTypeParallelForEach = "Miss1: Parallel.ForEach(items, x => stats.Record(x))";
    public const string CrossTypeTaskRunTwice = "Miss1: Task.Run(() => worker.Spin()) twice";
    public const string CrossTypeThreadInLoop = "Miss1: new Thread(loop.Run) in a loop";
    public const string CrossTypeTimerHandler = "Miss1: a timer handler that is another object's method";
    public const string CrossTypeBusTaskRun = "Miss1: a handler reaching Task.Run through a bus type";

    // Miss 2: callbacks and events raised on other threads.
    public const string ActivityListenerCallbacks = "Miss2: ActivityListener.ActivityStarted/Stopped";
    public const string EventListenerCallback = "Miss2: EventListener.OnEventWritten";
    public const string DiagnosticListenerObserver = "Miss2: DiagnosticListener observers";
    public const string ProcessOutputDataReceived = "Miss2: Process.OutputDataReceived";
    public const string FileSystemWatcherEvents = "Miss2: FileSystemWatcher events";
    public const string SocketAsyncEventArgsCompleted = "Miss2: SocketAsyncEventArgs.Completed";
    public const string TimersTimerElapsed = "Miss2: System.Timers.Timer.Elapsed";
    public const string CancellationTokenRegister = "Miss2: CancellationToken.Register";
    public const string ContinueWithCallback = "Miss2: ContinueWith";
    public const string StaticEventLambda = "Miss2: lambdas subscribed to a static event";
    public const string OptionsDelegate = "Miss2: delegate-typed options property a library invokes concurrently";

    // Miss 3: async fan-out.
    public const string WhenAllSelectAsync = "Miss3: Task.WhenAll(items.Select(async x => ...))";
    public const string WhenAllTwoMethods = "Miss3: Task.WhenAll(A(), B()) updating one field";
    public const string ParallelForEachAsync = "Miss3: Parallel.ForEachAsync";
    public const string AsyncLocalFunctionTaskRunLoop = "Miss3: an async local function passed to Task.Run in a loop";

    // Miss 4: evidence in the compilation that is ignored.
    public const string ConcurrentCollectionAutoProperty = "Miss4: concurrent collection held in an auto-property";
    public const string BaseClassSynchronises = "Miss4: a base class uses Interlocked or concurrent collections";
    public const string PublicMethodSynchronisesForItself = "Miss4: a public thread-safe method shares its lock with a partner and counts outside it";
    public const string TrivialPropertyOverField = "Miss4: trivial non-auto property over a field updated with ++";
    public const string InstanceThroughStaticMember = "Miss4: instance reached through Default/Instance/Lazy<T>";

    // Miss 5: locks that do not exclude each other.
    public const string PerKeyLock = "Miss5: a per-key lock object";
    public const string ReadLock = "Miss5: a read lock";
    public const string SemaphoreCountAboveOne = "Miss5: SemaphoreSlim with a count above 1";
    public const string TwoDifferentLocks = "Miss5: two writers under two different locks";
    public const string ReadAfterInterlockedInsideLock = "Miss5: TALLY007 skipping every call inside any lock";
    public const string TryLockFailureRuns = "Miss5: a try-lock whose failure path still runs the update";
    public const string StateFreedWithoutClaim = "Miss5: a state claim whose free value code holding no claim also writes";
    public const string ThreadCheckOnSomeWritersOnly = "Miss5: writers that assert one thread beside a writer that runs on another thread without the check";

    // Miss 6 and 7.
    public const string NewObjectCapturedByParallel = "Miss6: a new object captured by concurrent code";
    public const string CapturedLocalLoopAndMain = "Miss6: a captured local written by a Task.Run loop and the main thread";
    public const string MathMaxShape = "Miss7: x = Math.Max(x, v)";
    public const string CompareThenAssignShape = "Miss7: if (v > x) x = v";
    public const string MultiplyAddShape = "Miss7: x = x * 2 + 1";
    public const string RefLocalShape = "Miss7: ref locals to a shared field or element";
    public const string ConditionalWrapAroundShape = "Miss7: x = c ? x + 1 : 1, a conditional wrap-around (fourth fresh sample)";

    // Shapes of real lost-update bugs fixed in public .NET projects (docs/real-code.md names each project and commit).
    public const string RealBugSinkRowNumber = "RealBug: a log sink numbers rows with _index++ in Emit, which loggers call from any thread";
    public const string RealBugKeyedSemaphoreWaiters = "RealBug: waiters of a per-key semaphore counted outside it";
    public const string RealBugStaticIdInConstructor = "RealBug: a static id counter incremented in a constructor";
    public const string RealBugSharedPageShareCount = "RealBug: a page's share count bumped with ++ where other paths use Interlocked";
    public const string RealBugResilienceCallbackCount = "RealBug: a captured count in a callback a resilience pipeline runs concurrently";
    public const string RealBugFireAndForgetLocal = "RealBug: a captured local updated by a fire-and-forget Task.Run and an async lambda";
    public const string RealBugStaticSequenceUnderInstanceLock = "RealBug: a static id sequence bumped inside lock (this), one lock per instance";
    public const string RealBugReentrantReadDepth = "RealBug: a re-entry count changed while the thread holds only the read lock";

    // Races found in real projects (docs/real-code-wider.md), kept reported.
    public const string LatentEventRelaySubscription = "RealRace: handlers combined with += in accessors that count subscribers with Interlocked";
    public const string LatentResponseTimeoutReset = "RealRace: a one-shot timeout timer resets a reply that the receive completion chain is parsing";
    public const string PooledPacketStillResent = "RealRace: a resend loop still holds a packet that was recycled and taken again by a sender";
    public const string OneCallerTypesOwnLoop = "RealRace: a reader documented for one caller at a time whose own prefetch loop moves the count its caller's reads move";

    /// <summary>Every pattern, in the issue's order.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        OwnedTransactionPages, OwnedHandedOffMessage, OwnedSerializerCursor, OwnedRxOperatorIndex, ValueTaskSourceConsumer, OneCallerDocumentedStream, OneCallerEnumerator,
        PooledObjectGivenBack, ThreadStaticPool, PooledObjectTaken,
        OneOffLazyInitLock, BaseReferenceCount, ActorCommandCounter, OutboundPendingBytes, SocketCloseFlag,
        CollectBatchBesideRecordersLock, ConnectorOpenedBesideKeepAliveLock, ActorStatusBesideSharedAckQueue, DrainBesideProducersLock, PartnerInWritersOwnRun, TaskWaitHelper,
        LockHeldByEveryCallerButConstructor, SemaphoreThroughHelpers, CustomMutex, InsideLockNaming, AssertMonitorIsEntered, BaseClassLocksAroundVirtual, CallerLockAroundInternalOverride, TryLockFailureSkips, StateClaimHandOff, LockHeldAcrossMethods,
        LockThroughProperty, SetterCalledUnderCallersLock, CallerLocksTheReceiver,
        LoopStartedOnceTaskRun, LoopStartedOnceThread, StartNewOnOneThreadScheduler, HostedServiceExecuteAsync, OneShotTimerRearmed, AutoResetFalseTimer, CompletionChainPerEventArgs, SerialDataflowActor, LoopStartedOnceThroughHelper,
        VolatileReadObservers, StaticStartUpSetter, MainArgsLoop, ExecutorConfinedState, ThreadAffinityAssertion, FlagModeWriters, ReadAfterIncrementComparedWithLimit, ReadAfterInterlockedAsCurrentValue,
        CrossTypeParallelForEach, CrossTypeTaskRunTwice, CrossTypeThreadInLoop, CrossTypeTimerHandler, CrossTypeBusTaskRun,
        ActivityListenerCallbacks, EventListenerCallback, DiagnosticListenerObserver, ProcessOutputDataReceived, FileSystemWatcherEvents,
        SocketAsyncEventArgsCompleted, TimersTimerElapsed, CancellationTokenRegister, ContinueWithCallback, StaticEventLambda, OptionsDelegate,
        WhenAllSelectAsync, WhenAllTwoMethods, ParallelForEachAsync, AsyncLocalFunctionTaskRunLoop,
        ConcurrentCollectionAutoProperty, BaseClassSynchronises, PublicMethodSynchronisesForItself, TrivialPropertyOverField, InstanceThroughStaticMember,
        PerKeyLock, ReadLock, SemaphoreCountAboveOne, TwoDifferentLocks, ReadAfterInterlockedInsideLock, TryLockFailureRuns, StateFreedWithoutClaim, ThreadCheckOnSomeWritersOnly,
        NewObjectCapturedByParallel, CapturedLocalLoopAndMain, MathMaxShape, CompareThenAssignShape, MultiplyAddShape, RefLocalShape, ConditionalWrapAroundShape,
        RealBugSinkRowNumber, RealBugKeyedSemaphoreWaiters, RealBugStaticIdInConstructor, RealBugSharedPageShareCount,
        RealBugResilienceCallbackCount, RealBugFireAndForgetLocal, RealBugStaticSequenceUnderInstanceLock, RealBugReentrantReadDepth,
        LatentEventRelaySubscription, LatentResponseTimeoutReset, PooledPacketStillResent, OneCallerTypesOwnLoop,
    };

    /// <summary>Whether <paramref name="pattern"/> is correct code that must stay silent (a false alarm of today's model).</summary>
    public static bool IsFalseAlarm(string pattern) => pattern.StartsWith("FalseAlarm", System.StringComparison.Ordinal);
}
