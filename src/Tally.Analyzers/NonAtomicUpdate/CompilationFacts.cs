using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>What one compilation's analysis shares: known types, parsed options, the lazily built concurrency model.</summary>
    internal sealed class CompilationFacts
    {
        private readonly Compilation _compilation;

        private readonly ConcurrentDictionary<TallyOptions, ImmutableArray<INamedTypeSymbol>> _contracts =
            new ConcurrentDictionary<TallyOptions, ImmutableArray<INamedTypeSymbol>>();

        public CompilationFacts(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            Known = KnownSymbols.Create(compilation);
            Options = new TallyOptionsCache(options.AnalyzerConfigOptionsProvider);
            Model = new ModelBuild(compilation, Known, Options);
        }

        public KnownSymbols Known { get; }

        public TallyOptionsCache Options { get; }

        /// <summary>
        /// The whole compilation's model (<c>Model.Value</c>), built on first use from the (cached) summaries of its trees
        /// by every thread that asks for it meanwhile.
        /// </summary>
        public ModelBuild Model { get; }

        /// <summary>
        /// Whether an object can be an instance of both types (given by key): the same type, or one derives from the other.
        /// Two sibling subclasses' <c>this</c> are never one object.
        /// </summary>
        public bool CanBeOneObject(string firstTypeKey, string secondTypeKey)
        {
            if (firstTypeKey == secondTypeKey)
            {
                return true;
            }

            var first = DocumentationCommentId.GetFirstSymbolForDeclarationId(firstTypeKey, _compilation) as INamedTypeSymbol;
            var second = DocumentationCommentId.GetFirstSymbolForDeclarationId(secondTypeKey, _compilation) as INamedTypeSymbol;
            if (first == null || second == null || first.TypeKind != TypeKind.Class || second.TypeKind != TypeKind.Class)
            {
                return true; // Unknown, a struct or an interface: assume they can.
            }

            return KnownSymbols.IsOrDerivesFrom(first, second.OriginalDefinition) || KnownSymbols.IsOrDerivesFrom(second, first.OriginalDefinition);
        }

        /// <summary>The shared contracts of <paramref name="options"/>, resolved once in this compilation.</summary>
        public ImmutableArray<INamedTypeSymbol> GetContracts(TallyOptions options)
            => _contracts.GetOrAdd(options, o => o.ResolveContracts(Known));
    }
}
