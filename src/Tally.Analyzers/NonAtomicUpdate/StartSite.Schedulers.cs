using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Task schedulers that run one task at a time: work started on them does not overlap with itself.</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether <paramref name="scheduler"/> (a field or local passed to <c>StartNew</c>) holds a scheduler the same
        /// function, or the field's initializer, created with one thread or a concurrency level of one
        /// (<c>new QueuedTaskScheduler(threadCount: 1)</c>, <c>new LimitedConcurrencyLevelTaskScheduler(1)</c>): a loop
        /// started there runs on that one thread, and a second start queues behind the first.
        /// </summary>
        private static bool IsOneThreadScheduler(IOperation scheduler, IInvocationOperation start)
        {
            ISymbol? storage = scheduler switch
            {
                IFieldReferenceOperation field => field.Field,
                ILocalReferenceOperation local => local.Local,
                _ => null,
            };
            if (storage == null)
            {
                return false;
            }

            var root = start.Root();

            if (AssignsOneThreadScheduler(root, storage))
            {
                return true;
            }

            if (!(storage is IFieldSymbol schedulerField) || !(start.SemanticModel is { } model))
            {
                return false;
            }

            // The field's initializer, or an assignment in a constructor of its type (in this file).
            foreach (var reference in schedulerField.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == model.SyntaxTree
                    && reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
                    && CreatesOneThreadScheduler(model.GetOperation(value)))
                {
                    return true;
                }
            }

            var constructors = schedulerField.IsStatic ? schedulerField.ContainingType.StaticConstructors : schedulerField.ContainingType.InstanceConstructors;
            foreach (var constructor in constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree && model.GetOperation(reference.GetSyntax()) is { } body && AssignsOneThreadScheduler(body, storage))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool AssignsOneThreadScheduler(IOperation root, ISymbol storage)
        {
            foreach (var descendant in root.Descendants())
            {
                switch (descendant)
                {
                    case ISimpleAssignmentOperation assignment when StoredIn(assignment.Target, storage) && CreatesOneThreadScheduler(assignment.Value):
                        return true;
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator
                        when SymbolEqualityComparer.Default.Equals(declarator.Symbol, storage) && CreatesOneThreadScheduler(initializer.Value):
                        return true;
                }
            }

            return false;
        }

        private static bool StoredIn(IOperation target, ISymbol storage) => target.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, storage),
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, storage),
            _ => false,
        };

        /// <summary>
        /// <c>new S(...)</c> of a <c>TaskScheduler</c> whose thread count or concurrency level is the constant 1: a
        /// parameter named for threads, concurrency or parallelism, or the only integer argument.
        /// </summary>
        private static bool CreatesOneThreadScheduler(IOperation? value)
        {
            if (!(value.WalkDownConversions() is IObjectCreationOperation creation) || !DerivesFromTaskScheduler(creation.Type))
            {
                return false;
            }

            var integers = 0;
            var one = false;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType != SpecialType.System_Int32 || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                integers++;
                var constant = argument.Value.ConstantValue;
                var isOne = constant.HasValue && constant.Value is int count && count == 1;
                var name = argument.Parameter.Name;
                if (isOne && (Mentions(name, "thread") || Mentions(name, "concurrency") || Mentions(name, "parallelism")))
                {
                    return true;
                }

                one |= isOne;
            }

            return integers == 1 && one;
        }

        private static bool Mentions(string name, string word) => name.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool DerivesFromTaskScheduler(ITypeSymbol? type)
        {
            for (var current = type?.BaseType; current != null; current = current.BaseType)
            {
                if (current.Name == "TaskScheduler" && current.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
