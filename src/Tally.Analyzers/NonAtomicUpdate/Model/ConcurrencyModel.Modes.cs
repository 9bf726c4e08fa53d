using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Modes: writers that run only under opposite values of one flag of the object (a component's fast path and its
    /// locked slow path, chosen by a setting) never run at the same time while the flag does not change.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private const int MaxModeDepth = 6;

        private static readonly ImmutableArray<BranchGuard> NoMode = ImmutableArray<BranchGuard>.Empty;

        // Created on first use: most models never meet a writer in a flag branch.
        private ConcurrentDictionary<(string Function, string? ObjectType), ImmutableArray<BranchGuard>>? _functionModes;

        /// <summary>
        /// Whether two writers of one storage run only under opposite values of one flag that nothing in the compilation
        /// changes once the object is shared (written, if at all, in constructors, initializers and object
        /// initializers): one runs only in the flag's true branch, the other only in its false branch, each in its own
        /// function or reached only through calls on the same object from such a branch. Asked only when one of them
        /// sits in a flag branch itself (no walk otherwise). A flag of the object decides for instance storage written
        /// through <c>this</c> only; a static flag decides for any storage.
        /// </summary>
        public bool InExclusiveModes(WriteFact first, WriteFact second)
        {
            if (first.Guards.IsEmpty && second.Guards.IsEmpty)
            {
                return false;
            }

            var firstMode = ModeOf(first);
            if (firstMode.IsEmpty)
            {
                return false;
            }

            var secondMode = ModeOf(second);
            foreach (var a in firstMode)
            {
                foreach (var b in secondMode)
                {
                    if (a.Opposes(b) && OneFlagFor(a, first, second) && IsStable(a.ConditionKey))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether the flag is one value for both writes: static, or the object's own and both write that object's instance storage.</summary>
        private static bool OneFlagFor(BranchGuard flag, WriteFact first, WriteFact second)
            => flag.StaticCondition || (!first.StaticStorage && !second.StaticStorage && first.ThroughThis && second.ThroughThis);

        /// <summary>Whether the flag is written only where its object is not shared yet (or not at all in the compilation).</summary>
        private bool IsStable(string conditionKey)
        {
            foreach (var write in WritesOf(conditionKey))
            {
                if (!write.Excluded && !InObjectInitializer(write))
                {
                    return false; // The flag changes while the object is in use: both modes can be running.
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a write is an assignment of an object initializer (<c>new Exporter { KeepLast = true }</c>): it runs on
        /// the new object before anything else can see it, like a constructor's, wherever the object goes afterwards.
        /// </summary>
        private static bool InObjectInitializer(WriteFact write)
        {
            var tree = write.Location.SourceTree;
            if (tree == null)
            {
                return false;
            }

            var node = tree.GetRoot().FindNode(write.Location.SourceSpan, getInnermostNodeForTie: true);
            return node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax } };
        }

        /// <summary>The flag branches a write always runs in: its own, and those every way into its function comes through.</summary>
        private ImmutableArray<BranchGuard> ModeOf(WriteFact write)
        {
            if (!write.ThroughThis && !write.StaticStorage)
            {
                return write.Guards;
            }

            var function = Function(write.FunctionKey);
            var inherited = function == null ? NoMode : FunctionMode(function, function.TypeChain, new HashSet<string>(), 0);
            return inherited.IsEmpty ? write.Guards : write.Guards.AddRange(inherited);
        }

        /// <summary>
        /// The flag branches every way into <paramref name="function"/> comes through, along calls on the same object
        /// (memoised per function and the class the object is known to have). A function started concurrently, public,
        /// a lambda, reached through a delegate or from another object, or with no caller (a root) has none. Constructor
        /// callers add nothing (the object is not shared yet). The object's class (<paramref name="objectChain"/>, the
        /// class and its bases; empty when unknown) rules out calls it cannot make: a call on <c>this</c> from a class
        /// unrelated to it, and a virtual call on <c>this</c> into an implementation its class overrides.
        /// </summary>
        private ImmutableArray<BranchGuard> FunctionMode(FunctionFact function, ImmutableArray<string> objectChain, HashSet<string> visiting, int depth)
        {
            var memo = LazyInitializer.EnsureInitialized(ref _functionModes, () => new ConcurrentDictionary<(string, string?), ImmutableArray<BranchGuard>>())!;
            var memoKey = (function.Key, objectChain.IsEmpty ? null : objectChain[0]);
            if (memo.TryGetValue(memoKey, out var known))
            {
                return known;
            }

            if (depth > MaxModeDepth || function.Has(FunctionFlags.Public | FunctionFlags.Lambda) || EntriesOf(function.Key).Count > 0 || !visiting.Add(function.Key))
            {
                return NoMode;
            }

            var mode = CallersMode(function, objectChain, visiting, depth);
            visiting.Remove(function.Key);
            if (visiting.Count == 0)
            {
                memo.TryAdd(memoKey, mode); // Only answers not cut short by the path are kept.
            }

            return mode;
        }

        /// <summary>The flag branches common to every call into the function: each call's own, and its caller's.</summary>
        private ImmutableArray<BranchGuard> CallersMode(FunctionFact function, ImmutableArray<string> objectChain, HashSet<string> visiting, int depth)
        {
            ImmutableArray<BranchGuard>? common = null;
            foreach (var call in CallersOf(function.Key))
            {
                var caller = Function(call.CallerKey);
                if (caller == null || call.Escapes || !call.OnThis || visiting.Contains(call.CallerKey))
                {
                    return NoMode;
                }

                if (caller.Has(FunctionFlags.Constructor) && !caller.Has(FunctionFlags.Lambda))
                {
                    continue; // The object is not shared yet.
                }

                var chain = objectChain;
                if (!chain.IsEmpty && caller.TypeKey != null)
                {
                    if (caller.TypeChain.Contains(chain[0]))
                    {
                        chain = caller.TypeChain; // The caller's class derives from the object's known class: the object is one of its.
                    }
                    else if (!chain.Contains(caller.TypeKey))
                    {
                        if (!caller.TypeChain.IsEmpty)
                        {
                            continue; // A class unrelated to the object's: its calls on 'this' are on other objects.
                        }

                        chain = ImmutableArray<string>.Empty; // How the classes relate is not known here.
                    }

                    if (!chain.IsEmpty && !string.IsNullOrEmpty(call.DispatchTypeKey) && OverriddenIn(function, chain))
                    {
                        continue; // A virtual call on this object runs its class's override, not this implementation.
                    }
                }

                var atCall = call.Guards.AddRange(FunctionMode(caller, chain, visiting, depth + 1));
                common = common == null ? atCall : Intersect(common.Value, atCall);
                if (common.Value.IsEmpty)
                {
                    return NoMode;
                }
            }

            return common ?? NoMode;
        }

        private static ImmutableArray<BranchGuard> Intersect(ImmutableArray<BranchGuard> first, ImmutableArray<BranchGuard> second)
        {
            var both = ImmutableArray.CreateBuilder<BranchGuard>();
            foreach (var guard in first)
            {
                foreach (var other in second)
                {
                    if (guard.SameAs(other))
                    {
                        both.Add(guard);
                        break;
                    }
                }
            }

            return both.ToImmutable();
        }

        /// <summary>
        /// Whether a class in <paramref name="objectChain"/> below the function's own overrides it: the override's key is
        /// the function's with the class's name, and it lists the function among those it overrides.
        /// </summary>
        private bool OverriddenIn(FunctionFact function, ImmutableArray<string> objectChain)
        {
            if (function.TypeKey == null || function.TypeKey.Length < 2
                || !function.Key.StartsWith("M:" + function.TypeKey.Substring(2) + ".", System.StringComparison.Ordinal))
            {
                return false;
            }

            var suffix = function.Key.Substring(function.TypeKey.Length);
            foreach (var typeKey in objectChain)
            {
                if (typeKey == function.TypeKey)
                {
                    return false;
                }

                if (Function("M:" + typeKey.Substring(2) + suffix) is { } candidate && candidate.Overrides.Contains(function.Key))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
