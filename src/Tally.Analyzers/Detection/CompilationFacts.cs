using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Detection
{
    /// <summary>What one compilation's analysis shares: known types, parsed options, the lazily built registry of shared types.</summary>
    internal sealed class CompilationFacts
    {
        public CompilationFacts(Compilation compilation, AnalyzerOptions options)
        {
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

        /// <summary>Forgets a top-level type's collector once it has reported.</summary>
        public void RemoveCollector(INamedTypeSymbol topLevel) => _collectors.TryRemove(topLevel, out _);
    }
}
