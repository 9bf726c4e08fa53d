using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The decisions of <see cref="TypeEvidenceCollector"/>: which rule, if any, each gathered update gets.</summary>
    internal sealed partial class TypeEvidenceCollector
    {
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
                if (!held.HasValue && !candidate.Context.InLambda && candidate.Context.Executable != null)
                {
                    held = LockOfPrivateMethod(graph, candidate.Context.Executable, lockedMethods, 0);
                    if (held.HasValue)
                    {
                        lock (_gate)
                        {
                            AddSynchronized(candidate.Target.Storage, new Evidence(held.Value.GetLocation(), "updated under a lock"));
                        }
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
            // The field or auto-property holding the object whose member is updated (s_stats.Sent++, _stats.Sent++).
            var holder = HolderOf(target);
            if (IsExcluded(candidate, holder, options))
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
            // this instance (_stats.Sent++): then it is as shared as its holder ([ThreadStatic] holders are excluded above).
            if (holder != null && holder.IsStatic)
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

            // A field inherited from a base type, updated through 'this' in a derived type: the derived type's evidence counts.
            var memberType = candidate.Context.Member?.ContainingType;
            if (!shared.HasValue && memberType != null && target.Receiver.WalkDownConversions() is IInstanceReferenceOperation
                && !SymbolEqualityComparer.Default.Equals(memberType.OriginalDefinition, storage.ContainingType.OriginalDefinition)
                && KnownSymbols.IsOrDerivesFrom(memberType.BaseType, storage.ContainingType.OriginalDefinition))
            {
                sharedType = memberType;
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

            switch (target.Receiver.WalkDownConversions())
            {
                case IFieldReferenceOperation field when field.Field.Type.IsReferenceType
                    && (field.Field.IsStatic || field.Instance.WalkDownConversions() is IInstanceReferenceOperation):
                    return field.Field;
                case IPropertyReferenceOperation property when property.Property.Type.IsReferenceType && property.Arguments.Length == 0
                    && property.Property.IsAutoProperty()
                    && (property.Property.IsStatic || property.Instance.WalkDownConversions() is IInstanceReferenceOperation):
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

        private bool IsExcluded(Candidate candidate, ISymbol? holder, TallyOptions options)
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

            // An object held by a [ThreadStatic] field belongs to one thread (t_stats.Sent++), whatever other
            // instances of its type do.
            if (holder is { IsStatic: true } && IsThreadStatic(holder))
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

                if (!target.IsStatic && member.MethodKind == MethodKind.Constructor && target.Receiver.WalkDownConversions() is IInstanceReferenceOperation)
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
                || !(target.Reference.WalkDownConversions() is IArrayElementReferenceOperation element))
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
                if (index.WalkDownConversions() is IParameterReferenceOperation parameter
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
            if (!(receiver.WalkDownConversions() is ILocalReferenceOperation localReference))
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
    }
}
