using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Gathers, for one top-level type (and its nested types), the updates of fields and auto-properties and the evidence
    /// that they are shared, then reports at the end of the type. Operation callbacks run concurrently: every list is guarded.
    /// </summary>
    internal sealed partial class TypeEvidenceCollector
    {
        private readonly object _gate = new object();
        private readonly INamedTypeSymbol _type;
        private readonly CompilationFacts _facts;
        private readonly List<Candidate> _candidates = new List<Candidate>();
        private readonly Dictionary<ISymbol, Evidence> _synchronized = new Dictionary<ISymbol, Evidence>(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, Evidence> _typeSynchronization = new Dictionary<INamedTypeSymbol, Evidence>(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, Evidence> _typeConcurrentWork = new Dictionary<INamedTypeSymbol, Evidence>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, (StartSite Site, int Depth)> _entries = new Dictionary<ISymbol, (StartSite, int)>(SymbolEqualityComparer.Default);
        private readonly List<CallEdge> _calls = new List<CallEdge>();
        private readonly HashSet<ISymbol> _escaped = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public TypeEvidenceCollector(INamedTypeSymbol type, CompilationFacts facts)
        {
            _type = type;
            _facts = facts;
        }

        /// <summary>Handles one operation of the type.</summary>
        public void Analyze(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            switch (operation)
            {
                case IIncrementOrDecrementOperation:
                case ICompoundAssignmentOperation:
                    AnalyzeUpdate(context, operation);
                    break;
                case ISimpleAssignmentOperation assignment:
                    if (!AnalyzeUpdate(context, operation))
                    {
                        AnalyzePlainWrite(context, assignment);
                    }

                    break;
                case IInvocationOperation invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
                case ILockOperation lockOperation:
                    if (IsInstanceSynchronization(lockOperation.LockedValue))
                    {
                        AddTypeSynchronization(context.ContainingSymbol.ContainingType, new Evidence(new HeldLock(lockOperation.Syntax, null).GetLocation(), "uses 'lock'"));
                    }

                    break;
                case IAnonymousFunctionOperation lambda:
                    AnalyzeLambda(context, lambda);
                    break;
                case IMethodReferenceOperation methodReference:
                    AnalyzeMethodReference(context, methodReference);
                    break;
            }
        }

        private bool AnalyzeUpdate(OperationAnalysisContext context, IOperation operation)
        {
            var target = UpdateTarget.TryCreate(operation);
            if (target == null)
            {
                return false;
            }

            if (target.Kind == TargetKind.Local)
            {
                return true; // Captured locals are handled by LocalUpdateAnalysis, without per-type evidence.
            }

            var options = _facts.Options.Get(operation.Syntax.SyntaxTree);
            var held = LockFinder.Find(operation, _facts.Known, options, context.ContainingSymbol);
            var updateContext = UpdateContext.Create(operation, context.ContainingSymbol, _facts.Known, options);
            lock (_gate)
            {
                _candidates.Add(new Candidate(target, held, updateContext));
                if (held.HasValue)
                {
                    AddSynchronized(target.Storage, new Evidence(held.Value.GetLocation(), "updated under a lock"));
                }
            }

            return true;
        }

        private void AnalyzePlainWrite(OperationAnalysisContext context, ISimpleAssignmentOperation assignment)
        {
            var storage = StorageOf(assignment.Target);
            if (storage == null)
            {
                return;
            }

            var options = _facts.Options.Get(assignment.Syntax.SyntaxTree);
            var held = LockFinder.Find(assignment, _facts.Known, options, context.ContainingSymbol);
            if (held.HasValue)
            {
                lock (_gate)
                {
                    AddSynchronized(storage, new Evidence(held.Value.GetLocation(), "written under a lock"));
                }
            }
        }

        private void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var known = _facts.Known;
            var containingType = method.ContainingType;
            if (containingType == null)
            {
                return;
            }

            if (KnownSymbols.Is(containingType, known.Interlocked) || KnownSymbols.Is(containingType, known.Volatile))
            {
                var verb = (method.Name == "Read" ? "read with " : method.Name == "Write" ? "written with " : "updated with ") + containingType.Name + ".";
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.RefKind != RefKind.Ref && argument.Parameter?.RefKind != RefKind.In && argument.Parameter?.RefKind != RefKind.RefReadOnlyParameter)
                    {
                        continue;
                    }

                    var storage = StorageOf(argument.Value);
                    if (storage == null)
                    {
                        continue;
                    }

                    var evidence = new Evidence(invocation.Syntax.GetLocation(), verb + method.Name);
                    lock (_gate)
                    {
                        AddSynchronized(storage, evidence);
                        if (!storage.IsStatic && storage.ContainingType != null && !IsDisposeFlag(InterlockedMethodKinds.KindOf(method, known), storage))
                        {
                            AddTypeSynchronizationLocked(storage.ContainingType, new Evidence(evidence.Location, "uses " + containingType.Name));
                        }
                    }
                }

                return;
            }

            var options = _facts.Options.Get(invocation.Syntax.SyntaxTree);
            if (LockFinder.IsEnter(invocation, known, options) && context.ContainingSymbol is { IsStatic: false } member
                && IsInstanceSynchronization(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)))
            {
                AddTypeSynchronization(member.ContainingType, new Evidence(invocation.Syntax.GetLocation(), "uses " + containingType.Name + "." + method.Name));
            }

            var callee = method.OriginalDefinition;
            if (!IsInThisType(callee))
            {
                return;
            }

            var held = LockFinder.Find(invocation, known, options, context.ContainingSymbol);
            var callContext = UpdateContext.Create(invocation, context.ContainingSymbol, known, options);
            lock (_gate)
            {
                if (callContext.Executable != null)
                {
                    _calls.Add(new CallEdge(callContext.Executable, callee, held));
                }

                if (callContext.Site != null)
                {
                    AddEntry(callee, callContext.Site, 1);
                }
            }
        }

        private void AnalyzeLambda(OperationAnalysisContext context, IAnonymousFunctionOperation lambda)
        {
            if (context.ContainingSymbol is not { IsStatic: false } member || member.ContainingType == null)
            {
                return;
            }

            var options = _facts.Options.Get(lambda.Syntax.SyntaxTree);
            var site = StartSite.Find(lambda, _facts.Known, options);
            if (site == null)
            {
                return;
            }

            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IInstanceReferenceOperation)
                {
                    lock (_gate)
                    {
                        if (!_typeConcurrentWork.ContainsKey(member.ContainingType))
                        {
                            _typeConcurrentWork.Add(member.ContainingType, new Evidence(site.Syntax.GetLocation(), "runs its own code with " + site.Description));
                        }
                    }

                    return;
                }
            }
        }

        private void AnalyzeMethodReference(OperationAnalysisContext context, IMethodReferenceOperation methodReference)
        {
            var method = methodReference.Method?.OriginalDefinition;
            if (method == null || !IsInThisType(method))
            {
                return;
            }

            var options = _facts.Options.Get(methodReference.Syntax.SyntaxTree);
            var site = StartSite.Find(methodReference, _facts.Known, options);
            lock (_gate)
            {
                _escaped.Add(method);
                if (site == null)
                {
                    return;
                }

                AddEntry(method, site, 0);
                if (!method.IsStatic && method.MethodKind != MethodKind.LocalFunction && context.ContainingSymbol is { IsStatic: false } member
                    && !_typeConcurrentWork.ContainsKey(member.ContainingType))
                {
                    _typeConcurrentWork.Add(member.ContainingType, new Evidence(site.Syntax.GetLocation(), "runs its own code with " + site.Description));
                }
            }
        }

        private bool IsInThisType(ISymbol symbol)
        {
            if (symbol.Locations.Length == 0 || !symbol.Locations[0].IsInSource)
            {
                return false;
            }

            var type = symbol.ContainingType;
            while (type?.ContainingType != null)
            {
                type = type.ContainingType;
            }

            return SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, _type);
        }

        private static ISymbol? StorageOf(IOperation? reference)
        {
            switch (reference.WalkDownConversions())
            {
                case IFieldReferenceOperation field when !field.Field.IsConst:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && property.Property.IsAutoProperty():
                    return property.Property;
                case IArrayElementReferenceOperation element:
                    return StorageOf(element.ArrayReference);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether the call guards a dispose-once flag (<c>Interlocked.Exchange(ref _disposed, 1)</c>): many otherwise
        /// single-threaded types do that, so it is not evidence that their other state is shared.
        /// </summary>
        private static bool IsDisposeFlag(InterlockedMethodKind method, ISymbol storage)
            => !method.ReturnsNewValue()
                && storage.Name.IndexOf("dispos", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Whether a lock object is per instance (<c>this</c>, an instance field): then the instance is shared.</summary>
        private static bool IsInstanceSynchronization(IOperation? lockedValue)
        {
            switch (lockedValue.WalkDownConversions())
            {
                case IInstanceReferenceOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return !field.Field.IsStatic;
                case IPropertyReferenceOperation property:
                    return !property.Property.IsStatic;
                default:
                    return false;
            }
        }

        private void AddEntry(ISymbol method, StartSite site, int depth)
        {
            if (!_entries.TryGetValue(method, out var existing) || existing.Depth > depth)
            {
                _entries[method] = (site, depth);
            }
        }

        private void AddSynchronized(ISymbol storage, Evidence evidence)
        {
            if (!_synchronized.ContainsKey(storage.OriginalDefinition))
            {
                _synchronized.Add(storage.OriginalDefinition, evidence);
            }
        }

        private void AddTypeSynchronization(INamedTypeSymbol? type, Evidence evidence)
        {
            if (type == null)
            {
                return;
            }

            lock (_gate)
            {
                AddTypeSynchronizationLocked(type, evidence);
            }
        }

        private void AddTypeSynchronizationLocked(INamedTypeSymbol type, Evidence evidence)
        {
            var key = type.OriginalDefinition;
            if (!_typeSynchronization.ContainsKey(key))
            {
                _typeSynchronization.Add(key, evidence);
            }
        }

        private readonly struct Candidate
        {
            public Candidate(UpdateTarget target, HeldLock? held, UpdateContext context)
            {
                Target = target;
                Lock = held;
                Context = context;
            }

            public UpdateTarget Target { get; }

            public HeldLock? Lock { get; }

            public UpdateContext Context { get; }
        }
    }
}
