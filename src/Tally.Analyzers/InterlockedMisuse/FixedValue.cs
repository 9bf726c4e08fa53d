using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// A value that is the same wherever it is written (<see cref="SingleStoredValue"/>): a constant, a delegate to a
    /// static method, or a static read-only field. Two delegates to one static method compare equal, and invoke the same
    /// code, though they are different objects.
    /// </summary>
    internal sealed class FixedValue : IEquatable<FixedValue>
    {
        private readonly ISymbol? _symbol;
        private readonly object? _constant;
        private readonly ITypeSymbol? _type;

        private FixedValue(ISymbol? symbol, object? constant, ITypeSymbol? type)
        {
            _symbol = symbol;
            _constant = constant;
            _type = type;
        }

        /// <summary>The fixed value an expression always gives, or <c>null</c> when it may give different values.</summary>
        public static FixedValue? Of(IOperation? value)
        {
            while (value is IConversionOperation { Conversion.IsUserDefined: false } conversion)
            {
                value = conversion.Operand;
            }

            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            return value switch
            {
                null => null,
                { ConstantValue.HasValue: true } => new FixedValue(null, value.ConstantValue.Value, value.Type),
                IMethodReferenceOperation { Method.IsStatic: true, Method: var method } => new FixedValue(method.OriginalDefinition, null, null),
                IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } => new FixedValue(field.OriginalDefinition, null, null),
                _ => null,
            };
        }

        /// <inheritdoc />
        public bool Equals(FixedValue? other)
            => other is not null
                && SymbolEqualityComparer.Default.Equals(_symbol, other._symbol)
                && Equals(_constant, other._constant)
                && SymbolEqualityComparer.Default.Equals(_type, other._type);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as FixedValue);

        /// <inheritdoc />
        public override int GetHashCode() => (_symbol is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(_symbol)) ^ (_constant?.GetHashCode() ?? 0);
    }
}
