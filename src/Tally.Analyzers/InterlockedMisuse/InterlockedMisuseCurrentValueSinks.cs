using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Reads after a discarded <c>Interlocked</c> step that are passed on as the field's current value (TALLY007 does not
    /// report them on their own):
    /// <code>
    /// void Queued()    { _counters.Sample(_queue.Count, _processed); ...; }           // no step: the current total
    /// void Completed() { Interlocked.Increment(ref _processed); _counters.Sample(_queue.Count, _processed); }
    /// </code>
    /// TALLY007 reports a re-read because it should have been this thread's own result. A parameter that the type fills,
    /// at another call of the same method (or the same delegate), with the field read by code that makes no step of it
    /// cannot mean "the result of my step": that call hands over a value no step of its thread produced. The parameter
    /// takes the field's current value (a statistics sample, a usage report), and the re-read gives exactly that.
    /// Only a plain read of the same field of <c>this</c> (or the same static) as the argument at the same position
    /// counts, in a member that neither writes the field nor passes it by <c>ref</c>; the call sites are looked for in the
    /// field's declaring type, in the syntax tree being analysed.
    /// </summary>
    internal static class InterlockedMisuseCurrentValueSinks
    {
        /// <summary>
        /// Whether <paramref name="reference"/> is an argument of a call whose same parameter receives, elsewhere in the
        /// field's type, the field's plain current value from a member that makes no step of it.
        /// </summary>
        public static bool IsCurrentValueArgument(IOperation reference, StorageReference location)
        {
            if (!(location.Symbol is IFieldSymbol field) || reference.SemanticModel is not { } model
                || !(ArgumentOf(reference) is { Parameter: { } parameter, Parent: IInvocationOperation call }))
            {
                return false;
            }

            var sink = DelegateReceiver(call);
            if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && sink is null)
            {
                return false; // A delegate in a local or parameter: no way to know it is the same one elsewhere.
            }

            foreach (var declaration in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree != reference.Syntax.SyntaxTree)
                {
                    continue;
                }

                foreach (var node in declaration.GetSyntax().DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax other && other != call.Syntax && PassesName(other, field.Name)
                        && model.GetOperation(other) is IInvocationOperation candidate
                        && SameSink(candidate, call, sink)
                        && PassesCurrentValue(candidate, parameter.Ordinal, field))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IArgumentOperation? ArgumentOf(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent as IArgumentOperation;
        }

        /// <summary>A cheap syntax filter: some argument names the field (<c>_x</c>, <c>this._x</c>, <c>T._x</c>).</summary>
        private static bool PassesName(InvocationExpressionSyntax invocation, string name)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                var expression = argument.Expression;
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                if (argument.RefKindKeyword.IsKind(SyntaxKind.None)
                    && ((expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                        || (expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The same method, or the same delegate field, property or event (its <c>Invoke</c>).</summary>
        private static bool SameSink(IInvocationOperation candidate, IInvocationOperation call, ISymbol? sink)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.TargetMethod.OriginalDefinition, call.TargetMethod.OriginalDefinition))
            {
                return false;
            }

            return call.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                   || SymbolEqualityComparer.Default.Equals(DelegateReceiver(candidate), sink);
        }

        /// <summary>The field, property or event a delegate is invoked on (<c>this.Report?.Invoke(...)</c>); <c>null</c> for other receivers.</summary>
        private static ISymbol? DelegateReceiver(IInvocationOperation invocation)
        {
            return InterlockedMisuseFacts.DelegateInvokeReceiver(invocation)?.WalkDownConversions() switch
            {
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } held => held.Field,
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } held => held.Property,
                IEventReferenceOperation { Instance: null or IInstanceReferenceOperation } held => held.Event,
                _ => null,
            };
        }

        /// <summary>
        /// Whether the argument at <paramref name="ordinal"/> is a plain read of <paramref name="field"/> (of <c>this</c> or
        /// static) in a member that makes no step of it: it neither writes the field nor passes it by reference.
        /// </summary>
        private static bool PassesCurrentValue(IInvocationOperation candidate, int ordinal, IFieldSymbol field)
        {
            var argument = InterlockedMisuseFacts.GetArgument(candidate, ordinal);
            if (!(argument?.Value.WalkDownConversions() is IFieldReferenceOperation read)
                || !SymbolEqualityComparer.Default.Equals(read.Field.OriginalDefinition, field.OriginalDefinition)
                || !(read.Instance is null or IInstanceReferenceOperation))
            {
                return false;
            }

            var member = candidate.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            return member is not null && !WritesName(member, field.Name);
        }

        /// <summary>
        /// Whether the member mentions <paramref name="name"/> as something written: assigned, incremented, decremented or
        /// passed by <c>ref</c>/<c>out</c> (an Interlocked step). By name, so a local of that name counts too: only stricter.
        /// </summary>
        private static bool WritesName(SyntaxNode member, string name)
        {
            foreach (var node in member.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax identifier) || identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                while (expression.Parent is ParenthesizedExpressionSyntax)
                {
                    expression = expression.Parent;
                }

                switch (expression.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == expression:
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    case PostfixUnaryExpressionSyntax:
                    case ArgumentSyntax byReference when !byReference.RefKindKeyword.IsKind(SyntaxKind.None):
                        return true;
                }
            }

            return false;
        }
    }
}
