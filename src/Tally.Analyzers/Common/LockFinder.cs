using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Finds the lock held around an operation: <c>lock</c>, <c>Monitor.Enter</c>/<c>Exit</c>, <c>Lock.EnterScope</c>,
    /// the write and upgradeable locks of <c>ReaderWriterLockSlim</c>, <c>SpinLock</c>, <c>SemaphoreSlim</c>, <c>Mutex</c>,
    /// <c>[MethodImpl(Synchronized)]</c> and configured lock methods; try-locks where their acquire succeeded (LockFinder.TryLocks.cs).
    /// A lambda or local function ends the search: its body runs later.
    /// </summary>
    internal static partial class LockFinder
    {
        private const int MethodImplSynchronized = 0x20;

        /// <summary>The lock held around <paramref name="operation"/>, if any (the innermost of nested locks).</summary>
        public static HeldLock? Find(IOperation operation, KnownSymbols known, TallyOptions options, ISymbol? containingMember)
        {
            HeldLock? first = null;
            Walk(operation, known, options, containingMember, held =>
            {
                first = held.IsShared ? first : held; // A read lock lets other readers in: no lock around the operation.
                return held.IsShared;
            });
            return first;
        }

        /// <summary>
        /// Every lock held around <paramref name="operation"/> in its function, innermost first: a write inside
        /// <c>lock (a) { lock (b) { ... } }</c> holds both, and a lock on a per-call object does not hide an outer one.
        /// </summary>
        public static List<HeldLock> FindAll(IOperation operation, KnownSymbols known, TallyOptions options, ISymbol? containingMember)
        {
            var all = new List<HeldLock>();
            Walk(operation, known, options, containingMember, held =>
            {
                all.Add(held);
                return true;
            });
            return all;
        }

        /// <summary>Reports the locks around <paramref name="operation"/>, innermost first, while <paramref name="found"/> asks for more.</summary>
        private static void Walk(IOperation operation, KnownSymbols known, TallyOptions options, ISymbol? containingMember, System.Func<HeldLock, bool> found)
        {
            var child = operation;
            (StateGuard Guard, IOperation At)? gate = null;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                HeldLock? held = ReaderWriterLocks.BranchHold(parent, child, known);
                switch (parent)
                {
                    case ILockOperation lockOperation when lockOperation.Body == child:
                        held = new HeldLock(lockOperation.Syntax, LockSymbolOf(lockOperation.LockedValue), IsPerKey(lockOperation.LockedValue), PerInstanceLock.Of(lockOperation.LockedValue));
                        break;

                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return;

                    case ITryOperation tryOperation when (tryOperation.Body == child || child is ICatchClauseOperation) && tryOperation.Finally != null:
                        // The catch clauses run before the finally that releases: the lock is still held there.
                        // After a try-acquire the finally also runs when the acquire failed: its test decides (LockFinder.TryLocks).
                        var exit = FindExitCall(tryOperation.Finally, known, options) ?? ReaderWriterLocks.FindSharedExit(tryOperation.Finally, known);
                        if (exit != null && !FollowsTryEnter(tryOperation, LockSymbolOfCall(exit), known, options))
                        {
                            held = Held(exit, known);
                        }

                        break;

                    case IUsingOperation usingOperation when usingOperation.Body == child:
                        var scope = FindScopeCall(usingOperation.Resources, known, options);
                        if (scope != null)
                        {
                            held = new HeldLock(scope.Syntax, LockSymbolOfCall(scope), IsPerKeyCall(scope), PerInstanceLock.OfCall(scope));
                        }

                        break;

                    case IBlockOperation block:
                        // A state claim (LockFinder.StateClaims), or before an owner-checked release later in the block: a lock taken in another method (LockFinder.HeldAcrossMethods).
                        held = FindInBlock(block, child, operation, known, options) ?? ClaimAt(block, child, operation, ref gate) ?? HeldBeforeOwnedRelease(block, child, operation, known, options);
                        break;

                    case IConditionalOperation conditional when child != conditional.Condition:
                        // A try-lock's success branch, or else the read-lock check's branch (ReaderWriterLocks.BranchHold).
                        held = HeldInBranch(conditional, child, operation, known, options) ?? held;
                        break;
                }

                if (held.HasValue && !found(held.Value))
                {
                    return;
                }

                if (GatedBy(ref gate, held) is { } gated && !found(gated))
                {
                    return;
                }
            }

            if (containingMember is IMethodSymbol method && known.MethodImplAttribute != null)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    if (KnownSymbols.Is(attribute.AttributeClass, known.MethodImplAttribute)
                        && attribute.ConstructorArguments.Length == 1
                        && (attribute.ConstructorArguments[0].Value switch { int flags => flags, short flags => flags, _ => 0 } & MethodImplSynchronized) != 0
                        && attribute.ApplicationSyntaxReference != null)
                    {
                        found(new HeldLock(attribute.ApplicationSyntaxReference.GetSyntax(), method.IsStatic ? (ISymbol?)method.ContainingType : method.ContainingType, perInstance: !method.IsStatic));
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// Whether a lock is held around <paramref name="operation"/>; the containing member (for
        /// <c>[MethodImpl(Synchronized)]</c>) is the one the operation's semantic model encloses it in.
        /// </summary>
        public static bool IsHeld(IOperation operation, KnownSymbols known, TallyOptions options)
            => Find(operation, known, options, operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart)).HasValue;

        /// <summary>Whether <paramref name="invocation"/> takes a lock (Monitor.Enter, EnterWriteLock, Wait on a semaphore...).</summary>
        public static bool IsEnter(IInvocationOperation invocation, KnownSymbols known, TallyOptions options)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "Enter":
                case "TryEnter":
                    if (KnownSymbols.Is(type, known.Monitor) || KnownSymbols.Is(type, known.Lock) || KnownSymbols.Is(type, known.SpinLock))
                    {
                        return true;
                    }

                    break;
                case "EnterWriteLock":
                case "TryEnterWriteLock":
                case "EnterUpgradeableReadLock":
                case "TryEnterUpgradeableReadLock":
                    if (KnownSymbols.Is(type, known.ReaderWriterLockSlim))
                    {
                        return true;
                    }

                    break;
                case "Wait":
                case "WaitAsync":
                    if (KnownSymbols.Is(type, known.SemaphoreSlim))
                    {
                        return true;
                    }

                    break;
                case "WaitOne":
                    if (KnownSymbols.Is(invocation.Instance?.Type, known.Mutex))
                    {
                        return true;
                    }

                    break;
            }

            return ReaderWriterLocks.IsClassicWriterEnter(invocation) || Matches(method, options.LockEnterMethods) || LockHelpers.IsEnterHelper(method);
        }

        /// <summary>Whether <paramref name="invocation"/> releases a lock taken by <see cref="IsEnter"/>.</summary>
        public static bool IsExit(IInvocationOperation invocation, KnownSymbols known, TallyOptions options)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "Exit":
                    if (KnownSymbols.Is(type, known.Monitor) || KnownSymbols.Is(type, known.Lock) || KnownSymbols.Is(type, known.SpinLock))
                    {
                        return true;
                    }

                    break;
                case "ExitWriteLock":
                case "ExitUpgradeableReadLock":
                    if (KnownSymbols.Is(type, known.ReaderWriterLockSlim))
                    {
                        return true;
                    }

                    break;
                case "Release":
                    if (KnownSymbols.Is(type, known.SemaphoreSlim))
                    {
                        return true;
                    }

                    break;
                case "ReleaseMutex":
                    if (KnownSymbols.Is(type, known.Mutex))
                    {
                        return true;
                    }

                    break;
            }

            return ReaderWriterLocks.IsClassicWriterExit(invocation) || Matches(method, options.LockExitMethods) || LockHelpers.IsExitHelper(method);
        }

        /// <summary>The lock object a lock call works on: Monitor's first argument, otherwise the receiver.</summary>
        public static ISymbol? LockSymbolOfCall(IInvocationOperation invocation)
        {
            if (invocation.Instance != null)
            {
                return LockSymbolOf(invocation.Instance);
            }

            return invocation.Arguments.Length > 0 ? LockSymbolOf(invocation.Arguments[0].Value) : null;
        }

        /// <summary>
        /// The symbol that names a lock object: a field (also behind a property that only returns it), local, parameter,
        /// or the type for <c>this</c> and <c>typeof(T)</c>.
        /// </summary>
        public static ISymbol? LockSymbolOf(IOperation? value)
        {
            switch (UnaliasLockObject(value).WalkDownConversions())
            {
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return LockSymbolOfProperty(property.Property); // LockFinder.Properties.cs: the field a trivial getter returns.
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IInstanceReferenceOperation instance:
                    return instance.Type;
                case ITypeOfOperation typeOf:
                    return typeOf.TypeOperand;
                case IInvocationOperation invocation:
                    return LockSymbolOfCall(invocation);
                default:
                    return null;
            }
        }

        private static bool Matches(IMethodSymbol method, System.Collections.Immutable.ImmutableArray<ConfiguredMethod> configured)
        {
            foreach (var candidate in configured)
            {
                if (candidate.Matches(method))
                {
                    return true;
                }
            }

            return false;
        }

        private static IInvocationOperation? FindExitCall(IOperation root, KnownSymbols known, TallyOptions options)
        {
            foreach (var descendant in root.Descendants())
            {
                if (descendant is IInvocationOperation invocation && IsExit(invocation, known, options))
                {
                    return invocation;
                }
            }

            return null;
        }

        private static IInvocationOperation? FindScopeCall(IOperation? resources, KnownSymbols known, TallyOptions options)
        {
            if (resources == null)
            {
                return null;
            }

            if (resources.WalkDownConversions() is IInvocationOperation direct && IsScope(direct, known, options))
            {
                return direct;
            }

            foreach (var descendant in resources.Descendants())
            {
                if (descendant is IInvocationOperation invocation && IsScope(invocation, known, options))
                {
                    return invocation;
                }
            }

            return null;
        }

        /// <summary>
        /// A call whose result, disposed, releases a lock: <c>Lock.EnterScope</c>, a configured lock method, or a source
        /// helper that takes a lock and returns a releaser (<c>using (await _mutex.LockAsync())</c>).
        /// </summary>
        private static bool IsScope(IInvocationOperation invocation, KnownSymbols known, TallyOptions options)
            => (invocation.TargetMethod.Name == "EnterScope" && KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.Lock))
                || Matches(invocation.TargetMethod, options.LockEnterMethods)
                || (LockHelpers.ReturnsReleaser(invocation.TargetMethod) && LockHelpers.IsEnterHelper(invocation.TargetMethod));

        private static HeldLock? FindInBlock(IBlockOperation block, IOperation child, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            var statements = block.Operations;
            var index = statements.IndexOf(child);
            if (index <= 0)
            {
                return null;
            }

            for (var i = index - 1; i >= 0; i--)
            {
                var statement = statements[i];
                if (statement is IUsingDeclarationOperation usingDeclaration)
                {
                    var scope = FindScopeCall(usingDeclaration.DeclarationGroup, known, options);
                    if (scope != null)
                    {
                        return new HeldLock(scope.Syntax, LockSymbolOfCall(scope), IsPerKeyCall(scope), PerInstanceLock.OfCall(scope));
                    }

                    continue;
                }

                if (HeldAfterGuard(block, i, index, operation, known, options) is { } guarded)
                {
                    return guarded; // if (!Monitor.TryEnter(x)) return;
                }

                var call = statement.AsStatementCall();
                if (call == null || IsTryEnter(call, known, options))
                {
                    continue; // A try-acquire alone may have failed: only a test of it holds the lock.
                }

                if (IsExit(call, known, options))
                {
                    return null;
                }

                if (ReaderWriterLocks.SharedHoldInBlock(call, statements, i, index, known) is { } shared)
                {
                    return shared;
                }

                if (IsEnter(call, known, options))
                {
                    var enterSymbol = LockSymbolOfCall(call);
                    if (HeldInFinallyBeforeRelease(statements[index], call, operation, known, options))
                    {
                        return Held(call, known); // In the try's finally, before it releases (LockFinder.Finally).
                    }

                    for (var j = index + 1; j < statements.Length; j++)
                    {
                        var later = statements[j].AsStatementCall();
                        if (later != null && IsExit(later, known, options))
                        {
                            var exitSymbol = LockSymbolOfCall(later);
                            if (SameLockSymbol(enterSymbol, exitSymbol))
                            {
                                return Held(call, known);
                            }
                        }

                        if (statements[j] is ITryOperation tryOperation && tryOperation.Finally != null && FindExitCall(tryOperation.Finally, known, options) != null)
                        {
                            return Held(call, known);
                        }
                    }

                    // No release in the block: an owner-bound lock may be held to the end of the function (LockFinder.HeldAcrossMethods).
                    return HeldSinceOwnedAcquire(block, i, index, call, operation, known, options);
                }
            }

            return null;
        }

        /// <summary>
        /// The lock a lock call names (an enter, an exit, a try-acquire, a release), with its key, per-instance and
        /// read/write mode: the one way every call-based hold of this class is described.
        /// </summary>
        private static HeldLock Held(IInvocationOperation call, KnownSymbols known) =>
            new HeldLock(call.Syntax, LockSymbolOfCall(call), IsPerKeyCall(call), PerInstanceLock.OfCall(call), ReaderWriterLocks.ModeOfCall(call, known));

        /// <summary>Whether an enter and an exit name the same lock; a lock the model cannot name matches any.</summary>
        internal static bool SameLockSymbol(ISymbol? first, ISymbol? second)
            => first == null || second == null || SymbolEqualityComparer.Default.Equals(first, second);
    }
}
