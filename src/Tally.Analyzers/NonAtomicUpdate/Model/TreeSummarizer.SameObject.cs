using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Whether a call's receiver is the same object in every copy of a started function (see <see cref="CallFact.SameObject"/>):
    /// what makes an update reached through calls from a fan-out certain (Certainty.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private Dictionary<ISymbol, bool>? _reassigned;

        /// <summary>
        /// Whether the receiver of <paramref name="invocation"/> is the same object whenever the caller's own object is:
        /// a static call; <c>this</c>; a readonly field or get-only auto-property of a static or of such a receiver; or,
        /// in a lambda a start runs as copies, a local or parameter of the code around it, captured, assigned only where
        /// it is declared, and declared outside the loop or per-item lambda that repeats the start (a per-iteration local
        /// is an object of each copy's own). Anything else (a new object, a parameter of the caller, a loop variable, an
        /// element, a call's result, a field that may be reassigned) may differ between copies.
        /// </summary>
        private bool IsSameObjectReceiver(IInvocationOperation invocation, FunctionBuilder function)
            => invocation.Instance == null ? invocation.TargetMethod.IsStatic : IsSameObject(invocation.Instance, function, 0);

        /// <summary>Whether a started method's own object is the same in every start (see <see cref="EntryFact.SameThis"/>).</summary>
        private bool IsSameThis(IMethodSymbol method, IOperation? receiver, FunctionBuilder function)
            => method.IsStatic || IsSameObject(receiver, function, 0);

        private bool IsSameObject(IOperation? receiver, FunctionBuilder function, int depth)
        {
            switch (receiver.WalkDownConversions())
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return true;
                case IFieldReferenceOperation field when field.Field.IsReadOnly:
                    return field.Field.IsStatic || (depth < 4 && IsSameObject(field.Instance, function, depth + 1));
                case IPropertyReferenceOperation property when IsGetOnlyAutoProperty(property.Property):
                    return property.Property.IsStatic || (depth < 4 && IsSameObject(property.Instance, function, depth + 1));
                case ILocalReferenceOperation local:
                    return IsSharedCapture(local.Local, local, function);
                case IParameterReferenceOperation parameter:
                    return IsSharedCapture(parameter.Parameter, parameter, function);
                default:
                    return false;
            }
        }

        /// <summary>A property declared <c>{ get; }</c> (or <c>{ get; init; }</c>) in source: a readonly field by another name.</summary>
        private static bool IsGetOnlyAutoProperty(IPropertySymbol property)
        {
            if (property.SetMethod is { IsInitOnly: false } || property.DeclaringSyntaxReferences.Length != 1
                || !(property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }))
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null)
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsSharedCapture(ISymbol symbol, IOperation reference, FunctionBuilder function)
        {
            if (function.Site is not { } site || function.StartOperation is not { } start || symbol.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = symbol.DeclaringSyntaxReferences[0];
            if (declaration.SyntaxTree != reference.Syntax.SyntaxTree || function.Span.Contains(declaration.Span)
                || !(declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null } or ParameterSyntax))
            {
                return false; // The lambda's own local or parameter, a foreach or pattern variable, a local assigned later.
            }

            var repeatedInside = site.FansOut || (site.StartsThread && StartSite.StartsRepeatedly(start, _known, _options, declaration.Span));
            return repeatedInside && !IsReassigned(symbol, reference);
        }

        /// <summary>Whether the local or parameter is written anywhere in its function other than where it is declared (memoised).</summary>
        private bool IsReassigned(ISymbol symbol, IOperation reference)
        {
            _reassigned ??= new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            if (_reassigned.TryGetValue(symbol, out var known))
            {
                return known;
            }

            var reassigned = false;
            foreach (var operation in reference.Root().Descendants())
            {
                if ((operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, symbol))
                    || (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol)))
                {
                    if (operation.MayWriteVariable())
                    {
                        reassigned = true;
                        break;
                    }
                }
            }

            _reassigned.Add(symbol, reassigned);
            return reassigned;
        }
    }
}
