using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>TALLY007: the value an Interlocked call returned replaces the reads of the field that follow it.</summary>
    internal static partial class InterlockedMisusePlanner
    {
        /// <summary>
        /// <c>Interlocked.Increment(ref _next); return items[_next % n];</c> →
        /// <c>var next = Interlocked.Increment(ref _next); return items[next % n];</c>.
        /// </summary>
        private static InterlockedMisuseFixPlan? PlanReadAfter(IOperation? operation, KnownSymbols known, TallyOptions options, TextSpan span, SemanticModel model)
        {
            if (operation is null
                || !InterlockedMisuseFacts.IsPlainReference(operation)
                || !InterlockedMisuseLocation.TryCreate(operation, out var location)
                || !location.IsFieldOfThisOrStatic()
                || FindSourceCall(operation, location, known, options) is not { } source
                || source.Call.Syntax is not InvocationExpressionSyntax invocation
                || source.Statement.Syntax is not StatementSyntax statement)
            {
                return null;
            }

            var kind = InterlockedMethodKinds.KindOf(source.Call.TargetMethod, known);
            var name = UniqueNames.MemberWideLocalName(model, statement, InterlockedMisuseSyntax.LocalNameForField(location.Symbol!.Name));
            var readNodes = source.Reads.Select(r => r.Reference.Syntax).ToList();
            if (readNodes.All(r => r.Span != span))
            {
                return null;
            }

            StatementSyntax[] replacements;
            if (kind.ReturnsNewValue())
            {
                var call = SyntaxTemplate.Hole("call");
                replacements = new[] { SyntaxTemplate.Statement($"var {name} = {call};", new SyntaxTemplate.Fill(call, invocation.WithoutTrivia())) };
            }
            else if (kind == InterlockedMethodKind.Exchange
                     && ArgumentSyntaxOf(InterlockedMisuseFacts.GetArgument(source.Call, 1)) is { Expression: { } value } valueArgument
                     && location.Type is { } type)
            {
                // Exchange returns the old value; the value this thread stored is the argument, so name it first.
                var stored = SyntaxTemplate.Hole("stored");
                var declaration = SyntaxTemplate.Statements(
                    $"{type.ToMinimalDisplayString(model, statement.SpanStart)} {name} = {stored};",
                    SyntaxTemplate.NewLineOf(statement.SyntaxTree.GetText()),
                    new SyntaxTemplate.Fill(stored, value.WithoutTrivia()));
                replacements = declaration
                    .Append(statement.ReplaceNode(valueArgument, valueArgument.WithExpression(SyntaxTemplate.Expression(name).WithTriviaFrom(value))))
                    .ToArray();
            }
            else
            {
                return null;
            }

            return new InterlockedMisuseFixPlan(
                $"Use the value returned by Interlocked.{source.Call.TargetMethod.Name}",
                root =>
                {
                    var tracked = root.TrackNodes(readNodes.Concat(new SyntaxNode[] { statement }));
                    tracked = tracked.ReplaceNodes(
                        readNodes.Select(r => tracked.GetCurrentNode(r)!),
                        (original, _) => SyntaxTemplate.Expression(name).WithTriviaFrom(original));
                    return InterlockedMisuseSyntax.ReplaceStatement(tracked, tracked.GetCurrentNode(statement)!, replacements);
                });
        }

        private sealed class SourceCall
        {
            public SourceCall(IInvocationOperation call, IOperation statement, IReadOnlyList<InterlockedMisuseRead> reads)
            {
                Call = call;
                Statement = statement;
                Reads = reads;
            }

            public IInvocationOperation Call { get; }

            public IOperation Statement { get; }

            public IReadOnlyList<InterlockedMisuseRead> Reads { get; }
        }

        /// <summary>The nearest earlier statement <c>Interlocked.X(ref field...);</c> whose following reads include this one.</summary>
        private static SourceCall? FindSourceCall(IOperation read, StorageReference location, KnownSymbols known, TallyOptions options)
        {
            for (var current = read; current.Parent is not null; current = current.Parent)
            {
                if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (!InterlockedMisuseReadAfterScanner.TryGetFollowing(current, out var siblings, out var index))
                {
                    continue;
                }

                for (var i = index - 1; i >= 0; i--)
                {
                    var call = AsDiscardedInterlockedCall(siblings[i], known);
                    if (call is null
                        || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var callLocation)
                        || !callLocation.IsSameAs(location))
                    {
                        continue;
                    }

                    var kind = InterlockedMethodKinds.KindOf(call.TargetMethod, known);
                    if (!kind.ReturnsNewValue() && kind != InterlockedMethodKind.Exchange)
                    {
                        return null;
                    }

                    if (InterlockedMisuseFinder.Find(call, kind, callLocation).Kind != InterlockedMisuseKind.None)
                    {
                        return null; // the analyzer reports TALLY006 there instead
                    }

                    // The analyzer reported this read, so any lock held here does not keep the other writers out (or
                    // none is held); using the returned value is exact either way.
                    var reads = InterlockedMisuseReadAfterScanner.FindReads(call, callLocation, known, options, lockExcludesOtherWriters: false);
                    return reads.Any(r => r.Reference.Syntax == read.Syntax) && reads.Any(r => r.StandsForOwnResult)
                        ? new SourceCall(call, siblings[i], reads)
                        : null;
                }
            }

            return null;
        }

        private static IInvocationOperation? AsDiscardedInterlockedCall(IOperation statement, KnownSymbols known)
            => statement.AsStatementCall() is { } call && KnownSymbols.Is(call.TargetMethod.ContainingType, known.Interlocked) ? call : null;
    }
}
