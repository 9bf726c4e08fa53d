using System.Collections.Concurrent;
using System;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>What one compilation's analysis shares: known types, parsed options, the lazily built registry of shared types.</summary>
    internal sealed class CompilationFacts
    {
        private readonly Compilation _compilation;

        private readonly ConcurrentDictionary<TallyOptions, System.Collections.Immutable.ImmutableArray<INamedTypeSymbol>> _contracts =
            new ConcurrentDictionary<TallyOptions, System.Collections.Immutable.ImmutableArray<INamedTypeSymbol>>();

        public CompilationFacts(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            Known = KnownSymbols.Create(compilation);
            Options = new TallyOptionsCache(options.AnalyzerConfigOptionsProvider);
            Registry = SharedTypeRegistry.CreateLazy(compilation, Known);
        }

        public KnownSymbols Known { get; }

        public TallyOptionsCache Options { get; }

        public Lazy<SharedTypeRegistry> Registry { get; }

        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeEvidenceCollector> _collectors =
            new ConcurrentDictionary<INamedTypeSymbol, TypeEvidenceCollector>(SymbolEqualityComparer.Default);

        /// <summary>The collector shared by a top-level type and its nested types.</summary>
        public TypeEvidenceCollector GetCollector(INamedTypeSymbol topLevel)
            => _collectors.GetOrAdd(topLevel, t => new TypeEvidenceCollector(t, this));

        /// <summary>The shared contracts of <paramref name="options"/>, resolved once in this compilation.</summary>
        public System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> GetContracts(TallyOptions options)
            => _contracts.GetOrAdd(options, o => o.ResolveContracts(_compilation));

        /// <summary>Forgets a top-level type's collector once it has reported.</summary>
        public void RemoveCollector(INamedTypeSymbol topLevel) => _collectors.TryRemove(topLevel, out _);
    }
}
