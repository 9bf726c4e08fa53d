using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Where the tree makes objects of its classes (<see cref="TreeSummary.Creations"/>) and whether it is an
    /// application's entry (<see cref="TreeSummary.DeclaresMain"/>): how many instances of a class the compilation can
    /// make (docs/detection-model.md, "A class the application makes once").
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Counts <c>new T(...)</c> for <c>T</c> and each of its source base classes (an object of a subclass is one of
        /// theirs too), and separately when the site makes one object for the whole process (<see cref="MakesOneForAll"/>).
        /// </summary>
        private void Creation(IOperation creation, ITypeSymbol? created, FunctionBuilder function)
        {
            if (created is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
            {
                return;
            }

            var once = MakesOneForAll(creation, function);
            for (var current = type.OriginalDefinition; current != null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType?.OriginalDefinition)
            {
                if (Key(current) is { } key)
                {
                    _summary.Creations[key] = (_summary.Creations.TryGetValue(key, out var sites) ? sites : 0) + 1;
                    if (once)
                    {
                        _summary.OnceCreations[key] = (_summary.OnceCreations.TryGetValue(key, out var onceSites) ? onceSites : 0) + 1;
                    }
                }
            }
        }

        /// <summary>
        /// Whether the creation's object is stored straight into a static field or property (an assignment or an
        /// initializer) by a static function, outside any loop or lambda: one object every thread reaches through the
        /// static, made again only if the whole function runs again (a start-up method), and then replacing the first.
        /// </summary>
        private static bool MakesOneForAll(IOperation creation, FunctionBuilder function)
        {
            if (!function.Symbol.IsStatic)
            {
                return false;
            }

            IOperation value = creation;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            var stored = value.Parent switch
            {
                ISimpleAssignmentOperation assignment when assignment.Value == value
                    => assignment.Target is IFieldReferenceOperation { Field.IsStatic: true } or IPropertyReferenceOperation { Property.IsStatic: true },
                IFieldInitializerOperation initializer => initializer.InitializedFields.Length == 1 && initializer.InitializedFields[0].IsStatic,
                IPropertyInitializerOperation initializer => initializer.InitializedProperties.Length == 1 && initializer.InitializedProperties[0].IsStatic,
                _ => false,
            };
            if (!stored)
            {
                return false;
            }

            for (var current = value.Parent; current != null; current = current.Parent)
            {
                if (current is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Notes a static <c>Main</c> or top-level statements: the compilation is an application's, not a library's.</summary>
        private void EntryPoint(ISymbol symbol)
        {
            if (symbol is IMethodSymbol { Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName, IsStatic: true, MethodKind: MethodKind.Ordinary })
            {
                _summary.DeclaresMain = true;
            }
        }
    }
}
