using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// How an array index in a <c>Parallel.For</c> body relates to the iteration variable (see
    /// <see cref="UpdateDecider.ParallelIndexOf"/>): computed from it by <c>+ - *</c> alone (<c>row * width + x</c>), so
    /// most likely an element per iteration, or not. The terms allowed beside the variable are constants, fields,
    /// locals and parameters the body does not write, and locals of the body assigned only such arithmetic (an inner
    /// loop's variable stepped by <c>++</c> or <c>+=</c>). A division, remainder, mask, right shift, call, property or
    /// element read anywhere in the derivation makes the index unknown (a histogram bucket <c>hist[data[i]]</c>), except
    /// a row start: <c>rowStart[i] + offset</c>, where <c>rowStart</c> is a running-sum table of the method
    /// (IterationIndex.RowStarts.cs) and the offset may divide, mask and shift (it indexes inside the row).
    /// </summary>
    internal sealed partial class IterationIndex
    {
        private readonly IParameterSymbol _variable;

        private readonly IAnonymousFunctionOperation _body;

        /// <summary>Each symbol the body writes, with its writes: an assigned value, or null for a step or any other write.</summary>
        private readonly Dictionary<ISymbol, List<Write>> _writes = new Dictionary<ISymbol, List<Write>>(SymbolEqualityComparer.Default);

        private readonly Dictionary<ISymbol, Term> _locals = new Dictionary<ISymbol, Term>(SymbolEqualityComparer.Default);

        private IterationIndex(IParameterSymbol variable, IAnonymousFunctionOperation body)
        {
            _variable = variable;
            _body = body;
            foreach (var operation in body.Descendants())
            {
                CollectWrite(operation);
            }
        }

        /// <summary>What an operation of the derivation is.</summary>
        private enum Term : byte
        {
            /// <summary>Anything else: the index may be the same for many iterations.</summary>
            Unknown,

            /// <summary>Arithmetic of constants and values the body does not change (or steps alone): no iteration variable.</summary>
            Free,

            /// <summary>Arithmetic that involves the iteration variable.</summary>
            FromIteration,

            /// <summary>
            /// Arithmetic with a division, mask or shift right in it, or a local whose assignments disagree on the
            /// iteration variable: no row by itself, but an offset inside one (<c>rowStart[i] + (bit &gt;&gt; 6)</c>).
            /// </summary>
            Offset,

            /// <summary>An element of a row-start table at the iteration variable, plus offsets (<c>rowStart[i] + x</c>).</summary>
            RowStart,
        }

        /// <summary>
        /// Whether some index of <paramref name="element"/> is computed from the iteration variable of
        /// <paramref name="body"/> by arithmetic alone.
        /// </summary>
        public static bool Derives(IArrayElementReferenceOperation element, IParameterSymbol variable, IAnonymousFunctionOperation body)
        {
            var index = new IterationIndex(variable, body);
            foreach (var operand in element.Indices)
            {
                if (index.Of(operand) is Term.FromIteration or Term.RowStart)
                {
                    return true;
                }
            }

            return false;
        }

        private static Term Both(Term left, Term right)
            => left is Term.Unknown or Term.RowStart || right is Term.Unknown or Term.RowStart ? Term.Unknown
                : left == Term.Offset || right == Term.Offset ? Term.Offset
                : left == Term.FromIteration || right == Term.FromIteration ? Term.FromIteration : Term.Free;

        /// <summary>A sum: a row start plus an offset stays a row start; anything else is <see cref="Both"/>.</summary>
        private static Term Sum(Term left, Term right)
            => left == Term.RowStart ? (right is Term.Unknown or Term.RowStart ? Term.Unknown : Term.RowStart)
                : right == Term.RowStart ? (left == Term.Unknown ? Term.Unknown : Term.RowStart)
                : Both(left, right);

        /// <summary>A division, mask or shift: an offset inside a row at most.</summary>
        private static Term Narrowed(Term left, Term right)
            => Both(left, right) == Term.Unknown ? Term.Unknown : Term.Offset;

        private static bool IsIntegral(ITypeSymbol? type)
            => type != null && type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
                or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Byte
                or SpecialType.System_SByte or SpecialType.System_Char;

        private Term Of(IOperation? operation)
        {
            if (operation == null)
            {
                return Term.Unknown;
            }

            if (operation.ConstantValue.HasValue)
            {
                return Term.Free;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return conversion.OperatorMethod == null && IsIntegral(conversion.Operand.Type) ? Of(conversion.Operand) : Term.Unknown;
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter, _variable) ? Term.FromIteration
                        : Declared(parameter.Parameter) || _writes.ContainsKey(parameter.Parameter) ? Term.Unknown : Term.Free;
                case ILocalReferenceOperation local:
                    return Declared(local.Local) ? OfLocal(local.Local) : _writes.ContainsKey(local.Local) ? Term.Unknown : Term.Free;
                case IFieldReferenceOperation field:
                    return _writes.ContainsKey(field.Field) ? Term.Unknown
                        : field.Instance == null || field.Instance is IInstanceReferenceOperation || Of(field.Instance) == Term.Free ? Term.Free : Term.Unknown;
                case IBinaryOperation binary when binary.OperatorMethod == null && IsIntegral(binary.Type):
                    return binary.OperatorKind switch
                    {
                        BinaryOperatorKind.Add => Sum(Of(binary.LeftOperand), Of(binary.RightOperand)),
                        BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply => Both(Of(binary.LeftOperand), Of(binary.RightOperand)),
                        BinaryOperatorKind.LeftShift when binary.RightOperand.ConstantValue.HasValue => Both(Of(binary.LeftOperand), Term.Free), // A multiplication.
                        BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift
                            or BinaryOperatorKind.And or BinaryOperatorKind.Divide => Narrowed(Of(binary.LeftOperand), Of(binary.RightOperand)),
                        _ => Term.Unknown,
                    };
                case IUnaryOperation unary when unary.OperatorMethod == null && unary.OperatorKind is UnaryOperatorKind.Plus or UnaryOperatorKind.Minus:
                    return Both(Of(unary.Operand), Term.Free);
                case IArrayElementReferenceOperation element:
                    return IsRowStart(element) ? Term.RowStart : Term.Unknown;
                default:
                    return Term.Unknown;
            }
        }

        /// <summary>
        /// A local of the body: arithmetic when every write is an assignment of arithmetic or a step by
        /// <c>++</c>, <c>--</c>, <c>+=</c> or <c>-=</c> of it, and the assignments agree on whether the variable is in it
        /// (<c>k = i * 2</c> in one branch and <c>k = 5</c> in another is no element per iteration, only an offset). A
        /// row start when its only write assigns one (<c>long start = rowStart[i];</c>).
        /// </summary>
        private Term OfLocal(ISymbol local)
        {
            if (_locals.TryGetValue(local, out var known))
            {
                return known;
            }

            _locals[local] = Term.Unknown; // A local derived from itself (p = p + q) is not followed round.
            var result = Term.Unknown;
            if (_writes.TryGetValue(local, out var writes))
            {
                result = writes.Count == 1 && !writes[0].IsStep && writes[0].Value != null && Of(writes[0].Value) == Term.RowStart
                    ? Term.RowStart
                    : OfArithmeticLocal(writes);
            }

            _locals[local] = result;
            return result;
        }

        private Term OfArithmeticLocal(List<Write> writes)
        {
            bool? fromIteration = null;
            var offset = false;
            foreach (var write in writes)
            {
                var term = write.Value == null ? (write.IsStep ? Term.Free : Term.Unknown) : Of(write.Value);
                if (term is Term.Unknown or Term.RowStart)
                {
                    return Term.Unknown;
                }

                if (term == Term.Offset || (!write.IsStep && fromIteration.HasValue && fromIteration.Value != (term == Term.FromIteration)))
                {
                    offset = true;
                }

                if (!write.IsStep)
                {
                    fromIteration = term == Term.FromIteration;
                }
            }

            return !fromIteration.HasValue ? Term.Unknown : offset ? Term.Offset : fromIteration.Value ? Term.FromIteration : Term.Free;
        }

        /// <summary>Whether the symbol is declared inside the body (its own locals, its other parameters, a nested function's).</summary>
        private bool Declared(ISymbol symbol)
        {
            var span = _body.Syntax.Span;
            foreach (var location in symbol.Locations)
            {
                if (location.SourceTree == _body.Syntax.SyntaxTree && span.Contains(location.SourceSpan))
                {
                    return true;
                }
            }

            return false;
        }

        private void CollectWrite(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        Add(declarator.Symbol, new Write(initializer.Value, isStep: false));
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    Add(Written(assignment.Target), new Write(assignment.IsRef ? null : assignment.Value, isStep: false));
                    break;
                case ICompoundAssignmentOperation compound:
                    var step = compound.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract && compound.OperatorMethod == null;
                    Add(Written(compound.Target), new Write(step ? compound.Value : null, isStep: step));
                    break;
                case IIncrementOrDecrementOperation increment:
                    Add(Written(increment.Target), new Write(null, isStep: increment.OperatorMethod == null));
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var target in deconstruction.Target.Descendants())
                    {
                        Add(Written(target), new Write(null, isStep: false));
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    Add(Written(argument.Value), new Write(null, isStep: false));
                    break;
            }
        }

        private static ISymbol? Written(IOperation target) => target.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };

        private void Add(ISymbol? symbol, Write write)
        {
            if (symbol == null)
            {
                return;
            }

            if (!_writes.TryGetValue(symbol, out var writes))
            {
                writes = new List<Write>();
                _writes.Add(symbol, writes);
            }

            writes.Add(write);
        }

        private readonly struct Write
        {
            public Write(IOperation? value, bool isStep)
            {
                Value = value;
                IsStep = isStep;
            }

            /// <summary>The value assigned, or the amount of a <c>+=</c>/<c>-=</c> step; null for <c>++</c>, <c>--</c> and other writes.</summary>
            public IOperation? Value { get; }

            /// <summary>Whether the write steps the symbol by an amount (<c>++</c>, <c>--</c>, <c>+=</c>, <c>-=</c>).</summary>
            public bool IsStep { get; }
        }
    }
}
