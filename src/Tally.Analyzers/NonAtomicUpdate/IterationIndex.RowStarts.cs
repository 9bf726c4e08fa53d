using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Row-start tables (fresh31, Video Duplicate Finder's triangle of bits): <c>rowStart[i]</c> in a parallel loop's
    /// body, where <c>rowStart</c> is a local array of the method that holds the loop, filled before it with a running
    /// sum (<c>rowStart[k] = total; total += RowWords(k);</c>), so the starts are monotone and each iteration's row
    /// begins past the one before. A table the body writes, a table filled any other way, or a start read at another
    /// index than the iteration variable is no row start (a counting sort's <c>counts[data[i]]</c> stays a value).
    /// </summary>
    internal sealed partial class IterationIndex
    {
        /// <summary>The tables already judged, by local.</summary>
        private Dictionary<ILocalSymbol, bool>? _tables;

        /// <summary>Whether <paramref name="element"/> is <c>rowStart[i]</c>: a row-start table at the iteration variable.</summary>
        private bool IsRowStart(IArrayElementReferenceOperation element)
        {
            if (element.Indices.Length != 1
                || element.Indices[0].WalkDownConversions() is not IParameterReferenceOperation index
                || !SymbolEqualityComparer.Default.Equals(index.Parameter, _variable)
                || element.ArrayReference.WalkDownConversions() is not ILocalReferenceOperation { Local: { IsRef: false } table }
                || Declared(table)
                || _writes.ContainsKey(table))
            {
                return false;
            }

            _tables ??= new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            if (!_tables.TryGetValue(table, out var known))
            {
                known = IsRowStartTable(table);
                _tables[table] = known;
            }

            return known;
        }

        /// <summary>
        /// Whether <paramref name="table"/> is a new array (no initializer list) whose every element write in the
        /// method is a running sum's step outside the body, with at least one such write, and which no other write reaches.
        /// </summary>
        private bool IsRowStartTable(ILocalSymbol table)
        {
            var filled = false;
            foreach (var operation in _body.Root().Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, table):
                        if (declarator.GetVariableInitializer() is { } initializer && !IsNewArray(initializer.Value))
                        {
                            return false;
                        }

                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, table):
                        var use = TableUse(reference);
                        if (use == Use.Other)
                        {
                            return false;
                        }

                        filled |= use == Use.RunningSum;
                        break;
                }
            }

            return filled;
        }

        private enum Use : byte
        {
            /// <summary>A read of the table or of an element, or an assignment of a new array to the local.</summary>
            Read,

            /// <summary><c>table[k] = s</c> in a loop that steps <c>s += n</c> and its counter <c>k</c>, outside the parallel body.</summary>
            RunningSum,

            /// <summary>Any other write: the table is no row-start table.</summary>
            Other,
        }

        private Use TableUse(ILocalReferenceOperation reference)
        {
            switch (reference.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    return !assignment.IsRef && IsNewArray(assignment.Value) ? Use.Read : Use.Other;
                case ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation or ITupleOperation:
                    return Use.Other;
                case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                    return Use.Other;
                case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                    return ElementUse(element);
                default:
                    return Use.Read;
            }
        }

        private Use ElementUse(IArrayElementReferenceOperation element)
        {
            switch (element.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == element:
                    return !assignment.IsRef && !Inside(assignment, _body) && IsRunningSumStep(assignment, element) ? Use.RunningSum : Use.Other;
                case ISimpleAssignmentOperation { IsRef: true }:
                case ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation or ITupleOperation:
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                case IReturnOperation:
                    return Use.Other;
                default:
                    return Use.Read;
            }
        }

        /// <summary>
        /// <c>table[k] = s</c> in a loop (not across a function) that steps <c>s</c> with <c>+=</c> alone and steps
        /// <c>k</c> (a local, or a local plus or minus a constant) with <c>++</c> or <c>+=</c>: a running sum's start
        /// (<c>s</c> declared in the loop starts again each time round: no running sum).
        /// </summary>
        private static bool IsRunningSumStep(ISimpleAssignmentOperation assignment, IArrayElementReferenceOperation element)
        {
            if (assignment.Value.WalkDownConversions() is not ILocalReferenceOperation { Local: var sum }
                || element.Indices.Length != 1 || Counter(element.Indices[0]) is not { } counter
                || SymbolEqualityComparer.Default.Equals(counter, sum) || EnclosingLoop(assignment) is not { } loop)
            {
                return false;
            }

            bool summed = false, counted = false;
            foreach (var operation in loop.Descendants())
            {
                switch (operation)
                {
                    case ICompoundAssignmentOperation compound when Writes(compound.Target, sum):
                        if (compound.OperatorKind != BinaryOperatorKind.Add || compound.OperatorMethod != null)
                        {
                            return false;
                        }

                        summed = true;
                        break;
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, sum):
                        return false;
                    case ISimpleAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation
                        when Writes(Target(operation), sum):
                        return false;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Writes(argument.Value, sum):
                        return false;
                    case IIncrementOrDecrementOperation { Kind: OperationKind.Increment } step when Writes(step.Target, counter):
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add when Writes(add.Target, counter):
                        counted = true;
                        break;
                }
            }

            return summed && counted;
        }

        /// <summary>The local an index steps with: <c>k</c>, <c>k + 1</c> or <c>k - 1</c>.</summary>
        private static ILocalSymbol? Counter(IOperation index) => index.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, OperatorMethod: null } binary
                when binary.RightOperand.ConstantValue.HasValue && binary.LeftOperand.WalkDownConversions() is ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        private static IOperation? Target(IOperation write) => write switch
        {
            ISimpleAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation step => step.Target,
            IDeconstructionAssignmentOperation deconstruction => deconstruction.Target,
            _ => null,
        };

        /// <summary>Whether <paramref name="target"/> is <paramref name="local"/>, or a tuple holding it.</summary>
        private static bool Writes(IOperation? target, ILocalSymbol local)
        {
            switch (target.WalkDownConversions())
            {
                case ILocalReferenceOperation reference:
                    return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                case ITupleOperation tuple:
                    foreach (var element in tuple.Elements)
                    {
                        if (Writes(element, local))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>The innermost loop around <paramref name="operation"/> in its own function, or null.</summary>
        private static ILoopOperation? EnclosingLoop(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation loop:
                        return loop;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        private static bool Inside(IOperation operation, IOperation ancestor)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNewArray(IOperation value)
            => value.WalkDownConversions() is IArrayCreationOperation { Initializer: null, DimensionSizes.Length: 1 };
    }
}
