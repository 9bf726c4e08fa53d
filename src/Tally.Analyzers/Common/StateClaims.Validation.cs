using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Whether a state field's claims exclude each other, from every write of the field in its type. A claim is sound
    /// only when (1) every claim of the field checks it under one lock object, so two claimants never both see it free,
    /// and sets a value no claim takes for free, and (2) a free value is written only by a claimant after its own claim
    /// (or in a constructor or initializer, before anyone can see the object), so nobody else hands a held claim out
    /// again. Other constant writes (<c>_state = State.Broken</c>) are harmless: they never make the object look free.
    /// Any other write (a non-constant value, <c>++</c>, a <c>ref</c> argument, Interlocked) may write the free value
    /// and makes the field no claim. The type must be declared in one syntax tree (its writes are all seen where the
    /// claim is) and the field must be private.
    /// </summary>
    internal static partial class StateClaims
    {
        private static readonly ConditionalWeakTable<IFieldSymbol, Protocol> s_protocols = new ConditionalWeakTable<IFieldSymbol, Protocol>();

        /// <summary>Whether <paramref name="claim"/> is one of its field's sound claims (memoised per field).</summary>
        public static bool IsSound(StateClaim claim)
            => IsSound(claim.Field, claim.Free, LockFinder.LockSymbolOf(claim.Lock.LockedValue), PerInstanceLock.Of(claim.Lock.LockedValue), claim.Lock);

        /// <summary>
        /// Whether a check that the field holds <paramref name="free"/>, made while <paramref name="held"/> is held,
        /// excludes the field's claimants: their claims are sound and are all made under that lock.
        /// </summary>
        public static bool IsSoundGate(StateGuard guard, HeldLock held, IOperation seenAt)
            => !held.IsPerKey && !held.IsShared && held.LockSymbol != null
                && IsSound(guard.Field, guard.Free, held.LockSymbol, held.IsPerInstance, seenAt);

        private static bool IsSound(IFieldSymbol field, object? free, ISymbol? lockSymbol, bool perInstance, IOperation seenAt)
        {
            var protocol = s_protocols.GetValue(field, f => Validate(f, seenAt));
            return protocol.Valid && protocol.IsFree(free) && protocol.SameLock(lockSymbol, perInstance);
        }

        private static Protocol Validate(IFieldSymbol field, IOperation seenAt)
        {
            var tree = seenAt.Syntax.SyntaxTree;
            var model = seenAt.SemanticModel;
            if (model == null || field.ContainingType == null)
            {
                return Protocol.Invalid;
            }

            var writes = new List<(IFieldReferenceOperation Reference, object? Value)>();
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != tree)
                {
                    return Protocol.Invalid; // A partial type in another file: its writes are not seen here.
                }

                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name
                        && !CollectWrite(name, field, model, writes))
                    {
                        return Protocol.Invalid;
                    }
                }
            }

            return FromWrites(field, writes);
        }

        /// <summary>Adds the write a name makes to <paramref name="writes"/>; false when it is a write no claim survives.</summary>
        private static bool CollectWrite(IdentifierNameSyntax name, IFieldSymbol field, SemanticModel model, List<(IFieldReferenceOperation, object?)> writes)
        {
            SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (!(model.GetOperation(expression) is IFieldReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Field, field)
                || !IsWrite(reference))
            {
                return true; // Another symbol of that name, or a read.
            }

            var enclosing = model.GetEnclosingSymbol(expression.SpanStart);
            if (enclosing is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } || enclosing is IFieldSymbol || enclosing is IPropertySymbol)
            {
                return true; // Before anyone can see the object.
            }

            if (StateField(reference) == null || !(reference.Parent is ISimpleAssignmentOperation assignment) || assignment.Target != reference
                || !(assignment.Value.ConstantValue is { HasValue: true } value))
            {
                return false; // Another object's field, a computed value, ++, a ref argument: it may write the free value.
            }

            writes.Add((reference, value.Value));
            return true;
        }

        private static Protocol FromWrites(IFieldSymbol field, List<(IFieldReferenceOperation Reference, object? Value)> writes)
        {
            Protocol? found = null;
            var claimed = new List<object?>();
            foreach (var (reference, value) in writes)
            {
                if (ClaimAround(reference) is { } claim)
                {
                    var lockSymbol = LockFinder.LockSymbolOf(claim.Lock.LockedValue);
                    var perInstance = PerInstanceLock.Of(claim.Lock.LockedValue);
                    if (lockSymbol == null || LockFinder.IsPerKey(claim.Lock.LockedValue) || (field.IsStatic && perInstance)
                        || (found != null && !found.SameLock(lockSymbol, perInstance)))
                    {
                        return Protocol.Invalid; // Two claimants may hold two lock objects.
                    }

                    found ??= new Protocol(true, lockSymbol, perInstance);
                    found.Free.Add(claim.Free);
                    claimed.Add(value);
                }
            }

            if (found == null)
            {
                return Protocol.Invalid;
            }

            foreach (var value in claimed)
            {
                if (found.IsFree(value))
                {
                    return Protocol.Invalid; // A claim that leaves the object free for the next claimant.
                }
            }

            foreach (var (reference, value) in writes)
            {
                if (found.IsFree(value) && !InClaim(reference, field, found))
                {
                    return Protocol.Invalid; // A free value written by code that holds no claim: it may hand out a held one.
                }
            }

            return found;
        }

        /// <summary>The claim a write of the field makes: it is the write of a claim statement around it.</summary>
        private static StateClaim? ClaimAround(IFieldReferenceOperation reference)
        {
            for (IOperation? current = reference; current != null; current = current.Parent)
            {
                if (current is ILockOperation && ClaimOf(current) is { } claim && SymbolEqualityComparer.Default.Equals(claim.Field, reference.Field)
                    && claim.Lock.Body is IBlockOperation body && IsClaimWrite(body, reference))
                {
                    return claim;
                }
            }

            return null;
        }

        private static bool IsClaimWrite(IBlockOperation body, IFieldReferenceOperation reference)
        {
            var guarded = false;
            foreach (var inner in body.Operations)
            {
                if (!guarded)
                {
                    guarded = GuardOf(inner) is { } guard && SymbolEqualityComparer.Default.Equals(guard.Field, reference.Field);
                    continue;
                }

                if (inner is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment } && assignment.Target == reference)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a write of the free value runs inside a claim of the field in its own function: after a claim statement
        /// in an enclosing block, or in a lock body after the check (the claimant gives it back, or never took it).
        /// </summary>
        private static bool InClaim(IOperation operation, IFieldSymbol field, Protocol protocol)
        {
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return false; // Runs later, elsewhere.
                }

                if (!(parent is IBlockOperation block))
                {
                    continue;
                }

                var index = block.Operations.IndexOf(child);
                for (var i = index - 1; i >= 0; i--)
                {
                    var statement = block.Operations[i];
                    if (block.Parent is ILockOperation lockOperation && GuardOf(statement) is { } guard && SymbolEqualityComparer.Default.Equals(guard.Field, field)
                        && protocol.SameLock(LockFinder.LockSymbolOf(lockOperation.LockedValue), PerInstanceLock.Of(lockOperation.LockedValue)))
                    {
                        return true; // Under the claimants' lock with the object free: nobody's claim is taken away.
                    }

                    if (ClaimOf(statement) is { } claim && SymbolEqualityComparer.Default.Equals(claim.Field, field))
                    {
                        return !WrittenOnTheWay(field, block, i, operation); // Not a second write after the claim was given back.
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// What a field's writes say: whether its claims are sound, its free values (a connector claimed from
        /// <c>Closed</c> to open it and from <c>Ready</c> to run an operation has two) and the one lock every claim is made under.
        /// </summary>
        private sealed class Protocol
        {
            public static readonly Protocol Invalid = new Protocol(false, null, false);

            public Protocol(bool valid, ISymbol? lockSymbol, bool lockPerInstance)
            {
                Valid = valid;
                LockSymbol = lockSymbol;
                LockPerInstance = lockPerInstance;
            }

            public bool Valid { get; }

            public List<object?> Free { get; } = new List<object?>();

            public ISymbol? LockSymbol { get; }

            public bool LockPerInstance { get; }

            public bool IsFree(object? value) => Free.Contains(value);

            public bool SameLock(ISymbol? lockSymbol, bool perInstance)
                => SymbolEqualityComparer.Default.Equals(LockSymbol, lockSymbol) && LockPerInstance == perInstance;
        }
    }
}
