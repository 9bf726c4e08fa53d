using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Decides one update of a field, auto-property or array element: it is reported only when two writers can overlap
    /// (one writer that overlaps with itself, or two that run in different concurrent contexts) and no single exclusive
    /// lock is held by both. The rule says what made the overlap: TALLY001 the storage is written atomically or under a
    /// lock elsewhere, TALLY002 it is volatile, TALLY003 concurrent code runs the writers, TALLY004 it is static and
    /// written from code any thread may call, TALLY005 one instance of its type serves many threads.
    /// </summary>
    internal static partial class UpdateDecider
    {
        public static void Analyze(OperationAnalysisContext context, CompilationFacts facts)
        {
            var operation = context.Operation;
            var target = UpdateTarget.TryCreate(operation);
            if (target == null || target.Kind == TargetKind.Local)
            {
                return;
            }

            var options = facts.Options.Get(operation.Syntax.SyntaxTree);
            var holder = HolderOf(target);
            if (IsExcluded(target, holder, options, facts, context.ContainingSymbol))
            {
                return;
            }

            var storageKey = SymbolKeys.Of(target.Storage);
            if (storageKey == null)
            {
                return;
            }

            var model = facts.Model.Value;
            WriteFact? self = null;
            var span = operation.Syntax.Span;
            foreach (var write in model.WritesOf(storageKey))
            {
                if (write.Location.SourceTree == operation.Syntax.SyntaxTree && write.Location.SourceSpan == span)
                {
                    self = write;
                    break;
                }
            }

            if (self == null || self.Excluded || self.Root == ReceiverRoot.Local)
            {
                return; // An object of this call only (a local, a parameter): its identity is unknown, so it is not shared state.
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            var diagnostic = Decide(target, holder, self, model, facts, options, context.ContainingSymbol);
            if (diagnostic != null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static Diagnostic? Decide(UpdateTarget target, ISymbol? holder, WriteFact self, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member)
        {
            var selfLock = EffectiveLock(self, model);
            var isStatic = target.IsStatic || holder is { IsStatic: true };
            var storageTypeKey = SymbolKeys.Of(target.Storage.ContainingType);
            var perRequest = !isStatic && storageTypeKey != null && IsPerRequest(target.Storage.ContainingType!, storageTypeKey, model, facts);
            var reach = Filter(model.ReachOf(self.FunctionKey), options.CallDepth, isStatic, perRequest, storageTypeKey, model);
            var function = model.Function(self.FunctionKey);
            var serialized = function != null && function.Has(FunctionFlags.Serialized);

            // The concurrent start that overlaps this update, and the other writer it overlaps with, if any.
            ReachedEntry? start = null;
            string? partnerText = null;
            WriteFact? synchronizedWriter = null;
            var startRace = false;

            if (!selfLock.HasValue)
            {
                foreach (var reached in reach.Entries)
                {
                    if (reached.Many || reach.FromCaller || HasOtherContext(reach, reached))
                    {
                        startRace = true;
                        start ??= reached;
                        if (!reached.Many && reach.Entries.Count == 1)
                        {
                            partnerText = "also runs from ordinary calls";
                        }
                    }
                }
            }

            foreach (var write in model.WritesOf(self.StorageKey))
            {
                if (write == self || write.Excluded || write.Root != ReceiverRoot.Shared || self.Root != ReceiverRoot.Shared)
                {
                    continue; // Writers through locals may touch other objects: only 'this'- and static-rooted writes pair up.
                }

                var writeLock = EffectiveLock(write, model);
                var synchronized = write.Kind == WriteKind.Atomic || writeLock.HasValue;
                if (synchronized && !model.SameExclusiveLock(selfLock, writeLock))
                {
                    synchronizedWriter ??= write;
                }

                if (selfLock.HasValue)
                {
                    // A locked update races only with writers that do not take its lock and are atomic or locked themselves
                    // (an unlocked writer is reported where it is).
                    if (!synchronized || model.SameExclusiveLock(selfLock, writeLock))
                    {
                        continue;
                    }
                }
                else if (model.SameExclusiveLock(selfLock, writeLock))
                {
                    continue;
                }

                var other = Filter(model.ReachOf(write.FunctionKey), options.CallDepth, isStatic, perRequest, storageTypeKey, model);
                var pair = OverlappingStart(reach, other);
                if (pair.HasValue)
                {
                    startRace = true;
                    start ??= pair.Value.Start;
                    partnerText ??= "also written by '" + (model.Function(write.FunctionKey)?.Name ?? "?") + "'" + pair.Value.How;
                }
            }

            if (selfLock.HasValue && synchronizedWriter == null)
            {
                return null;
            }

            var fromCaller = reach.FromCaller && !serialized;
            var volatileField = target.Storage as IFieldSymbol is { IsVolatile: true } ? (IFieldSymbol)target.Storage : null;
            var name = target.DisplayName;
            var text = target.UpdateText;
            var location = target.Update.Syntax.GetLocation();
            var noun = target.Kind == TargetKind.Property ? "property" : target.Kind == TargetKind.ArrayElement ? "array" : "field";
            var properties = ImmutableDictionary<string, string?>.Empty.Add("TargetKind", target.Kind.ToString());

            if (synchronizedWriter != null && (startRace || fromCaller || selfLock.HasValue) && options.IsOn(EvidenceKinds.SynchronizedElsewhere))
            {
                var how = synchronizedWriter.Kind == WriteKind.Atomic
                    ? (synchronizedWriter.Description.EndsWith(".Read", System.StringComparison.Ordinal) ? "read with " : "updated with ") + synchronizedWriter.Description
                    : synchronizedWriter.Description + " under " + (selfLock.HasValue ? "another lock" : "a lock");
                var where = model.Function(synchronizedWriter.FunctionKey)?.Name;
                var evidenceLocation = synchronizedWriter.Kind != WriteKind.Atomic && EffectiveLock(synchronizedWriter, model) is { } held && held.Location != Location.None
                    ? held.Location
                    : synchronizedWriter.Location;
                return Diagnostic.Create(DiagnosticDescriptors.SynchronizedElsewhere, location, new[] { evidenceLocation }, properties.Add("Evidence", "SynchronizedElsewhere"), name, text, noun, how + (where != null ? " (in '" + where + "')" : string.Empty));
            }

            if (selfLock.HasValue)
            {
                return null;
            }

            if (volatileField != null && (startRace || fromCaller) && options.IsOn(EvidenceKinds.Volatile))
            {
                return Diagnostic.Create(DiagnosticDescriptors.VolatileField, location, new[] { VolatileLocation(volatileField) }, properties.Add("Evidence", "Volatile"), name, text);
            }

            if (startRace && start.HasValue && !isStatic && options.IsOn(EvidenceKinds.SharedInstance)
                && start.Value.Entry.EnclosingKey != null && model.Function(start.Value.Entry.EnclosingKey)?.TypeKey != storageTypeKey)
            {
                // Reached from a start in another type (a request handler calling a singleton): the shared instance is the finding.
                var sharedFirst = SharedEvidence(target, holder, member, model, facts, options);
                if (sharedFirst.HasValue)
                {
                    return Diagnostic.Create(DiagnosticDescriptors.SharedInstance, location, new[] { sharedFirst.Value.Evidence.Location }, properties.Add("Evidence", "SharedInstance"), name, text, sharedFirst.Value.Type.Name, sharedFirst.Value.Evidence.Description);
                }
            }

            if (startRace && start.HasValue && options.IsOn(EvidenceKinds.Concurrent))
            {
                var entry = start.Value;
                var description = entry.Entry.Description;
                if (entry.Distance > 0 || entry.Entry.EnclosingKey == null)
                {
                    description += ", which runs '" + entry.ViaName + "'";
                }

                if (partnerText != null)
                {
                    description += "; " + partnerText;
                }

                return Diagnostic.Create(DiagnosticDescriptors.ConcurrentCode, location, new[] { entry.Entry.Location }, properties.Add("Evidence", "Concurrent"), name, text, description);
            }

            if (isStatic)
            {
                if ((startRace || (fromCaller && !reach.MainOnly)) && options.IsOn(EvidenceKinds.Static))
                {
                    var declaration = target.IsStatic ? FirstLocation(target.Storage) : FirstLocation(holder!);
                    return Diagnostic.Create(DiagnosticDescriptors.StaticField, location, declaration == Location.None ? System.Array.Empty<Location>() : new[] { declaration }, properties.Add("Evidence", "Static"), name, text);
                }

                return null;
            }

            if (!fromCaller || !options.IsOn(EvidenceKinds.SharedInstance) || target.Storage.ContainingType == null)
            {
                return null;
            }

            var shared = SharedEvidence(target, holder, member, model, facts, options);
            if (shared.HasValue)
            {
                return Diagnostic.Create(DiagnosticDescriptors.SharedInstance, location, new[] { shared.Value.Evidence.Location }, properties.Add("Evidence", "SharedInstance"), name, text, shared.Value.Type.Name, shared.Value.Evidence.Description);
            }

            return null;
        }

        /// <summary>The lock held at a write: its own exclusive lock, else the lock all callers of its function hold.</summary>
        private static LockFact? EffectiveLock(WriteFact write, ConcurrencyModel model)
        {
            if (write.Lock.HasValue)
            {
                return model.IsExclusive(write.Lock) ? write.Lock : null;
            }

            var held = model.LockOf(write.FunctionKey);
            return model.IsExclusive(held) ? held : null;
        }

        private static bool IsPerRequest(INamedTypeSymbol type, string typeKey, ConcurrencyModel model, CompilationFacts facts)
        {
            var known = facts.Known;
            return model.IsPerRequest(typeKey)
                || KnownSymbols.IsOrDerivesFrom(type, known.ControllerBase) || KnownSymbols.IsOrDerivesFrom(type, known.PageModel)
                || KnownSymbols.IsOrDerivesFrom(type, known.RazorPage) || KnownSymbols.IsOrDerivesFrom(type, known.ComponentBase)
                || KnownSymbols.IsOrDerivesFrom(type, known.ViewComponent);
        }

        /// <summary>
        /// Drops entries more calls away than <c>tally.call_depth</c> (code reached only beyond it counts as ordinary code),
        /// and, for instance state, entries whose runs each have their own object: reached through an object the run
        /// created, or started in another type while the storage's type is created per request.
        /// </summary>
        private static Reach Filter(Reach reach, int callDepth, bool isStatic, bool perRequest, string? storageTypeKey, ConcurrencyModel model)
        {
            var kept = new System.Collections.Generic.List<ReachedEntry>();
            var dropped = false;
            foreach (var entry in reach.Entries)
            {
                var ownObject = !isStatic && (entry.ThroughOwned
                    || (perRequest && (entry.Entry.EnclosingKey == null || model.Function(entry.Entry.EnclosingKey)?.TypeKey != storageTypeKey)));
                if (entry.Distance <= callDepth && !ownObject)
                {
                    kept.Add(entry);
                }
                else
                {
                    dropped = true;
                }
            }

            if (!dropped)
            {
                return reach;
            }

            var fromCaller = reach.FromCaller || kept.Count == 0;
            return new Reach(kept, fromCaller, reach.FromCaller && reach.MainOnly);
        }

        /// <summary>Two writers' reaches overlap when some entry of one runs at the same time as some context of the other.</summary>
        private static (ReachedEntry Start, string How)? OverlappingStart(Reach first, Reach second)
        {
            foreach (var a in first.Entries)
            {
                foreach (var b in second.Entries)
                {
                    if (!a.Entry.SameContext(b.Entry) || a.Many)
                    {
                        return (a, ", started with " + b.Entry.Description + " at " + Where(b.Entry.Location));
                    }
                }

                if (second.FromCaller)
                {
                    return (a, " from ordinary calls");
                }
            }

            if (first.FromCaller)
            {
                foreach (var b in second.Entries)
                {
                    return (b, ", started with " + b.Entry.Description + " at " + Where(b.Entry.Location));
                }
            }

            return null;
        }

        private static bool HasOtherContext(Reach reach, ReachedEntry reached)
        {
            foreach (var other in reach.Entries)
            {
                if (!other.Entry.SameContext(reached.Entry))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Where(Location location)
        {
            var span = location.GetLineSpan();
            return System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        internal static Location FirstLocation(ISymbol symbol)
            => symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;

        private static Location VolatileLocation(IFieldSymbol field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax().Parent?.Parent is FieldDeclarationSyntax declaration)
                {
                    foreach (var modifier in declaration.Modifiers)
                    {
                        if (modifier.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.VolatileKeyword))
                        {
                            return modifier.GetLocation();
                        }
                    }
                }
            }

            return FirstLocation(field);
        }
    }
}
