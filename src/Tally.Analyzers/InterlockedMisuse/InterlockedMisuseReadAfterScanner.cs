using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>A field read found after an Interlocked call whose result was discarded (TALLY007).</summary>
    internal readonly struct InterlockedMisuseRead
    {
        public InterlockedMisuseRead(IOperation reference, bool isDisplayOnly, bool isThresholdCheck = false, bool isCurrentValueSample = false)
        {
            Reference = reference;
            IsDisplayOnly = isDisplayOnly;
            IsThresholdCheck = isThresholdCheck;
            IsCurrentValueSample = isCurrentValueSample;
        }

        /// <summary>The field reference.</summary>
        public IOperation Reference { get; }

        /// <summary>Whether the value only goes to Console, Debug, Trace or a logger (not reported on its own).</summary>
        public bool IsDisplayOnly { get; }

        /// <summary>
        /// Whether the read only asks whether the count is past a limit now, for a side action that leaves this thread's
        /// course unchanged (<see cref="InterlockedMisuseReadAfterScanner"/>; not reported on its own).
        /// </summary>
        public bool IsThresholdCheck { get; }

        /// <summary>
        /// Whether the read is passed on as the field's current value: a parameter that the type elsewhere fills with the
        /// field read by code that makes no step of it (<see cref="InterlockedMisuseCurrentValueSinks"/>; not reported on its own).
        /// </summary>
        public bool IsCurrentValueSample { get; }

        /// <summary>Whether the read stands for this thread's own result (an id, an index, a value returned or stored): TALLY007 reports it.</summary>
        public bool StandsForOwnResult => !IsDisplayOnly && !IsThresholdCheck && !IsCurrentValueSample;
    }

    /// <summary>
    /// Finds the reads of a field in the statements that follow <c>Interlocked.Increment(ref field);</c> (result discarded)
    /// in the same block, up to the first thing that may write the field: a write, a call to a method of the field's type,
    /// a loop, lock or lambda that mentions the field, a label or a goto. Until then, in this thread the field still holds
    /// the value the call returned, so the returned value can replace the reads without changing single-threaded behaviour.
    /// </summary>
    internal static class InterlockedMisuseReadAfterScanner
    {
        /// <summary>
        /// The reads of <paramref name="location"/> that follow <paramref name="call"/>; none when the call runs under a
        /// lock (<see cref="LockFinder"/>: another thread taking that lock cannot change the field in between), unless
        /// <paramref name="lockExcludesOtherWriters"/> is false because a writer of the field elsewhere does not take it.
        /// </summary>
        public static ImmutableArray<InterlockedMisuseRead> FindReads(IInvocationOperation call, StorageReference location, KnownSymbols known, TallyOptions options, bool lockExcludesOtherWriters = true)
        {
            if (!location.IsFieldOfThisOrStatic() || (lockExcludesOtherWriters && LockFinder.IsHeld(call, known, options)))
            {
                return ImmutableArray<InterlockedMisuseRead>.Empty;
            }

            var statement = call.DiscardingStatement();
            if (statement is null || !TryGetFollowing(statement, out var siblings, out var index))
            {
                return ImmutableArray<InterlockedMisuseRead>.Empty;
            }

            var fieldType = ((IFieldSymbol)location.Symbol!).ContainingType;
            var events = new List<ScanEvent>();
            for (var i = index + 1; i < siblings.Length; i++)
            {
                Walk(siblings[i], location, fieldType, events);
            }

            events.Sort((a, b) => a.Position.CompareTo(b.Position));
            var reads = ImmutableArray.CreateBuilder<InterlockedMisuseRead>();
            foreach (var scanEvent in events)
            {
                if (scanEvent.Reference is null)
                {
                    break;
                }

                var displayOnly = IsDisplayOnly(scanEvent.Reference, known);
                var threshold = InterlockedMisuseThresholdChecks.IsThresholdCheck(scanEvent.Reference, location);
                var sample = !displayOnly && !threshold && InterlockedMisuseCurrentValueSinks.IsCurrentValueArgument(scanEvent.Reference, location);
                reads.Add(new InterlockedMisuseRead(scanEvent.Reference, displayOnly, threshold, sample));
            }

            return reads.ToImmutable();
        }

        /// <summary>The statements of the block or switch section that directly holds <paramref name="statement"/>.</summary>
        public static bool TryGetFollowing(IOperation statement, out ImmutableArray<IOperation> siblings, out int index)
        {
            siblings = statement.Parent switch
            {
                IBlockOperation block => block.Operations,
                ISwitchCaseOperation section => section.Body,
                _ => ImmutableArray<IOperation>.Empty,
            };
            index = siblings.IndexOf(statement);
            return index >= 0;
        }

        private static void Walk(IOperation operation, StorageReference location, INamedTypeSymbol fieldType, List<ScanEvent> events)
        {
            switch (operation)
            {
                case INameOfOperation:
                    return;

                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    // Runs later, perhaps after a write: a mention of the field there ends the scan.
                    if (MentionsAnywhere(operation, location))
                    {
                        events.Add(ScanEvent.Stop(operation.Syntax.SpanStart));
                    }

                    return;

                case ILoopOperation or ILockOperation or ILabeledOperation:
                    // A later iteration, a lock or a jump target: too far from the call to reason about.
                    if (MentionsAnywhere(operation, location))
                    {
                        events.Add(ScanEvent.Stop(operation.Syntax.SpanStart));
                        return;
                    }

                    break;

                case IBranchOperation branch when branch.BranchKind == BranchKind.GoTo:
                    events.Add(ScanEvent.Stop(operation.Syntax.SpanStart));
                    return;

                case IInvocationOperation invocation when MayWriteThroughCall(invocation.TargetMethod, fieldType):
                    events.Add(ScanEvent.Stop(operation.Syntax.Span.End));
                    break;

                case IObjectCreationOperation creation
                    when creation.Constructor is { } constructor && MayWriteThroughCall(constructor, fieldType):
                    events.Add(ScanEvent.Stop(operation.Syntax.Span.End));
                    break;
            }

            if (InterlockedMisuseFacts.IsPlainReference(operation) && location.IsReferencedBy(operation))
            {
                events.Add(StorageReference.IsWrite(operation)
                    ? ScanEvent.Stop(operation.Syntax.SpanStart)
                    : ScanEvent.Read(operation));
                return;
            }

            foreach (var child in operation.ChildOperations)
            {
                Walk(child, location, fieldType, events);
            }
        }

        internal static bool MentionsAnywhere(IOperation operation, StorageReference location)
        {
            if (operation is INameOfOperation)
            {
                return false;
            }

            if (InterlockedMisuseFacts.IsPlainReference(operation) && location.IsReferencedBy(operation))
            {
                return true;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (MentionsAnywhere(child, location))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A method of the field's type (or a base type) may write the field.</summary>
        private static bool MayWriteThroughCall(IMethodSymbol method, INamedTypeSymbol fieldType)
        {
            var callee = method.ContainingType?.OriginalDefinition;
            for (var type = fieldType.OriginalDefinition; type is not null; type = type.BaseType?.OriginalDefinition)
            {
                if (SymbolEqualityComparer.Default.Equals(type, callee))
                {
                    return type.SpecialType != SpecialType.System_Object;
                }
            }

            return false;
        }

        private static bool IsDisplayOnly(IOperation reference, KnownSymbols known)
        {
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IArgumentOperation && current.Parent is IInvocationOperation invocation && (IsDisplaySink(invocation.TargetMethod, known) || IsLoggerDelegate(invocation)))
                {
                    return true;
                }

                if (current is IBlockOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsDisplaySink(IMethodSymbol method, KnownSymbols known)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (KnownSymbols.Is(type, known.Console) || KnownSymbols.Is(type, known.Debug) || KnownSymbols.Is(type, known.Trace))
            {
                return true;
            }

            // Loggers: ILogger and its extensions, Serilog's static Log, NLog's and log4net's *Logger types.
            return type.Name == "Log"
                   || type.Name.EndsWith("Logger", System.StringComparison.Ordinal)
                   || type.Name == "LoggerExtensions"
                   || IsLogger(type);
        }

        /// <summary>
        /// A logging delegate: <c>Logger?.Invoke(level, text)</c> or <c>_log(text)</c> on a field, property, local or
        /// parameter named <c>Log</c> or <c>...Logger</c> (prefixes <c>_</c>, <c>m_</c>, <c>s_</c> aside), the delegate
        /// form of the logger types above.
        /// </summary>
        private static bool IsLoggerDelegate(IInvocationOperation invocation)
        {
            var name = InterlockedMisuseFacts.DelegateInvokeReceiver(invocation) switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            name = name.StartsWith("m_", System.StringComparison.Ordinal) || name.StartsWith("s_", System.StringComparison.Ordinal) ? name.Substring(2) : name.TrimStart('_');
            return string.Equals(name, "log", System.StringComparison.OrdinalIgnoreCase)
                   || name.EndsWith("logger", System.StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsLogger(INamedTypeSymbol type)
        {
            foreach (var contract in type.AllInterfaces)
            {
                if (contract.Name == "ILogger")
                {
                    return true;
                }
            }

            return false;
        }

        private readonly struct ScanEvent
        {
            private ScanEvent(int position, IOperation? reference)
            {
                Position = position;
                Reference = reference;
            }

            public int Position { get; }

            /// <summary>The read, or null when the event ends the scan.</summary>
            public IOperation? Reference { get; }

            public static ScanEvent Stop(int position) => new ScanEvent(position, null);

            public static ScanEvent Read(IOperation reference) => new ScanEvent(reference.Syntax.SpanStart, reference);
        }
    }
}
