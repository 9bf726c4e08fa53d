using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>What one compilation's analysis shares: known types, parsed options, the lazily built concurrency model.</summary>
    internal sealed class CompilationFacts
    {
        /// <summary>
        /// The facts of each compilation, shared by the analyzers that need the model (NonAtomicUpdate, InterlockedMisuse):
        /// two analyzers with their own facts would summarise the same trees twice when they ask at the same time, and merge
        /// the model twice.
        /// </summary>
        private static readonly ConditionalWeakTable<Compilation, CompilationFacts> s_shared = new ConditionalWeakTable<Compilation, CompilationFacts>();

        private readonly Compilation _compilation;
        private readonly AnalyzerConfigOptionsProvider _optionsProvider;

        private readonly ConcurrentDictionary<TallyOptions, ImmutableArray<INamedTypeSymbol>> _contracts =
            new ConcurrentDictionary<TallyOptions, ImmutableArray<INamedTypeSymbol>>();

        /// <summary>Storage and type keys asked for by the decisions: a documentation-comment ID is built anew on every call.</summary>
        private readonly ConcurrentDictionary<ISymbol, string?> _keys = new ConcurrentDictionary<ISymbol, string?>(SymbolEqualityComparer.Default);

        /// <summary>Class types by key, for <see cref="CanBeOneObject"/>: resolving a documentation-comment ID searches the compilation.</summary>
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _typesByKey = new ConcurrentDictionary<string, INamedTypeSymbol?>();

        /// <summary>The one-caller contracts asked for by the decisions (<see cref="OneCallerContract"/>), per type and options.</summary>
        private readonly ConcurrentDictionary<(INamedTypeSymbol, TallyOptions), string?> _oneCaller = new ConcurrentDictionary<(INamedTypeSymbol, TallyOptions), string?>();

        public CompilationFacts(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            _optionsProvider = options.AnalyzerConfigOptionsProvider;
            Known = KnownSymbols.Create(compilation);
            Options = new TallyOptionsCache(options.AnalyzerConfigOptionsProvider);
            Model = new ModelBuild(compilation, Known, Options);
        }

        public KnownSymbols Known { get; }

        /// <summary>
        /// The facts of <paramref name="compilation"/> under <paramref name="options"/>, made once for all of Tally's analyzers
        /// (the driver gives them one options object per run; other options get facts of their own).
        /// </summary>
        public static CompilationFacts For(Compilation compilation, AnalyzerOptions options)
        {
            if (s_shared.TryGetValue(compilation, out var shared) && shared._optionsProvider == options.AnalyzerConfigOptionsProvider)
            {
                return shared;
            }

            var made = new CompilationFacts(compilation, options);
            lock (s_shared)
            {
                if (s_shared.TryGetValue(compilation, out shared))
                {
                    if (shared._optionsProvider == options.AnalyzerConfigOptionsProvider)
                    {
                        return shared;
                    }

                    s_shared.Remove(compilation);
                }

                s_shared.Add(compilation, made);
            }

            return made;
        }

        /// <summary><see cref="SymbolKeys.Of"/>, made once per symbol of this compilation.</summary>
        public string? KeyOf(ISymbol? symbol)
            => symbol == null ? null : _keys.GetOrAdd(symbol, static s => SymbolKeys.Of(s));

        public TallyOptionsCache Options { get; }

        /// <summary>Whether the compilation builds an executable (its output kind), not a library.</summary>
        public bool BuildsApplication
            => _compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

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

            var first = TypeOf(firstTypeKey);
            var second = TypeOf(secondTypeKey);
            if (first == null || second == null || first.TypeKind != TypeKind.Class || second.TypeKind != TypeKind.Class)
            {
                return true; // Unknown, a struct or an interface: assume they can.
            }

            return KnownSymbols.IsOrDerivesFrom(first, second.OriginalDefinition) || KnownSymbols.IsOrDerivesFrom(second, first.OriginalDefinition);
        }

        /// <summary>
        /// Whether the two types (by key) are one class or one derives from the other: an object of one is, or may be, an
        /// object of the other. Unlike <see cref="CanBeOneObject"/>, unknown types and interfaces say no.
        /// </summary>
        public bool InOneHierarchy(string firstTypeKey, string secondTypeKey)
        {
            if (firstTypeKey == secondTypeKey)
            {
                return true;
            }

            var first = TypeOf(firstTypeKey);
            var second = TypeOf(secondTypeKey);
            return first != null && second != null && first.TypeKind == TypeKind.Class && second.TypeKind == TypeKind.Class
                && (KnownSymbols.IsOrDerivesFrom(first, second.OriginalDefinition) || KnownSymbols.IsOrDerivesFrom(second, first.OriginalDefinition));
        }

        /// <summary>Why <paramref name="type"/>'s instances are used by one caller at a time (<see cref="OneCallerContract.Of"/>), once per type and options.</summary>
        public string? OneCallerContractOf(INamedTypeSymbol type, TallyOptions options)
            => _oneCaller.GetOrAdd((type.OriginalDefinition, options), static key => OneCallerContract.Of(key.Item1, key.Item2));

        private INamedTypeSymbol? TypeOf(string typeKey)
            => _typesByKey.GetOrAdd(typeKey, key => DocumentationCommentId.GetFirstSymbolForDeclarationId(key, _compilation) as INamedTypeSymbol);

        /// <summary>The shared contracts of <paramref name="options"/>, resolved once in this compilation.</summary>
        public ImmutableArray<INamedTypeSymbol> GetContracts(TallyOptions options)
            => _contracts.GetOrAdd(options, o => o.ResolveContracts(Known));
    }
}
