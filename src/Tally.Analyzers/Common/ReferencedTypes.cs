using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Look-ups of types by metadata name that outlive one compilation. A look-up searches every referenced assembly
    /// (a .NET project references about 170), and in the IDE every edit makes a new compilation with the same references,
    /// whose symbols the compiler reuses: a type one compilation found in its references is the very symbol the next
    /// finds. Only the compilation's own source can change the answer, since a type declared in source is preferred to
    /// any reference (as <see cref="Compilation.GetTypeByMetadataName"/> does), so the source is asked every time and the
    /// references once per set of references. A set is the same when the compilation options, the reference objects and
    /// the referenced assembly symbols all are; the answers hang off the first referenced assembly's symbol and live as
    /// long as it does.
    /// </summary>
    internal sealed class ReferencedTypes
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, Slot> s_slots = new ConditionalWeakTable<IAssemblySymbol, Slot>();

        private readonly CompilationOptions _options;
        private readonly List<MetadataReference> _references;
        private readonly ImmutableArray<IAssemblySymbol> _assemblies;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(System.StringComparer.Ordinal);

        private ReferencedTypes(CompilationOptions options, List<MetadataReference> references, ImmutableArray<IAssemblySymbol> assemblies)
        {
            _options = options;
            _references = references;
            _assemblies = assemblies;
        }

        /// <summary>The look-ups shared by every compilation with the references of <paramref name="compilation"/>.</summary>
        public static ReferencedTypes Of(Compilation compilation)
        {
            var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
            var references = new List<MetadataReference>(compilation.References);
            if (assemblies.IsDefaultOrEmpty)
            {
                return new ReferencedTypes(compilation.Options, references, assemblies);
            }

            var slot = s_slots.GetOrCreateValue(assemblies[0]);
            var kept = System.Threading.Volatile.Read(ref slot.Types);
            if (kept != null && kept.Matches(compilation.Options, references, assemblies))
            {
                return kept;
            }

            var created = new ReferencedTypes(compilation.Options, references, assemblies);
            System.Threading.Volatile.Write(ref slot.Types, created);
            return created;
        }

        /// <summary>What <c>compilation.GetTypeByMetadataName(metadataName)</c> returns, for a compilation with these references.</summary>
        public INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var declared = compilation.Assembly.GetTypeByMetadataName(metadataName);
            if (declared != null)
            {
                return declared;
            }

            if (!_types.TryGetValue(metadataName, out var type))
            {
                type = compilation.GetTypeByMetadataName(metadataName);
                _types.TryAdd(metadataName, type);
            }

            return type;
        }

        private bool Matches(CompilationOptions options, List<MetadataReference> references, ImmutableArray<IAssemblySymbol> assemblies)
        {
            if (!ReferenceEquals(options, _options) || references.Count != _references.Count || assemblies.Length != _assemblies.Length)
            {
                return false;
            }

            for (var i = 0; i < references.Count; i++)
            {
                if (!ReferenceEquals(references[i], _references[i]))
                {
                    return false;
                }
            }

            for (var i = 0; i < assemblies.Length; i++)
            {
                if (!ReferenceEquals(assemblies[i], _assemblies[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class Slot
        {
            public ReferencedTypes? Types;
        }
    }
}
