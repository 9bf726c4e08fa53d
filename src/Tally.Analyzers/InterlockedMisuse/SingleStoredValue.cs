using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// TALLY007 after <c>Interlocked.Exchange(ref f, V)</c> is silent when nothing can store anything but <c>V</c> in
    /// <c>f</c> afterwards: <c>f</c> is a private field and every write of it outside its initialiser and its
    /// constructors stores the same fixed value (one constant, one static method group, one static read-only field).
    /// A re-read then returns exactly what this thread stored, whoever wrote last: a strategy switched once to a
    /// fallback (<c>Interlocked.Exchange(ref _make, Fallback); return _make();</c>). Only a type declared in the call's
    /// own syntax tree is checked (its writes are bound with the call's semantic model); anything else keeps the report.
    /// </summary>
    internal static class SingleStoredValue
    {
        /// <summary>Whether every write of the exchanged field stores the value this exchange stores.</summary>
        public static bool EveryWriteStoresTheSame(IInvocationOperation call, StorageReference location, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (InterlockedMethodKinds.KindOf(call.TargetMethod, known) != InterlockedMethodKind.Exchange
                || location.Symbol is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field
                || call.SemanticModel is not { } model
                || FixedValue.Of(InterlockedMisuseFacts.GetArgument(call, 1)?.Value) is not { } stored)
            {
                return false;
            }

            return EveryLaterWrite(call, field, model, cancellationToken, write => write switch
            {
                AssignmentExpressionSyntax assignment => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && stored.Equals(FixedValue.Of(model.GetOperation(assignment.Right, cancellationToken))),
                _ => model.GetOperation(write.Parent?.Parent ?? write, cancellationToken) is IInvocationOperation other
                    && InterlockedMethodKinds.KindOf(other.TargetMethod, known) is InterlockedMethodKind.Exchange or InterlockedMethodKind.CompareExchange
                    && InterlockedMisuseFacts.GetArgument(other, 1) is { } value
                    && InterlockedMisuseFacts.GetArgument(other, 0)?.Syntax == write
                    && stored.Equals(FixedValue.Of(value.Value)),
            });
        }

        /// <summary>
        /// Whether every write of the private <paramref name="field"/> after construction passes <paramref name="allowed"/>,
        /// which is given the write: an assignment (<see cref="AssignmentExpressionSyntax"/>, any but a simple one during
        /// construction) or a <c>ref</c>/<c>out</c> argument (<see cref="ArgumentSyntax"/>, outside construction). Reads,
        /// <c>in</c> arguments and writes during construction pass; <c>++</c>/<c>--</c> after construction, a ref local or
        /// return, a null-conditional access and a tuple element (perhaps deconstructed into) never do. False when a part
        /// of the type lies in another syntax tree than the call's (its writes are not bound with the call's model).
        /// </summary>
        internal static bool EveryLaterWrite(IInvocationOperation call, IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken, Func<SyntaxNode, bool> allowed)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != call.Syntax.SyntaxTree)
                {
                    return false; // A part of the type in another file: its writes are not bound here.
                }

                foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (name is IdentifierNameSyntax identifier
                        && identifier.Identifier.ValueText == field.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, field.OriginalDefinition)
                        && !PassesAsWrite(identifier, field, allowed))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>Whether this mention of the field reads it, writes it during construction, or writes it as <paramref name="allowed"/> allows.</summary>
        private static bool PassesAsWrite(IdentifierNameSyntax identifier, IFieldSymbol field, Func<SyntaxNode, bool> allowed)
        {
            SyntaxNode mention = identifier;
            if (mention.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                mention = access;
            }

            while (mention.Parent is ParenthesizedExpressionSyntax)
            {
                mention = mention.Parent;
            }

            switch (mention.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == mention:
                    return (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && ConstructionSyntax.IsDuringConstruction(assignment, field.IsStatic))
                        || allowed(assignment);
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                case PostfixUnaryExpressionSyntax:
                    return ConstructionSyntax.IsDuringConstruction(mention, field.IsStatic);
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    return argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword)
                        || ConstructionSyntax.IsDuringConstruction(argument, field.IsStatic)
                        || allowed(argument);
                case RefExpressionSyntax or MemberBindingExpressionSyntax:
                    return false; // A ref local or ref return of the field, a null-conditional access: not followed.
                case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                    return false; // Perhaps the target of a deconstruction.
                default:
                    return true; // A read.
            }
        }
    }
}
