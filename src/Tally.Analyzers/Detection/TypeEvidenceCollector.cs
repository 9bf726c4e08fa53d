using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Detection
{
    /// <summary>
    /// Gathers, for one top-level type (and its nested types), the updates of fields and auto-properties and the evidence
    /// that they are shared, then reports at the end of the type. Operation callbacks run concurrently: every list is guarded.
    /// </summary>
    internal sealed class TypeEvidenceCollector
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
                var verb = KnownSymbols.Is(containingType, known.Interlocked) ? "updated with Interlocked." : "accessed with Volatile.";
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
                        if (!storage.IsStatic && storage.ContainingType != null && !IsDisposeFlag(method, storage))
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

        /// <summary>Decides every gathered update and reports it.</summary>
        public void Report(SymbolAnalysisContext context)
        {
            List<Candidate> candidates;
            lock (_gate)
            {
                candidates = new List<Candidate>(_candidates);
            }

            var options = _facts.Options.Get(_type.Locations.Length > 0 ? _type.Locations[0].SourceTree : null);
            var graph = BuildCallGraph();
            var reachable = ComputeReachable(graph, options.CallDepth);
            var lockedMethods = new Dictionary<ISymbol, HeldLock?>(SymbolEqualityComparer.Default);

            // First pass: updates in private methods only called under a lock count as locked, and as evidence.
            var effectiveLocks = new HeldLock?[candidates.Count];
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var held = candidate.Lock;
                if (!held.HasValue && !candidate.Context.InNestedFunction && candidate.Context.Executable != null)
                {
                    held = LockOfPrivateMethod(graph, candidate.Context.Executable, lockedMethods, 0);
                    if (held.HasValue)
                    {
                        AddSynchronized(candidate.Target.Storage, new Evidence(held.Value.GetLocation(), "updated under a lock"));
                    }
                }

                effectiveLocks[i] = held;
            }

            for (var i = 0; i < candidates.Count; i++)
            {
                if (effectiveLocks[i].HasValue)
                {
                    continue;
                }

                context.CancellationToken.ThrowIfCancellationRequested();
                var candidate = candidates[i];
                var diagnostic = Decide(candidate, reachable);
                if (diagnostic != null)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private Diagnostic? Decide(Candidate candidate, Dictionary<ISymbol, StartSite> reachable)
        {
            var target = candidate.Target;
            var storage = target.Storage;
            var options = _facts.Options.Get(target.Update.Syntax.SyntaxTree);
            if (IsExcluded(candidate, options))
            {
                return null;
            }

            var name = target.DisplayName;
            var text = target.UpdateText;
            var location = target.Update.Syntax.GetLocation();
            var noun = target.Kind == TargetKind.Property ? "property" : target.Kind == TargetKind.ArrayElement ? "array" : "field";
            var properties = ImmutableDictionary<string, string?>.Empty.Add("TargetKind", target.Kind.ToString());

            Evidence synchronized;
            bool found;
            lock (_gate)
            {
                found = _synchronized.TryGetValue(storage.OriginalDefinition, out synchronized);
            }

            if (found && options.IsOn(EvidenceKinds.SynchronizedElsewhere))
            {
                return Diagnostic.Create(DiagnosticDescriptors.SynchronizedElsewhere, location, new[] { synchronized.Location }, properties.Add("Evidence", "SynchronizedElsewhere"), name, text, noun, synchronized.Description);
            }

            if (storage is IFieldSymbol { IsVolatile: true } volatileField && options.IsOn(EvidenceKinds.Volatile))
            {
                return Diagnostic.Create(DiagnosticDescriptors.VolatileField, location, new[] { VolatileLocation(volatileField) }, properties.Add("Evidence", "Volatile"), name, text);
            }

            if (options.IsOn(EvidenceKinds.Concurrent))
            {
                var site = candidate.Context.Site;
                var description = site?.Description;
                if (site == null && !candidate.Context.InNestedFunction && candidate.Context.Executable != null
                    && reachable.TryGetValue(candidate.Context.Executable, out var reached))
                {
                    site = reached;
                    description = reached.Description + ", which runs '" + candidate.Context.Executable.Name + "'";
                }
                else if (site == null && candidate.Context.Executable is IMethodSymbol { MethodKind: MethodKind.LocalFunction } localFunction
                    && reachable.TryGetValue(localFunction, out var reachedLocal))
                {
                    site = reachedLocal;
                    description = reachedLocal.Description + ", which runs '" + localFunction.Name + "'";
                }

                if (site != null)
                {
                    return Diagnostic.Create(DiagnosticDescriptors.ConcurrentCode, location, new[] { site.Syntax.GetLocation() }, properties.Add("Evidence", "Concurrent"), name, text, description);
                }
            }

            if (target.IsStatic)
            {
                if (options.IsOn(EvidenceKinds.Static))
                {
                    var declaration = storage.Locations.Length > 0 && storage.Locations[0].IsInSource ? new[] { storage.Locations[0] } : System.Array.Empty<Location>();
                    return Diagnostic.Create(DiagnosticDescriptors.StaticField, location, declaration, properties.Add("Evidence", "Static"), name, text);
                }

                return null;
            }

            // The object whose member is updated may itself be held by a static field (s_stats.Sent++) or by a field of
            // this instance (_stats.Sent++): then it is as shared as its holder.
            var holder = HolderOf(target);
            if (holder != null && holder.IsStatic && !IsThreadStatic(holder))
            {
                if (options.IsOn(EvidenceKinds.Static))
                {
                    return Diagnostic.Create(DiagnosticDescriptors.StaticField, location, new[] { FirstLocation(holder) }, properties.Add("Evidence", "Static"), name, text);
                }

                return null;
            }

            if (!options.IsOn(EvidenceKinds.SharedInstance) || storage.ContainingType == null)
            {
                return null;
            }

            var sharedType = storage.ContainingType;
            var shared = SharedInstanceEvidence(sharedType, options);
            if (!shared.HasValue && holder?.ContainingType != null && !SymbolEqualityComparer.Default.Equals(holder.ContainingType, sharedType))
            {
                sharedType = holder.ContainingType;
                shared = SharedInstanceEvidence(sharedType, options);
            }

            if (shared.HasValue)
            {
                return Diagnostic.Create(DiagnosticDescriptors.SharedInstance, location, new[] { shared.Value.Location }, properties.Add("Evidence", "SharedInstance"), name, text, sharedType.Name, shared.Value.Description);
            }

            return null;
        }

        /// <summary>
        /// The field or auto-property holding the object whose member is updated, when it is a static member or a member
        /// of <c>this</c> (<c>s_stats.Sent</c>, <c>_stats.Sent</c>); <c>null</c> otherwise.
        /// </summary>
        private static ISymbol? HolderOf(UpdateTarget target)
        {
            if (target.Kind == TargetKind.Local || target.IsStatic)
            {
                return null;
            }

            switch (UpdateTarget.StripConversions(target.Receiver))
            {
                case IFieldReferenceOperation field when field.Field.Type.IsReferenceType
                    && (field.Field.IsStatic || UpdateTarget.StripConversions(field.Instance) is IInstanceReferenceOperation):
                    return field.Field;
                case IPropertyReferenceOperation property when property.Property.Type.IsReferenceType && property.Arguments.Length == 0
                    && UpdateTarget.IsAutoProperty(property.Property)
                    && (property.Property.IsStatic || UpdateTarget.StripConversions(property.Instance) is IInstanceReferenceOperation):
                    return property.Property;
                default:
                    return null;
            }
        }

        private bool IsThreadStatic(ISymbol symbol)
        {
            if (_facts.Known.ThreadStaticAttribute == null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, _facts.Known.ThreadStaticAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsExcluded(Candidate candidate, TallyOptions options)
        {
            var target = candidate.Target;
            var storage = target.Storage;
            if (TallyOptions.HasAttributeNamed(storage, options.RacyAttributes)
                || (!SymbolEqualityComparer.Default.Equals(storage, target.Symbol) && TallyOptions.HasAttributeNamed(target.Symbol, options.RacyAttributes)))
            {
                return true;
            }

            if (storage is IFieldSymbol { IsStatic: true } && IsThreadStatic(storage))
            {
                return true;
            }

            var member = candidate.Context.Member as IMethodSymbol;
            if (member != null && !candidate.Context.InNestedFunction
                && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, storage.ContainingType?.OriginalDefinition))
            {
                if (target.IsStatic && member.MethodKind == MethodKind.StaticConstructor)
                {
                    return true;
                }

                if (!target.IsStatic && member.MethodKind == MethodKind.Constructor && UpdateTarget.StripConversions(target.Receiver) is IInstanceReferenceOperation)
                {
                    return true;
                }
            }

            return (!target.IsStatic && IsUnsharedNewObject(target.Receiver)) || IsDisjointParallelIndex(target, candidate.Context);
        }

        /// <summary>Whether the update is <c>a[i] op= v</c> in a <c>Parallel.For</c> body whose index is <c>i</c>: iterations touch disjoint elements.</summary>
        public static bool IsDisjointParallelIndex(UpdateTarget target, UpdateContext context)
        {
            // Parallel.For hands each index to exactly one iteration: 'results[i] += x' with i the loop index touches disjoint elements.
            if (context.Site == null || context.Site.Description != "Parallel.For" || context.ConcurrentLambda == null
                || !(UpdateTarget.StripConversions(target.Reference) is IArrayElementReferenceOperation element))
            {
                return false;
            }

            // One coordinate of a multi-dimensional element being the loop index is enough: rows i and i' never overlap.
            var parameters = context.ConcurrentLambda.Symbol.Parameters;
            if (parameters.Length == 0)
            {
                return false;
            }

            foreach (var index in element.Indices)
            {
                if (UpdateTarget.StripConversions(index) is IParameterReferenceOperation parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.Parameter, parameters[0]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the receiver is a local that holds an object created in the same body and only used to reach its members.</summary>
        private static bool IsUnsharedNewObject(IOperation? receiver)
        {
            if (!(UpdateTarget.StripConversions(receiver) is ILocalReferenceOperation localReference))
            {
                return false;
            }

            var local = localReference.Local;
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax declarator)
                || declarator.Initializer == null
                || !(declarator.Initializer.Value is BaseObjectCreationExpressionSyntax))
            {
                return false;
            }

            var scope = declarator.Parent?.Parent?.Parent;
            if (scope == null)
            {
                return false;
            }

            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name)
                {
                    if (!(identifier.Parent is MemberAccessExpressionSyntax access) || access.Expression != identifier || access.Parent is InvocationExpressionSyntax)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private Evidence? SharedInstanceEvidence(INamedTypeSymbol type, TallyOptions options)
        {
            var known = _facts.Known;
            if (KnownSymbols.IsOrDerivesFrom(type, known.ControllerBase) || KnownSymbols.IsOrDerivesFrom(type, known.PageModel)
                || KnownSymbols.IsOrDerivesFrom(type, known.RazorPage) || KnownSymbols.IsOrDerivesFrom(type, known.ComponentBase)
                || KnownSymbols.IsOrDerivesFrom(type, known.ViewComponent))
            {
                return null; // Created per request.
            }

            var registry = _facts.Registry.Value;
            if (registry.IsPerRequest(type))
            {
                return null;
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Attribute))
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass != null && IsNamed(attribute.AttributeClass.Name, options.ThreadSafeAttributes))
                    {
                        var where = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? FirstLocation(type);
                        return new Evidence(where, "it is marked [" + TrimAttributeSuffix(attribute.AttributeClass.Name) + "]");
                    }
                }
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Singleton)
                && registry.TryGetSingleton(type, out var registration, out var how))
            {
                return new Evidence(registration.GetLocation(), how == "UseMiddleware" ? "it is middleware registered with UseMiddleware" : "it is registered with " + how);
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Contract))
            {
                foreach (var contract in _facts.GetContracts(options))
                {
                    if (contract.TypeKind == TypeKind.Interface ? Implements(type, contract) : KnownSymbols.IsOrDerivesFrom(type.BaseType, contract))
                    {
                        var verb = contract.TypeKind == TypeKind.Interface ? "implements " : "derives from ";
                        return new Evidence(FirstLocation(type), "it " + verb + contract.Name + ", which frameworks call from many threads");
                    }
                }
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.ConcurrentWork))
            {
                lock (_gate)
                {
                    if (_typeConcurrentWork.TryGetValue(type.OriginalDefinition, out var work))
                    {
                        return new Evidence(work.Location, "it " + work.Description);
                    }
                }
            }

            if (options.IsOn(SharedInstanceEvidenceKinds.Synchronization))
            {
                lock (_gate)
                {
                    if (_typeSynchronization.TryGetValue(type.OriginalDefinition, out var synchronization))
                    {
                        return new Evidence(synchronization.Location, "it " + synchronization.Description + " for its other state");
                    }
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false } field && !field.IsImplicitlyDeclared && known.IsSynchronizationType(field.Type))
                    {
                        return new Evidence(FirstLocation(field), "it holds a " + field.Type.Name + " for its other state");
                    }
                }
            }

            return null;
        }

        private static string TrimAttributeSuffix(string name)
            => name.Length > 9 && name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;

        private static bool IsNamed(string name, ImmutableArray<string> names)
        {
            foreach (var wanted in names)
            {
                if (name == wanted || name == wanted + "Attribute")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }

        private static Location FirstLocation(ISymbol symbol)
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

        private CallGraph BuildCallGraph()
        {
            var graph = new CallGraph();
            lock (_gate)
            {
                foreach (var call in _calls)
                {
                    var caller = call.Caller.OriginalDefinition;
                    if (!graph.Callers.TryGetValue(call.Callee, out var callers))
                    {
                        graph.Callers.Add(call.Callee, callers = new List<CallEdge>());
                    }

                    callers.Add(call);
                    if (!graph.Callees.TryGetValue(caller, out var callees))
                    {
                        graph.Callees.Add(caller, callees = new List<ISymbol>());
                    }

                    callees.Add(call.Callee);
                }

                foreach (var escaped in _escaped)
                {
                    graph.Escaped.Add(escaped);
                }

                foreach (var entry in _entries)
                {
                    graph.Entries.Add(entry.Key, entry.Value);
                }
            }

            return graph;
        }

        private static HeldLock? LockOfPrivateMethod(CallGraph graph, ISymbol method, Dictionary<ISymbol, HeldLock?> cache, int depth)
        {
            if (cache.TryGetValue(method, out var cached))
            {
                return cached;
            }

            cache[method] = null; // Guards recursion.
            HeldLock? result = null;
            if (depth <= 3 && method is IMethodSymbol m
                && (m.DeclaredAccessibility == Accessibility.Private || m.MethodKind == MethodKind.LocalFunction)
                && m.MethodKind != MethodKind.Constructor
                && !graph.Escaped.Contains(m.OriginalDefinition)
                && !graph.Entries.ContainsKey(m.OriginalDefinition)
                && graph.Callers.TryGetValue(m.OriginalDefinition, out var callers))
            {
                foreach (var call in callers)
                {
                    var callerLock = call.Lock ?? LockOfPrivateMethod(graph, call.Caller, cache, depth + 1);
                    if (!callerLock.HasValue || (result.HasValue && !result.Value.IsSameLock(callerLock.Value)))
                    {
                        result = null;
                        break;
                    }

                    result ??= callerLock;
                }
            }

            cache[method] = result;
            return result;
        }

        private static Dictionary<ISymbol, StartSite> ComputeReachable(CallGraph graph, int callDepth)
        {
            var reachable = new Dictionary<ISymbol, StartSite>(SymbolEqualityComparer.Default);
            if (graph.Entries.Count == 0)
            {
                return reachable;
            }

            var depths = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            var queue = new Queue<ISymbol>();
            foreach (var entry in graph.Entries)
            {
                if (entry.Value.Depth <= callDepth)
                {
                    reachable[entry.Key] = entry.Value.Site;
                    depths[entry.Key] = entry.Value.Depth;
                    queue.Enqueue(entry.Key);
                }
            }

            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var depth = depths[current];
                if (depth >= callDepth || !graph.Callees.TryGetValue(current, out var callees))
                {
                    continue;
                }

                foreach (var callee in callees)
                {
                    if (!depths.ContainsKey(callee))
                    {
                        depths[callee] = depth + 1;
                        reachable[callee] = reachable[current];
                        queue.Enqueue(callee);
                    }
                }
            }

            return reachable;
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
            switch (UpdateTarget.StripConversions(reference))
            {
                case IFieldReferenceOperation field when !field.Field.IsConst:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && UpdateTarget.IsAutoProperty(property.Property):
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
        private static bool IsDisposeFlag(IMethodSymbol method, ISymbol storage)
            => method.Name != "Increment" && method.Name != "Decrement" && method.Name != "Add"
                && storage.Name.IndexOf("dispos", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Whether a lock object is per instance (<c>this</c>, an instance field): then the instance is shared.</summary>
        private static bool IsInstanceSynchronization(IOperation? lockedValue)
        {
            switch (UpdateTarget.StripConversions(lockedValue))
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

        private sealed class CallGraph
        {
            public Dictionary<ISymbol, List<CallEdge>> Callers { get; } = new Dictionary<ISymbol, List<CallEdge>>(SymbolEqualityComparer.Default);

            public Dictionary<ISymbol, List<ISymbol>> Callees { get; } = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> Escaped { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Dictionary<ISymbol, (StartSite Site, int Depth)> Entries { get; } = new Dictionary<ISymbol, (StartSite, int)>(SymbolEqualityComparer.Default);
        }

        private readonly struct CallEdge
        {
            public CallEdge(ISymbol caller, ISymbol callee, HeldLock? held)
            {
                Caller = caller;
                Callee = callee;
                Lock = held;
            }

            public ISymbol Caller { get; }

            public ISymbol Callee { get; }

            public HeldLock? Lock { get; }
        }
    }

    /// <summary>A piece of evidence: where it is and how the message names it.</summary>
    internal readonly struct Evidence
    {
        public Evidence(Location location, string description)
        {
            Location = location;
            Description = description;
        }

        public Location Location { get; }

        public string Description { get; }
    }
}
