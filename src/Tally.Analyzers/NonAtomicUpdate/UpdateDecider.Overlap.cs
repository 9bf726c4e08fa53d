using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The overlap search of <see cref="UpdateDecider"/>: which writers of the storage can run at the same time.</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// How an update can overlap: the concurrent start that overlaps it (with itself, with another context reaching it,
        /// or with another writer of the storage), the other writer named in the message, and a writer that is atomic or
        /// holds another lock (the evidence of TALLY001).
        /// </summary>
        private sealed partial class Overlap
        {
            private Overlap(LockFact? selfLock, bool isStatic, string? storageTypeKey, Reach reach, bool fromCaller, bool oneCaller)
            {
                OneCaller = oneCaller;
                SelfLock = selfLock;
                IsStatic = isStatic;
                StorageTypeKey = storageTypeKey;
                Reach = reach;
                FromCaller = fromCaller;
            }

            /// <summary>The exclusive lock named for the update (<see cref="ConcurrencyModel.HeldLock"/>): its own, or one every caller holds.</summary>
            public LockFact? SelfLock { get; }

            /// <summary>Whether the storage, or the object holding it, is static.</summary>
            public bool IsStatic { get; }

            public string? StorageTypeKey { get; }

            /// <summary>How the update's function can be running, after <see cref="Filter"/>.</summary>
            public Reach Reach { get; }

            /// <summary>Whether ordinary code reaches the update (and it is not serialised by a contract: Rx, a value-task source).</summary>
            public bool FromCaller { get; }

            /// <summary>
            /// Whether a usage contract says the application's calls on the instance do not overlap each other
            /// (<see cref="OneCallerAtATime"/>): ordinary code then counts only as a context beside concurrent starts.
            /// </summary>
            public bool OneCaller { get; }

            /// <summary>Whether concurrent code makes two writers overlap.</summary>
            public bool StartRace { get; private set; }

            /// <summary>The start named in the message.</summary>
            public ReachedEntry? Start { get; private set; }

            /// <summary>The other writer, or "also runs from ordinary calls", for the message.</summary>
            public string? PartnerText { get; private set; }

            /// <summary>
            /// Whether some overlap found is certainly on the update's own object: the update overlapping itself, or a
            /// partner that is not an instance write through another static holder (<see cref="ThroughAnotherStaticHolder"/>).
            /// Not one periodic timer's handler with itself (<see cref="EntryFact.Periodic"/>): its runs overlap only when
            /// one outlasts the period, which the code does not declare; nor one start with itself whose method may only be
            /// called again (<see cref="ReachedEntry.AgainOnlyByCalls"/>).
            /// </summary>
            public bool OneObjectRace { get; private set; }

            /// <summary>A writer that is atomic or holds a lock this update does not hold.</summary>
            public WriteFact? SynchronizedWriter { get; private set; }

            /// <summary>Whether some overlap found holds by construction (a fan-out: <see cref="Certainties.ByConstruction"/>).</summary>
            public bool ByConstruction { get; private set; }

            /// <summary>
            /// The overlap of <paramref name="self"/>; <paramref name="member"/>, the method holding it, when known, lets
            /// an atomic partner whose workers start after it and end before its method goes on be set aside
            /// (<see cref="PreparedBeforeJoinedWorkers"/>).
            /// </summary>
            public static Overlap Find(UpdateTarget target, ISymbol? holder, WriteFact self, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member = null)
            {
                var isStatic = target.IsStatic || holder is { IsStatic: true };
                var storageTypeKey = facts.KeyOf(target.Storage.ContainingType);
                var perRequest = !isStatic && storageTypeKey != null && IsCreatedPerRequest(target.Storage.ContainingType!, storageTypeKey, model, facts);
                var reach = Filter(model.ReachOfWrite(self), options.CallDepth, isStatic, perRequest, storageTypeKey, model);
                var function = model.Function(self.FunctionKey);
                var serialized = function != null && function.Has(FunctionFlags.Serialized);
                var oneCaller = reach.FromCaller && !serialized && OneCallerAtATime(target, isStatic, self, model, facts, options, options.CallDepth);
                var overlap = new Overlap(model.HeldLock(self), isStatic, storageTypeKey, reach, reach.FromCaller && !serialized && !oneCaller, oneCaller);
                if (!overlap.SelfLock.HasValue)
                {
                    overlap.WithItself(self.ThroughThis, facts);
                    overlap.ByConstruction &= self.Root != ReceiverRoot.Element; // Which element each copy writes is not known.
                    if (overlap.ByConstruction && AtVaryingIndex(target))
                    {
                        // An index computed from the loop's iteration variable: a row per iteration, most likely (not proven).
                        overlap.ByConstruction = ParallelIndexOf(target, UpdateContext.Create(target.Update, member, facts.Known, options), derived: true) != ParallelIndex.Derived;
                    }
                }

                overlap.WithOtherWriters(self, model, facts, options.CallDepth, perRequest, member);
                overlap.OneObjectRace &= !AtVaryingIndex(target); // Which element each writer steps is not known: counters[slot].
                return overlap;
            }

            private void Started(ReachedEntry entry, string? partner, bool byConstruction = false, bool oneObject = true, bool periodicSelf = false, bool lazy = false)
            {
                ByConstruction |= byConstruction && oneObject && !lazy;
                OneObjectRace |= oneObject && !periodicSelf && !lazy; // A run through a lazy initialiser: UpdateDecider.LazyInitializers.cs.
                StartRace = true;
                Start ??= entry;
                PartnerText ??= partner;
            }

            /// <summary>An entry reaching the update that overlaps with itself or with another context (or ordinary code) reaching it.</summary>
            private void WithItself(bool throughThis, CompilationFacts facts)
            {
                foreach (var reached in Reach.Entries)
                {
                    if (Taken(reached, throughThis))
                    {
                        // Each run holds the object it took: only a run that reaches the object otherwise (a holder that
                        // kept it after giving it back) overlaps it.
                        if (HasOtherContext(Reach, reached, throughThis))
                        {
                            Started(reached, null);
                        }

                        continue;
                    }

                    var withCaller = Reach.FromCaller && !CallerChained(Reach, reached, throughThis, reached.ObjectTypes, facts);
                    var withOther = HasOtherContext(Reach, reached, throughThis: false, chainedThrough: throughThis);
                    if (reached.Many || withCaller || withOther)
                    {
                        Started(reached, !reached.Many && Reach.Entries.Count == 1 ? "also runs from ordinary calls" : null, Certainties.ByConstruction(reached, Reach.Entries, throughThis), periodicSelf: !withCaller && !withOther && UndeclaredSelfOverlap(reached),
                            lazy: reached.ThroughLazyInitializer || (!reached.Many && !withCaller && !HasOtherContext(Reach, reached, throughThis: false, chainedThrough: throughThis, besidesLazy: true)));
                    }
                }
            }

            /// <summary>Other writers of the storage (rooted in <c>this</c> or a static) that run in a context overlapping the update's.</summary>
            private void WithOtherWriters(WriteFact self, ConcurrencyModel model, CompilationFacts facts, int callDepth, bool perRequest, ISymbol? member)
            {
                foreach (var write in model.WritesOf(self.StorageKey))
                {
                    if (write == self || write.Excluded)
                    {
                        ExcludedBeside(self, write, model); // A start value may still be written beside it (UpdateDecider.SameConstantUpdates.cs).
                        continue;
                    }

                    if (write.Root != ReceiverRoot.Shared || self.Root != ReceiverRoot.Shared)
                    {
                        Beside(self, write); // It may still be the same object (UpdateDecider.SameConstantUpdates.cs).
                        continue; // Writers through locals may touch other objects: only 'this'- and static-rooted writes pair up.
                    }

                    if (!IsStatic && model.RunsOnlyOnNewObjects(write.FunctionKey))
                    {
                        continue; // Like a constructor's write: made on an object nobody else can see yet.
                    }

                    if (!IsStatic && self.ThroughThis && write.ThroughThis && !OneObject(self, write, model, facts))
                    {
                        continue; // 'this' of two sibling subclasses (a data page, the header page): never one object.
                    }

                    if (IsStatic && InTypeInitializerHelper(write, model))
                    {
                        continue; // Like a static constructor's write: made before any other thread touches the type's statics.
                    }

                    if (model.InExclusiveModes(self, write))
                    {
                        continue; // The two run under opposite values of one flag the object keeps (a fast path and a locked slow path).
                    }

                    if (PreparedBeforeJoinedWorkers(self, write, model, member))
                    {
                        continue; // Set before the workers of a fork-join dispatch start; they end before it runs again.
                    }

                    var synchronized = write.Kind == WriteKind.Atomic || model.HeldLock(write).HasValue;
                    var sameLock = model.ShareExclusiveLock(self, write);
                    if (!sameLock)
                    {
                        Beside(self, write);
                    }

                    if (synchronized && !sameLock && (Reach.Entries.Count > 0 || (OwnSynchronization(self, write, model)
                        && (write.Kind == WriteKind.Atomic || Filter(model.ReachOfWrite(write), callDepth, IsStatic, perRequest, StorageTypeKey, model).Entries.Count > 0 || model.LockSpeaksFor(write, write.StorageKey)))))
                    {
                        SynchronizedWriter ??= write;
                    }

                    // A locked update races only with atomic or locked writers that do not take its lock (an unlocked writer is
                    // reported where it is); a write Main makes before its threads start races with none (ConcurrencyModel.StartOrder.cs).
                    if (sameLock || (SelfLock.HasValue && !synchronized) || model.RunsBeforeStartsInMain(write) || model.RunsBeforeStartsInMain(self))
                    {
                        continue;
                    }

                    var other = Filter(model.ReachOfWrite(write), callDepth, IsStatic, perRequest, StorageTypeKey, model);
                    var selfWrite = (self.ThroughThis, TypesOf(self, other, model));
                    var otherWrite = (write.ThroughThis, TypesOf(write, other, model));
                    var pair = OverlappingStart(Reach, other, selfWrite, otherWrite, facts);
                    if (pair.HasValue)
                    {
                        ProducerAndConsumer(self, write, other, model, callDepth); // UpdateDecider.Producers.cs
                        // The message names the first such writer only: the text (a line look-up) is made for that one.
                        var periodicSelf = !pair.Value.FromCalls && pair.Value.StartedWith is { } with && ReferenceEquals(with.Entry, pair.Value.Start.Entry) && UndeclaredSelfOverlap(with);
                        Started(pair.Value.Start, PartnerText == null ? "also written by '" + (model.Function(write.FunctionKey)?.Name ?? "?") + "'" + How(pair.Value.StartedWith) : null, Certainties.StartedTogether(pair.Value.Start, pair.Value.StartedWith), oneObject: !ThroughAnotherStaticHolder(self, write), periodicSelf, ThroughLazyInitializer(pair.Value));
                        BeyondLazyInitializers(pair.Value, self, write, other, selfWrite, otherWrite, facts); // UpdateDecider.LazyInitializers.cs

                        if (periodicSelf && OverlappingStart(Reach, other, selfWrite, otherWrite, facts, beyondPeriodicSelf: true) is { } beyond)
                        {
                            Started(beyond.Start, null, Certainties.StartedTogether(beyond.Start, beyond.StartedWith), oneObject: !ThroughAnotherStaticHolder(self, write), lazy: ThroughLazyInitializer(beyond)); // Another overlap of the pair: as certain as before.
                        }
                    }
                }
            }

            /// <summary>
            /// Whether a synchronised writer's synchronisation is the storage's own, the evidence TALLY001 needs when no
            /// concurrent start reaches the update: an atomic write of the storage, or a lock taken by the code of the
            /// storage's type or of the type making the update. A lock another type holds around its calls into a helper
            /// object it keeps to itself (a socket's lock around some calls into its fair-queueing helper), or around its
            /// own writes into a fresh object handed to it (a counters snapshot it fills), guards that type's state;
            /// it says nothing about this update's storage being shared.
            /// </summary>
            private bool OwnSynchronization(WriteFact self, WriteFact write, ConcurrencyModel model)
            {
                if (write.Kind == WriteKind.Atomic)
                {
                    return true;
                }

                var updaterType = model.Function(self.FunctionKey)?.TypeKey;
                foreach (var held in model.HeldLocks(write))
                {
                    if (held.TakenIn == null || held.TakenIn == StorageTypeKey || held.TakenIn == updaterType)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether the update's object is every thread's through a static holder (<c>s_keys.Value++</c>) and the partner
            /// writes the same member through another holder or another receiver (<c>s_polls.Value++</c>): two holders may
            /// hold two objects, so the pair says the member is written concurrently, not that this object is.
            /// </summary>
            private bool ThroughAnotherStaticHolder(WriteFact self, WriteFact write)
                => IsStatic && !self.StaticStorage && (self.StaticHolderKey == null || self.StaticHolderKey != write.StaticHolderKey);

            private static bool OneObject(WriteFact first, WriteFact second, ConcurrencyModel model, CompilationFacts facts)
            {
                var firstType = model.Function(first.FunctionKey)?.TypeKey;
                var secondType = model.Function(second.FunctionKey)?.TypeKey;
                return firstType == null || secondType == null || facts.CanBeOneObject(firstType, secondType);
            }

            /// <summary>
            /// Drops entries more calls away than <c>tally.call_depth</c> (code reached only beyond it counts as ordinary code,
            /// unless all of it is one run that does not overlap with itself), and, for instance state, entries whose runs
            /// each have their own object: reached through an object the run created, or started in another type while the
            /// storage's type is created per request.
            /// </summary>
            private static Reach Filter(Reach reach, int callDepth, bool isStatic, bool perRequest, string? storageTypeKey, ConcurrencyModel model)
            {
                var kept = new List<ReachedEntry>();
                var dropped = false;
                ReachedEntry? oneSerialRun = null;
                var serial = true;
                var chainedDrops = true;
                var droppedRoots = new List<List<string>?>();
                foreach (var entry in reach.Entries)
                {
                    var ownObject = !isStatic && (entry.ThroughOwned
                        || (perRequest && (entry.Entry.EnclosingKey == null || model.Function(entry.Entry.EnclosingKey)?.TypeKey != storageTypeKey)));
                    if (entry.WithinDepth(callDepth) && !ownObject)
                    {
                        kept.Add(entry);
                        continue;
                    }

                    dropped = true;
                    if (!ownObject && (reach.Chain == null || (entry.ChainStep != reach.Chain && entry.Entry.ContextKey != reach.Chain)))
                    {
                        chainedDrops = false;
                        droppedRoots.Add(entry.ObjectTypes);
                    }

                    serial &= !ownObject && !entry.Many && (oneSerialRun == null || oneSerialRun.Value.Entry.SameContext(entry.Entry));
                    oneSerialRun ??= entry;
                }

                if (!dropped)
                {
                    return reach;
                }

                if (serial && kept.Count == 0 && !reach.FromCaller)
                {
                    // Reached only by one run that never overlaps with itself (a connection's read loop started in its
                    // constructor), however far: one writer at a time, not code any thread may call.
                    return new Reach(kept, fromCaller: false, mainOnly: false);
                }

                var fromCaller = reach.FromCaller || kept.Count == 0;

                // Entries dropped here count as ordinary code when nothing is kept: as the chain's steps when they are.
                var chain = reach.FromCaller || kept.Count == 0 ? reach.Chain : null;
                List<List<string>?>? otherRoots = null;
                if (chain != null)
                {
                    otherRoots = new List<List<string>?>();
                    if (reach.FromCaller)
                    {
                        otherRoots.AddRange(reach.OtherRoots ?? new List<List<string>?> { null });
                    }

                    if (kept.Count == 0)
                    {
                        otherRoots.AddRange(droppedRoots);
                    }
                }

                return new Reach(kept, fromCaller, reach.FromCaller && reach.MainOnly)
                {
                    Chain = chain,
                    CallerChain = chain != null && (!reach.FromCaller || reach.CallerChain == chain) && (chainedDrops || kept.Count > 0) ? chain : null,
                    OtherRoots = otherRoots,
                };
            }
        }
    }
}
