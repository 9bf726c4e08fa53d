using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Try-locks: an acquire that may fail and says so (<c>Monitor.TryEnter</c> in all its overloads,
    /// <c>SpinLock.TryEnter</c>, <c>Lock.TryEnter</c>, <c>TryEnterWriteLock</c>, <c>SemaphoreSlim.Wait(0)</c> and
    /// <c>WaitAsync(0)</c>, <c>Mutex.WaitOne(timeout)</c>), and a gate field taken with
    /// <c>Interlocked.CompareExchange(ref _gate, 1, 0) == 0</c> (or <c>Interlocked.Exchange(ref _gate, 1) == 0</c>).
    /// The lock is held only where the code runs after the acquire succeeded: in the branch its test takes on success
    /// (<c>if (Monitor.TryEnter(x)) { ... }</c>), after a guard that leaves on failure
    /// (<c>if (!Monitor.TryEnter(x)) return;</c>, <c>if (!taken) return;</c> after <c>TryEnter(x, ref taken)</c>), until
    /// the lock is released (an exit call, or any write of the gate field). Code that also runs when the acquire failed
    /// holds nothing: two such writers can overlap, which is why a <c>try</c>/<c>finally</c> releasing a try-lock is not
    /// by itself taken as the lock (see <see cref="FollowsTryEnter"/>).
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>How many statements back a bool local's try-acquire is looked for, per enclosing block.</summary>
        private const int MaxLocalLookBack = 8;

        /// <summary>Whether <paramref name="invocation"/> takes a lock only if it can, and reports whether it did.</summary>
        public static bool IsTryEnter(IInvocationOperation invocation, KnownSymbols known, TallyOptions options)
            => ReportsSuccess(invocation.TargetMethod) && !WaitsForever(invocation) && IsEnter(invocation, known, options);

        /// <summary>
        /// Whether the call's timeout is infinite (<c>-1</c>, <c>Timeout.Infinite</c>, <c>Timeout.InfiniteTimeSpan</c>):
        /// <c>TryEnterWriteLock(-1)</c> blocks until it holds the lock, a plain enter.
        /// </summary>
        private static bool WaitsForever(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter == null || argument.Parameter.Name.IndexOf("imeout", System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                var constant = value?.ConstantValue is { HasValue: true } known ? known.Value : null;
                return constant is -1 || constant is -1L
                    || (value is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" } field && field.Field.ContainingType?.Name == "Timeout");
            }

            return false;
        }

        private static bool ReportsSuccess(IMethodSymbol method)
        {
            if (method.Name.StartsWith("Try", System.StringComparison.Ordinal))
            {
                return true; // TryEnter(x), TryEnter(ref taken), TryEnterWriteLock(timeout).
            }

            // Wait(0), WaitAsync(timeout), WaitOne(timeout); WaitOne() also returns bool but always succeeds.
            return method.Parameters.Length > 0 && IsBoolOrTaskOfBool(method.ReturnType);
        }

        private static bool IsBoolOrTaskOfBool(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_Boolean
                || (type is INamedTypeSymbol { TypeArguments.Length: 1 } generic
                    && (generic.Name == "Task" || generic.Name == "ValueTask")
                    && generic.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

        /// <summary>
        /// The try-lock held in the branch of <paramref name="conditional"/> that <paramref name="branch"/> is, on the way
        /// to <paramref name="operation"/>: the branch its test takes on success, with no release before the operation.
        /// </summary>
        private static HeldLock? HeldInBranch(IConditionalOperation conditional, IOperation branch, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            var acquire = AcquiredWhen(conditional.Condition, branch == conditional.WhenTrue, conditional, known, options);
            return acquire != null && !ReleasedOnPath(operation, branch, acquire, known, options) ? Held(acquire, known) : null;
        }

        /// <summary>
        /// The try-lock held after <paramref name="statement"/>, the statement at <paramref name="index"/> in
        /// <paramref name="block"/>, when it is a guard that leaves on failure (<c>if (!Monitor.TryEnter(x)) return;</c>),
        /// for <paramref name="operation"/> in the statement at <paramref name="childIndex"/>, unless released before it.
        /// </summary>
        private static HeldLock? HeldAfterGuard(IBlockOperation block, int index, int childIndex, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            if (!(block.Operations[index] is IConditionalOperation { WhenFalse: null } guard) || !AlwaysLeaves(guard.WhenTrue))
            {
                return null;
            }

            var acquire = AcquiredWhen(guard.Condition, value: false, guard, known, options);
            if (acquire == null)
            {
                return null;
            }

            for (var i = index + 1; i < childIndex; i++)
            {
                if (Releases(block.Operations[i], acquire, known, options))
                {
                    return null;
                }
            }

            return ReleasedOnPath(operation, block.Operations[childIndex], acquire, known, options) ? null : Held(acquire, known);
        }

        /// <summary>
        /// Whether a <c>try</c> whose <c>finally</c> releases a lock follows a try-acquire of that lock (before it in its
        /// block, or among its own statements): then the <c>finally</c> proves nothing, since it also runs when the
        /// acquire failed; the lock is held only where a test of the acquire says so.
        /// </summary>
        private static bool FollowsTryEnter(ITryOperation tryOperation, ISymbol? lockSymbol, KnownSymbols known, TallyOptions options)
        {
            if (tryOperation.Body is IBlockOperation body)
            {
                foreach (var statement in body.Operations)
                {
                    if (HasTryEnter(statement, lockSymbol, known, options))
                    {
                        return true;
                    }
                }
            }

            if (tryOperation.Parent is IBlockOperation block)
            {
                for (var i = block.Operations.IndexOf(tryOperation) - 1; i >= 0; i--)
                {
                    if (HasTryEnter(block.Operations[i], lockSymbol, known, options))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasTryEnter(IOperation statement, ISymbol? lockSymbol, KnownSymbols known, TallyOptions options)
        {
            foreach (var descendant in statement.DescendantsAndSelf())
            {
                if (descendant is IInvocationOperation invocation
                    && (IsTryEnter(invocation, known, options) || IsGateAcquire(invocation, known))
                    && SameLockSymbol(lockSymbol, LockSymbolOfCall(invocation)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The try-acquire call that <paramref name="condition"/> proves succeeded when it evaluates to
        /// <paramref name="value"/>: the call itself (<c>Monitor.TryEnter(x)</c>, <c>await _sem.WaitAsync(0)</c>), its
        /// negation, a gate test (<c>Interlocked.CompareExchange(ref _gate, 1, 0) == 0</c>), a bool local the acquire set
        /// (<c>var taken = ...</c>, <c>TryEnter(x, ref taken)</c>), one operand of <c>&amp;&amp;</c> (true) or
        /// <c>||</c> (false), or a choice between two acquires of one lock (<c>wait ? Wait(-1) : Wait(0)</c>).
        /// </summary>
        private static IInvocationOperation? AcquiredWhen(IOperation condition, bool value, IOperation at, KnownSymbols known, TallyOptions options)
        {
            switch (condition.WalkDownConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return AcquiredWhen(not.Operand, !value, at, known, options);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when value:
                    return AcquiredWhen(both.LeftOperand, true, at, known, options) ?? AcquiredWhen(both.RightOperand, true, at, known, options);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !value:
                    return AcquiredWhen(either.LeftOperand, false, at, known, options) ?? AcquiredWhen(either.RightOperand, false, at, known, options);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return AcquiredByComparison(comparison, comparison.OperatorKind == BinaryOperatorKind.Equals ? value : !value, at, known, options);
                case IAwaitOperation awaited:
                    return AcquiredWhen(UnderConfigureAwait(awaited.Operation), value, at, known, options);
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    // wait ? await _sem.WaitAsync(Timeout.Infinite) : await _sem.WaitAsync(TimeSpan.Zero): one lock either way.
                    var first = AcquiredWhen(choice.WhenTrue, value, at, known, options);
                    var second = first == null ? null : AcquiredWhen(whenFalse, value, at, known, options);
                    return second != null && SameLockSymbol(LockSymbolOfCall(first!), LockSymbolOfCall(second)) ? first : null;
                case IInvocationOperation invocation when value && IsBoolOrTaskOfBool(invocation.TargetMethod.ReturnType) && IsEnter(invocation, known, options):
                    return invocation; // A try-acquire, or an enter that waits forever and returns true.
                case ILocalReferenceOperation local when local.Local.Type?.SpecialType == SpecialType.System_Boolean:
                    return AcquireSetting(local.Local, value, at, known, options);
                default:
                    return null;
            }
        }

        /// <summary>
        /// <c>test == true</c>/<c>false</c>, and a gate: <c>CompareExchange(ref g, taken, free) == free</c> succeeded,
        /// <c>Exchange(ref g, taken) == free</c> succeeded, <c>Exchange(ref g, taken) == taken</c> failed
        /// (<paramref name="value"/> is the value of the equality).
        /// </summary>
        private static IInvocationOperation? AcquiredByComparison(IBinaryOperation comparison, bool value, IOperation at, KnownSymbols known, TallyOptions options)
        {
            var left = comparison.LeftOperand.WalkDownConversions();
            var right = comparison.RightOperand.WalkDownConversions();
            if (right?.ConstantValue is { HasValue: true, Value: bool rightBool } && left != null && left.Type?.SpecialType == SpecialType.System_Boolean)
            {
                return AcquiredWhen(left, rightBool ? value : !value, at, known, options);
            }

            if (left?.ConstantValue is { HasValue: true, Value: bool leftBool } && right != null && right.Type?.SpecialType == SpecialType.System_Boolean)
            {
                return AcquiredWhen(right, leftBool ? value : !value, at, known, options);
            }

            var call = left as IInvocationOperation ?? right as IInvocationOperation;
            var constant = call == left ? right?.ConstantValue : left?.ConstantValue;
            if (call == null || constant is not { HasValue: true } || !IsGateAcquire(call, known))
            {
                return null;
            }

            var taken = call.Arguments[1].Value.ConstantValue;
            var free = call.TargetMethod.Name == "CompareExchange" ? call.Arguments[2].Value.ConstantValue : default;
            var isFree = free.HasValue ? Equals(constant.Value.Value, free.Value) : !Equals(constant.Value.Value, taken.Value);
            return isFree == value && IsReopened(call, known) ? call : null;
        }

        /// <summary>The try-acquire that set bool local <paramref name="local"/>, looked for before <paramref name="at"/> in its enclosing blocks.</summary>
        private static IInvocationOperation? AcquireSetting(ILocalSymbol local, bool value, IOperation at, KnownSymbols known, TallyOptions options)
        {
            var child = at;
            for (var parent = at.Parent; parent != null && !(parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation || parent is IMethodBodyBaseOperation); child = parent, parent = parent.Parent)
            {
                if (!(parent is IBlockOperation block))
                {
                    continue;
                }

                var index = block.Operations.IndexOf(child);
                for (var i = index - 1; i >= 0 && i >= index - MaxLocalLookBack; i--)
                {
                    if (SetterOf(block.Operations[i], local, out var setter, out var byRef))
                    {
                        if (byRef)
                        {
                            return value ? (IInvocationOperation)setter! : null; // TryEnter(x, ref taken), then if (taken) / if (!taken) return.
                        }

                        return setter == null ? null : AcquiredWhen(setter, value, block.Operations[i], known, options);
                    }
                }
            }

            return null;

            bool SetterOf(IOperation statement, ILocalSymbol target, out IOperation? setter, out bool byRef)
            {
                setter = null;
                byRef = false;
                foreach (var descendant in statement.DescendantsAndSelf())
                {
                    switch (descendant)
                    {
                        case IInvocationOperation invocation when IsTryEnter(invocation, known, options) && PassesByRef(invocation, target):
                            setter = invocation;
                            byRef = true;
                            return true;
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, target):
                            setter = declarator.GetVariableInitializer()?.Value;
                            return setter != null && setter.ConstantValue is not { HasValue: true }; // 'bool taken = false;' sets nothing yet.
                        case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation assigned && SymbolEqualityComparer.Default.Equals(assigned.Local, target):
                            setter = assignment.Value;
                            return true;
                    }
                }

                return false;
            }
        }

        private static bool PassesByRef(IInvocationOperation invocation, ILocalSymbol local)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.RefKind == RefKind.Ref && argument.Value is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation UnderConfigureAwait(IOperation value)
        {
            while (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
            {
                value = instance;
            }

            return value;
        }

        /// <summary>
        /// Whether the lock is released on the way from <paramref name="root"/> down to <paramref name="operation"/>:
        /// in the statements before the path in every block between them.
        /// </summary>
        private static bool ReleasedOnPath(IOperation operation, IOperation root, IInvocationOperation acquire, KnownSymbols known, TallyOptions options)
        {
            var child = operation;
            for (var parent = operation.Parent; parent != null && child != root; child = parent, parent = parent.Parent)
            {
                if (parent is IBlockOperation block)
                {
                    var index = block.Operations.IndexOf(child);
                    for (var i = 0; i < index; i++)
                    {
                        if (Releases(block.Operations[i], acquire, known, options))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="statement"/> releases what <paramref name="acquire"/> took: an exit of its lock, or any write of its gate field.</summary>
        private static bool Releases(IOperation statement, IInvocationOperation acquire, KnownSymbols known, TallyOptions options)
        {
            var lockSymbol = LockSymbolOfCall(acquire);
            var gate = KnownSymbols.Is(acquire.TargetMethod.ContainingType, known.Interlocked);
            foreach (var descendant in statement.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IInvocationOperation invocation when !gate && IsExit(invocation, known, options) && SameLockSymbol(lockSymbol, LockSymbolOfCall(invocation)):
                        return true;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref } argument when gate && SameLockSymbol(lockSymbol, LockSymbolOf(argument.Value)):
                        return true;
                    case IAssignmentOperation assignment when gate && SameLockSymbol(lockSymbol, LockSymbolOf(assignment.Target)):
                        return true;
                }
            }

            return false;
        }

        /// <summary>Whether a guard's failure branch always leaves the code after it (return, throw, break, continue).</summary>
        private static bool AlwaysLeaves(IOperation branch)
        {
            while (branch is IBlockOperation block)
            {
                if (block.Operations.Length == 0)
                {
                    return false;
                }

                branch = block.Operations[block.Operations.Length - 1];
            }

            return branch is IReturnOperation || branch is IBranchOperation || branch is IThrowOperation
                || (branch is IExpressionStatementOperation { Operation: IThrowOperation });
        }
    }
}
