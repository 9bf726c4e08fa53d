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
        /// <summary>Decides <paramref name="target"/>, an update of a field, auto-property or array element (not a local).</summary>
        public static void Analyze(OperationAnalysisContext context, UpdateTarget target, CompilationFacts facts)
        {
            var operation = context.Operation;

            var options = facts.Options.Get(operation.Syntax.SyntaxTree);
            var holder = HolderOf(target);
            if (IsExcluded(target, holder, options, facts, context.ContainingSymbol))
            {
                return;
            }

            var storageKey = facts.KeyOf(target.Storage);
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

            if (InConstructorHelper(self, model, context.ContainingSymbol))
            {
                return; // Written while the object is made, before anyone else can see it (UpdateDecider.ConstructorHelpers.cs).
            }

            if (InTypeInitializerHelper(self, model))
            {
                return; // Written while the type is initialized, before any other thread touches its statics (UpdateDecider.TypeInitializers.cs).
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            var diagnostic = Decide(target, holder, self, model, facts, options, context.ContainingSymbol);
            if (diagnostic != null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// Finds whether the update overlaps with itself or another writer without one common lock, then names what made
        /// the overlap, strongest evidence first (the documented rule order).
        /// </summary>
        private static Diagnostic? Decide(UpdateTarget target, ISymbol? holder, WriteFact self, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member)
        {
            var overlap = Overlap.Find(target, holder, self, model, facts, options, member);
            if (overlap.OnlySameConstantUpdates(self))
            {
                return null; // x |= C beside only x |= C: whichever lands last, C is set (UpdateDecider.SameConstantUpdates.cs).
            }

            if (overlap.SelfLock.HasValue && overlap.SynchronizedWriter == null)
            {
                return null; // A locked update races only with a writer that is atomic or holds another lock.
            }

            var finding = new Finding(target, self, new CertaintyInputs(overlap, holder, member, model, facts, options));
            return SynchronizedElsewhere(overlap, finding, model, options)
                ?? (overlap.SelfLock.HasValue ? null : DecideUnlocked(overlap, finding, target, holder, self, model, facts, options, member));
        }

        /// <summary>TALLY002-005 for an update that holds no exclusive lock, in the documented order.</summary>
        private static Diagnostic? DecideUnlocked(Overlap overlap, Finding finding, UpdateTarget target, ISymbol? holder, WriteFact self, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member)
        {
            var diagnostic = Volatile(overlap, finding, target, options) ?? SharedInstanceStartedElsewhere(overlap, finding, target, holder, model, facts, options, member)
                ?? Concurrent(overlap, finding, options) ?? UnderReadLock(finding, self, model, options);
            if (diagnostic != null)
            {
                return diagnostic;
            }

            if (overlap.IsStatic)
            {
                // Every run-time update forcing one mask: two at once lose nothing (ConcurrencyModel.Settings.cs).
                return !overlap.StartRace && self.Bits.HasValue && model.RunTimeUpdatesForceOneMask(self.StorageKey)
                    ? null
                    : Static(overlap, finding, target, holder, options);
            }

            return overlap.FromCaller && options.IsOn(EvidenceKinds.SharedInstance) && target.Storage.ContainingType != null
                ? SharedInstance(finding, target, holder, model, facts, options, member)
                : null;
        }

        /// <summary>TALLY001: another writer is atomic, or holds a lock this update does not.</summary>
        private static Diagnostic? SynchronizedElsewhere(Overlap overlap, Finding finding, ConcurrencyModel model, TallyOptions options)
        {
            var writer = overlap.SynchronizedWriter;
            if (writer == null || !(overlap.StartRace || overlap.FromCaller || (overlap.SelfLock.HasValue && !overlap.OneCaller)) || !options.IsOn(EvidenceKinds.SynchronizedElsewhere))
            {
                return null;
            }

            var how = writer.Kind == WriteKind.Atomic
                ? (writer.Description.EndsWith(".Read", System.StringComparison.Ordinal) ? "read with " : "updated with ") + writer.Description
                : writer.Description + " under " + (overlap.SelfLock.HasValue ? "another lock" : "a lock");
            var where = model.Function(writer.FunctionKey)?.Name;
            var evidenceLocation = writer.Kind != WriteKind.Atomic && model.HeldLock(writer) is { } held && held.Location != Location.None
                ? held.Location
                : writer.Location;
            var certain = writer.Kind == WriteKind.Atomic && AtomicPartnerDeclaresOverlap(overlap, finding.Target, finding.Self, model);
            return finding.Create(DiagnosticDescriptors.SynchronizedElsewhere, "SynchronizedElsewhere", certain, evidenceLocation, finding.Noun, how + (where != null ? " (in '" + where + "')" : string.Empty));
        }

        /// <summary>TALLY002: the field is volatile, and the update overlaps.</summary>
        private static Diagnostic? Volatile(Overlap overlap, Finding finding, UpdateTarget target, TallyOptions options)
        {
            if (!(target.Storage is IFieldSymbol { IsVolatile: true } field) || !(overlap.StartRace || overlap.FromCaller) || !options.IsOn(EvidenceKinds.Volatile))
            {
                return null;
            }

            return finding.Create(DiagnosticDescriptors.VolatileField, "Volatile", certainEvidence: false, VolatileLocation(field));
        }

        /// <summary>
        /// TALLY005 before TALLY003 when the concurrency starts in another type (a request handler calling a singleton):
        /// the shared instance is the finding.
        /// </summary>
        private static Diagnostic? SharedInstanceStartedElsewhere(Overlap overlap, Finding finding, UpdateTarget target, ISymbol? holder, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member)
        {
            if (!overlap.StartRace || !overlap.Start.HasValue || overlap.IsStatic || !options.IsOn(EvidenceKinds.SharedInstance)
                || overlap.Start.Value.Entry.EnclosingKey is not { } enclosing || model.Function(enclosing)?.TypeKey == overlap.StorageTypeKey)
            {
                return null;
            }

            return SharedInstance(finding, target, holder, model, facts, options, member);
        }

        /// <summary>TALLY003: concurrent code runs the writers; the message names the start and the other writer.</summary>
        private static Diagnostic? Concurrent(Overlap overlap, Finding finding, TallyOptions options)
        {
            if (!overlap.StartRace || !overlap.Start.HasValue || !options.IsOn(EvidenceKinds.Concurrent))
            {
                return null;
            }

            var entry = overlap.Start.Value;
            var description = entry.Entry.Description;
            if (entry.Distance > 0 || entry.Entry.EnclosingKey == null)
            {
                description += ", which runs '" + entry.ViaName + "'";
            }

            if (overlap.PartnerText != null)
            {
                description += "; " + overlap.PartnerText;
            }

            return finding.Create(DiagnosticDescriptors.ConcurrentCode, "Concurrent", certainEvidence: false, entry.Entry.Location, description);
        }

        /// <summary>TALLY004: static storage written from code any thread may call (not only start-up code).</summary>
        private static Diagnostic? Static(Overlap overlap, Finding finding, UpdateTarget target, ISymbol? holder, TallyOptions options)
        {
            if (!(overlap.StartRace || (overlap.FromCaller && !overlap.Reach.MainOnly)) || !options.IsOn(EvidenceKinds.Static))
            {
                return null;
            }

            var declaration = target.IsStatic ? FirstLocation(target.Storage) : FirstLocation(holder!);
            return finding.Create(DiagnosticDescriptors.StaticField, "Static", certainEvidence: overlap.OneObjectRace, declaration == Location.None ? null : declaration);
        }

        /// <summary>TALLY005: one instance of the storage's (or holder's) type serves many threads.</summary>
        private static Diagnostic? SharedInstance(Finding finding, UpdateTarget target, ISymbol? holder, ConcurrencyModel model, CompilationFacts facts, TallyOptions options, ISymbol? member)
        {
            var shared = SharedEvidence(target, holder, member, finding.FunctionKey, model, facts, options);
            return shared.HasValue
                ? finding.Create(DiagnosticDescriptors.SharedInstance, "SharedInstance", shared.Value.Evidence.Declared, shared.Value.Evidence.Location, shared.Value.Type.Name, shared.Value.Evidence.Description)
                : null;
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

        /// <summary>
        /// The reported update: its location, its names in messages, and the properties the fixes read. Made for every
        /// update that gets this far, reported or not: the texts are built only for a diagnostic.
        /// </summary>
        private sealed class Finding
        {
            private readonly CertaintyInputs _certainty;

            public Finding(UpdateTarget target, WriteFact self, CertaintyInputs certainty)
            {
                Self = self;
                _certainty = certainty;
                Target = target;
                FunctionKey = self.FunctionKey;
                Noun = target.Kind == TargetKind.Property ? "property" : target.Kind == TargetKind.ArrayElement ? "array" : "field";
            }

            /// <summary>The reported update's storage and syntax.</summary>
            public UpdateTarget Target { get; }

            /// <summary>The update's own write in the model.</summary>
            public WriteFact Self { get; }

            /// <summary>The function holding the update.</summary>
            public string FunctionKey { get; }

            /// <summary>How TALLY001's message names the storage: field, property or array.</summary>
            public string Noun { get; }

            /// <summary>
            /// The diagnostic, with <paramref name="evidence"/> as its "Evidence" property and the message's arguments after
            /// the update's name and text; certain (at the rule's severity) when the rule's evidence is something the code
            /// declares (<paramref name="certainEvidence"/>) or another certain reason holds for the update
            /// (<see cref="IsCertain"/>), else inferred (at <c>tally.inferred_severity</c>; <c>null</c> when that is <c>none</c>).
            /// </summary>
            public Diagnostic? Create(DiagnosticDescriptor descriptor, string evidence, bool certainEvidence, Location? additional, params string[] arguments)
            {
                var messageArguments = new object[arguments.Length + 2];
                messageArguments[0] = Target.DisplayName;
                messageArguments[1] = Target.UpdateText;
                arguments.CopyTo(messageArguments, 2);
                var properties = ImmutableDictionary<string, string?>.Empty.Add("TargetKind", Target.Kind.ToString()).Add("Evidence", evidence);
                // A public method every call of which in the compilation holds a lock of its own object: only callers
                // outside the compilation can overlap, so the finding is inferred (ConcurrencyModel.ReceiverFieldLocks.cs); so
                // is an update whose every writer runs only inside sections of one busy flag (ConcurrencyModel.BusyFlags.cs).
                var certain = (certainEvidence || IsCertain(Target, Self, _certainty)) && !_certainty.Model.ExcludedByCallersOfPublicFunction(Self)
                    && !_certainty.Model.InOneBusyFlag(Self);
                return Certainties.Create(descriptor, Certainties.Of(certain), _certainty.Options, Target.Update.Syntax.GetLocation(), additional == null ? System.Array.Empty<Location>() : new[] { additional }, properties, messageArguments);
            }
        }
    }
}
