using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// Decides how one reference to the migrated field is rewritten. Every rewrite computes what the old code computed
    /// in one thread: values of <c>x++</c>/<c>++x</c>, the old type (<c>int</c> fields read back through an unchecked
    /// <c>(int)</c>, which is exact because the 64-bit count truncated to 32 bits is the wrapped 32-bit count).
    /// </summary>
    internal static class ReferenceRewrites
    {
        /// <summary>
        /// The edit for the reference <paramref name="name"/>, or <c>null</c> with the reason when no counter can
        /// express it exactly. References that need no change (<c>nameof</c>, <c>cref</c>) give an edit-less result.
        /// </summary>
        public static ReferenceEdit? Classify(DocumentId document, SimpleNameSyntax name, SemanticModel model, IFieldSymbol field, out string? refusal)
        {
            refusal = null;
            if (name.FirstAncestorOrSelf<CrefSyntax>() != null || IsInNameOf(name, model))
            {
                return null;
            }

            ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (name.Parent is MemberBindingExpressionSyntax)
            {
                refusal = "it is used with '?.'";
                return null;
            }

            if (reference.Ancestors().Any(a => a is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax }))
            {
                refusal = "it is used in a field or property initializer, which may run before the counter is created";
                return null;
            }

            if (model.GetOperation(reference) is not IFieldReferenceOperation fieldReference)
            {
                refusal = "a use of it is not a plain field reference";
                return null;
            }

            if (IsInExpressionTree(reference, model))
            {
                refusal = "it is used in an expression tree, which cannot call the counter's methods";
                return null;
            }

            var isInt = field.Type.SpecialType == SpecialType.System_Int32;
            var r = reference.WithoutTrivia().ToString();
            var parent = fieldReference.Parent;
            switch (parent)
            {
                case IIncrementOrDecrementOperation increment:
                    return Increment(document, increment, r, isInt, out refusal);

                case ICompoundAssignmentOperation compound when compound.Target == fieldReference:
                    return Compound(document, compound, r, isInt, field, out refusal);

                case ISimpleAssignmentOperation assignment when assignment.Target == fieldReference:
                    return Assignment(document, assignment, fieldReference, r, isInt, field, out refusal);

                case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out or RefKind.In
                    || argument.Syntax is ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                    return Call(document, argument, r, isInt, field, out refusal);
            }

            if (IsOtherWrite(fieldReference))
            {
                refusal = "it is written or passed by reference in a way no counter method expresses";
                return null;
            }

            // A read: the counter's value, converted back to the field's type.
            var read = isInt ? $"((int){r}.Value)" : $"{r}.Value";
            return new ReferenceEdit(document, reference, read, read);
        }

        private static ReferenceEdit? Increment(DocumentId document, IIncrementOrDecrementOperation increment, string r, bool isInt, out string? refusal)
        {
            refusal = null;
            if (increment.IsChecked)
            {
                refusal = "it is updated in a checked context, where the old code throws on overflow and the counter wraps";
                return null;
            }

            var up = increment.Kind == OperationKind.Increment;
            var method = up ? "Increment" : "Decrement";
            if (!IsValueUsed(increment))
            {
                return new ReferenceEdit(document, increment.Syntax, $"{r}.{method}()", $"{r}.{method}()");
            }

            // The counter returns the new value; x++ and x-- yield the old one.
            var call = $"{r}.{method}()";
            var text = increment.IsPostfix
                ? (isInt ? $"((int)({call} {(up ? "-" : "+")} 1))" : $"({call} {(up ? "-" : "+")} 1)")
                : (isInt ? $"((int){call})" : call);
            return new ReferenceEdit(document, increment.Syntax, text, null);
        }

        private static ReferenceEdit? Compound(DocumentId document, ICompoundAssignmentOperation compound, string r, bool isInt, IFieldSymbol field, out string? refusal)
        {
            refusal = null;
            if (compound.IsChecked)
            {
                refusal = "it is updated in a checked context, where the old code throws on overflow and the counter wraps";
                return null;
            }

            if (compound.OperatorKind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract) || compound.OperatorMethod != null)
            {
                refusal = $"it is updated with '{OperatorText(compound)}', which the counters have no method for";
                return null;
            }

            if (ReadsField(compound.Value, field))
            {
                refusal = "an update's operand reads the field itself";
                return null;
            }

            var operand = Operand(compound.Value, compound.OperatorKind == BinaryOperatorKind.Subtract, field.Type);
            var call = $"{r}.Add({operand})";
            if (!IsValueUsed(compound))
            {
                return new ReferenceEdit(document, compound.Syntax, call, call);
            }

            return new ReferenceEdit(document, compound.Syntax, isInt ? $"((int){call})" : call, null);
        }

        private static ReferenceEdit? Assignment(DocumentId document, ISimpleAssignmentOperation assignment, IFieldReferenceOperation target, string r, bool isInt, IFieldSymbol field, out string? refusal)
        {
            refusal = null;
            if (assignment.Parent is IObjectOrCollectionInitializerOperation || target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                refusal = "it is set in an object initializer";
                return null;
            }

            if (IsValueUsed(assignment))
            {
                refusal = "the value of an assignment to it is used";
                return null;
            }

            var value = Unconvert(assignment.Value);

            // x = x + e, x = e + x, x = x - e: the update TALLY001-005 flag in its long form.
            if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, OperatorMethod: null } binary
                && !binary.IsChecked)
            {
                var subtract = binary.OperatorKind == BinaryOperatorKind.Subtract;
                IOperation? other = null;
                if (IsSameField(binary.LeftOperand, target, field))
                {
                    other = binary.RightOperand;
                }
                else if (!subtract && IsSameField(binary.RightOperand, target, field))
                {
                    other = binary.LeftOperand;
                }

                if (other != null && !ReadsField(other, field))
                {
                    var call = $"{r}.Add({Operand(other, subtract, field.Type)})";
                    return new ReferenceEdit(document, assignment.Syntax, call, call);
                }
            }

            if (ReadsField(assignment.Value, field))
            {
                refusal = "an assignment to it computes the new value from a separate read of it";
                return null;
            }

            if (IsZero(assignment.Value))
            {
                return new ReferenceEdit(document, assignment.Syntax, $"{r}.Reset()", $"{r}.Reset()");
            }

            return new ReferenceEdit(document, assignment.Syntax, $"{r}.Exchange({Text(assignment.Value)})", null);
        }

        private static ReferenceEdit? Call(DocumentId document, IArgumentOperation argument, string r, bool isInt, IFieldSymbol field, out string? refusal)
        {
            refusal = "it is passed by 'ref', 'out' or 'in' to a method other than Interlocked and Volatile";
            if (argument.Parent is not IInvocationOperation call
                || call.Arguments.Length == 0
                || call.Arguments[0] != argument
                || call.TargetMethod.ContainingType is not { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } type
                || (type.Name != "Interlocked" && type.Name != "Volatile"))
            {
                return null;
            }

            foreach (var each in call.Arguments)
            {
                if (each.Syntax is ArgumentSyntax { NameColon: not null })
                {
                    refusal = "an Interlocked call on it names its arguments";
                    return null;
                }

                if (each != argument && ReadsField(each.Value, field))
                {
                    refusal = "an Interlocked call on it computes an argument from a separate read of it";
                    return null;
                }
            }

            var used = IsValueUsed(call);
            string Result(string text) => used && isInt ? $"((int){text})" : text;
            string Arg(int index) => Text(call.Arguments[index].Value);
            refusal = null;
            switch (type.Name, call.TargetMethod.Name, call.Arguments.Length)
            {
                case ("Interlocked", "Increment", 1):
                case ("Interlocked", "Decrement", 1):
                    var step = $"{r}.{call.TargetMethod.Name}()";
                    return new ReferenceEdit(document, call.Syntax, Result(step), used ? null : step);
                case ("Interlocked", "Add", 2):
                    var add = $"{r}.Add({Arg(1)})";
                    return new ReferenceEdit(document, call.Syntax, Result(add), used ? null : add);
                case ("Interlocked", "Exchange", 2):
                    var exchange = IsZero(call.Arguments[1].Value) && !used ? $"{r}.Reset()" : $"{r}.Exchange({Arg(1)})";
                    string? drain = IsZero(call.Arguments[1].Value) ? (used ? Result($"{r}.Drain()") : $"{r}.Reset()") : null;
                    return new ReferenceEdit(document, call.Syntax, Result(exchange), drain);
                case ("Interlocked", "CompareExchange", 3) when !isInt:
                    return new ReferenceEdit(document, call.Syntax, $"{r}.CompareExchange({Arg(1)}, {Arg(2)})", null);
                case ("Interlocked", "CompareExchange", 3):
                    refusal = "Interlocked.CompareExchange on an int field would compare 64-bit counts, which differ from the wrapped int after an overflow";
                    return null;
                case ("Interlocked", "Read", 1):
                case ("Volatile", "Read", 1):
                    var read = isInt ? $"((int){r}.Value)" : $"{r}.Value";
                    return new ReferenceEdit(document, call.Syntax, read, read);
                case ("Volatile", "Write", 2):
                    var reset = IsZero(call.Arguments[1].Value);
                    return new ReferenceEdit(document, call.Syntax, reset ? $"{r}.Reset()" : $"{r}.Exchange({Arg(1)})", reset ? $"{r}.Reset()" : null);
                default:
                    refusal = $"it is passed to {type.Name}.{call.TargetMethod.Name}, which the counters have no method for";
                    return null;
            }
        }

        /// <summary>
        /// The argument of <c>Add</c> for an operand added or subtracted. A subtracted operand is negated in <c>long</c>
        /// for a <c>long</c> field (so <c>int.MinValue</c> does not wrap before it widens); for an <c>int</c> field the
        /// 32-bit negation is exact because reads truncate to 32 bits.
        /// </summary>
        private static string Operand(IOperation value, bool subtract, ITypeSymbol fieldType)
        {
            var unconverted = Unconvert(value);
            var text = Text(unconverted);
            if (!subtract)
            {
                return text;
            }

            if (unconverted is ILiteralOperation && unconverted.Syntax is LiteralExpressionSyntax)
            {
                return "-" + text;
            }

            var widens = fieldType.SpecialType != SpecialType.System_Int32 && unconverted.Type?.SpecialType != SpecialType.System_Int64;
            var operand = Parentheses.IsPrimary(unconverted.Syntax) ? text : $"({text})";
            return AtomicSyntax.Negated(operand, widens ? Negation.MinusOfCast : Negation.Minus, fieldType, operandNeedsUnchecked: false);
        }

        private static string Text(IOperation value) => value.Syntax.WithoutTrivia().ToString();

        private static IOperation Unconvert(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }

        private static bool IsZero(IOperation value)
            => value.ConstantValue.HasValue && value.ConstantValue.Value is { } constant
               && constant is int or long or uint or ulong or short or ushort or byte or sbyte
               && System.Convert.ToDecimal(constant, System.Globalization.CultureInfo.InvariantCulture) == 0m;

        private static bool IsSameField(IOperation operand, IFieldReferenceOperation target, IFieldSymbol field)
        {
            if (Unconvert(operand) is not IFieldReferenceOperation read || !SymbolEqualityComparer.Default.Equals(read.Field, field))
            {
                return false;
            }

            return field.IsStatic
                || (read.Instance is IInstanceReferenceOperation && target.Instance is IInstanceReferenceOperation);
        }

        /// <summary>Whether <paramref name="operation"/> references the field anywhere.</summary>
        private static bool ReadsField(IOperation operation, IFieldSymbol field)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the value of <paramref name="operation"/> is used (anything but an expression statement).</summary>
        internal static bool IsValueUsed(IOperation operation)
            => operation.Parent is not IExpressionStatementOperation;

        private static bool IsOtherWrite(IFieldReferenceOperation reference)
            => reference.Parent switch
            {
                IAssignmentOperation assignment => assignment.Target == reference,
                IArgumentOperation => false,
                ITupleOperation => true,
                _ => reference.Syntax.Parent is RefExpressionSyntax || reference.Syntax.Parent?.Parent is RefExpressionSyntax,
            };

        private static bool IsInNameOf(SyntaxNode node, SemanticModel model)
        {
            foreach (var invocation in node.Ancestors())
            {
                if (invocation is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } candidate
                    && model.GetOperation(candidate) is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInExpressionTree(SyntaxNode node, SemanticModel model)
        {
            foreach (var lambda in node.Ancestors())
            {
                if (lambda is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax
                    && model.GetTypeInfo(lambda).ConvertedType is INamedTypeSymbol { Name: "Expression" or "LambdaExpression" } type
                    && type.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions")
                {
                    return true;
                }
            }

            return false;
        }

        private static string OperatorText(ICompoundAssignmentOperation compound)
            => compound.Syntax is AssignmentExpressionSyntax assignment ? assignment.OperatorToken.Text : compound.OperatorKind.ToString();
    }
}
