using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The framework types the rules and the fixes look for, each resolved once per compilation, on first use: the only
    /// place that names them by metadata name. A type that is not referenced is <c>null</c>, and what needs it is simply
    /// off. In the IDE every edit makes a new compilation, and per-document analysis of a file needs only the types its
    /// code asks about, so none is looked up before something needs it, and the search of the references is shared with
    /// the compilations before it (<see cref="ReferencedTypes"/>).
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly object Missing = new object();

        private readonly Compilation _compilation;

        private ReferencedTypes? _referenced;

        /// <summary>Per slot: the resolved type, <see cref="Missing"/> for a type the compilation does not have, or <c>null</c> before the first look-up.</summary>
        private readonly object?[] _types = new object?[32];

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
        }

        public INamedTypeSymbol? Interlocked => Get(0, "System.Threading.Interlocked");

        public INamedTypeSymbol? BitConverter => Get(1, "System.BitConverter");

        public INamedTypeSymbol? MarshalByRefObject => Get(2, "System.MarshalByRefObject");

        public INamedTypeSymbol? Console => Get(3, "System.Console");

        public INamedTypeSymbol? Debug => Get(4, "System.Diagnostics.Debug");

        public INamedTypeSymbol? Trace => Get(5, "System.Diagnostics.Trace");

        public INamedTypeSymbol? Volatile => Get(6, "System.Threading.Volatile");

        public INamedTypeSymbol? Monitor => Get(7, "System.Threading.Monitor");

        public INamedTypeSymbol? Lock => Get(8, "System.Threading.Lock");

        public INamedTypeSymbol? SemaphoreSlim => Get(9, "System.Threading.SemaphoreSlim");

        public INamedTypeSymbol? ReaderWriterLockSlim => Get(10, "System.Threading.ReaderWriterLockSlim");

        public INamedTypeSymbol? SpinLock => Get(11, "System.Threading.SpinLock");

        public INamedTypeSymbol? Mutex => Get(12, "System.Threading.Mutex");

        public INamedTypeSymbol? Task => Get(13, "System.Threading.Tasks.Task");

        public INamedTypeSymbol? TaskFactory => Get(14, "System.Threading.Tasks.TaskFactory");

        public INamedTypeSymbol? TaskFactoryOfT => Get(15, "System.Threading.Tasks.TaskFactory`1");

        public INamedTypeSymbol? Parallel => Get(16, "System.Threading.Tasks.Parallel");

        public INamedTypeSymbol? ParallelEnumerable => Get(17, "System.Linq.ParallelEnumerable");

        public INamedTypeSymbol? Thread => Get(18, "System.Threading.Thread");

        public INamedTypeSymbol? ThreadPool => Get(19, "System.Threading.ThreadPool");

        public INamedTypeSymbol? ThreadingTimer => Get(20, "System.Threading.Timer");

        public INamedTypeSymbol? TimersTimer => Get(21, "System.Timers.Timer");

        public INamedTypeSymbol? ThreadStaticAttribute => Get(22, "System.ThreadStaticAttribute");

        public INamedTypeSymbol? MethodImplAttribute => Get(23, "System.Runtime.CompilerServices.MethodImplAttribute");

        public INamedTypeSymbol? EndpointRouteBuilder => Get(24, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");

        public INamedTypeSymbol? ApplicationBuilder => Get(25, "Microsoft.AspNetCore.Builder.IApplicationBuilder");

        public INamedTypeSymbol? AspNetMiddleware => Get(26, "Microsoft.AspNetCore.Http.IMiddleware");

        public INamedTypeSymbol? ControllerBase => Get(27, "Microsoft.AspNetCore.Mvc.ControllerBase");

        public INamedTypeSymbol? PageModel => Get(28, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");

        public INamedTypeSymbol? RazorPage => Get(29, "Microsoft.AspNetCore.Mvc.Razor.RazorPageBase");

        public INamedTypeSymbol? ComponentBase => Get(30, "Microsoft.AspNetCore.Components.ComponentBase");

        public INamedTypeSymbol? ViewComponent => Get(31, "Microsoft.AspNetCore.Mvc.ViewComponent");

        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        /// <summary>
        /// The known types of <paramref name="compilation"/>, resolved on first use and then shared by every analyzer and fix
        /// that asks about the same compilation.
        /// </summary>
        public static KnownSymbols Create(Compilation compilation) => s_cache.GetValue(compilation, c => new KnownSymbols(c));

        /// <summary>
        /// The type <c>Compilation.GetTypeByMetadataName</c> finds, through <see cref="ReferencedTypes"/>: the search of
        /// the references is shared with the earlier compilations that have the same references.
        /// </summary>
        public INamedTypeSymbol? ByMetadataName(string metadataName)
        {
            var referenced = System.Threading.Volatile.Read(ref _referenced);
            if (referenced == null)
            {
                referenced = ReferencedTypes.Of(_compilation);
                System.Threading.Volatile.Write(ref _referenced, referenced);
            }

            return referenced.Get(_compilation, metadataName);
        }

        /// <summary>The type in slot <paramref name="slot"/>, looked up by <paramref name="metadataName"/> the first time (two threads may both look it up; they find the same type).</summary>
        private INamedTypeSymbol? Get(int slot, string metadataName)
        {
            var type = System.Threading.Volatile.Read(ref _types[slot]);
            if (type == null)
            {
                type = ByMetadataName(metadataName) ?? Missing;
                System.Threading.Volatile.Write(ref _types[slot], type);
            }

            return type as INamedTypeSymbol;
        }

        /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (compared by original definition).</summary>
        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
            => type != null && known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

        /// <summary>Whether <paramref name="type"/> is or derives from <paramref name="known"/>.</summary>
        public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? known)
        {
            if (known == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is a type whose instances are used as locks or thread-safe state.</summary>
        public bool IsSynchronizationType(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            if (Is(type, Lock) || Is(type, SemaphoreSlim) || Is(type, ReaderWriterLockSlim) || Is(type, SpinLock) || Is(type, Mutex))
            {
                return true;
            }

            return IsConcurrentCollection(type);
        }

        /// <summary>Whether <paramref name="type"/> is declared in <c>System.Collections.Concurrent</c> (any version, any assembly).</summary>
        public static bool IsConcurrentCollection(ITypeSymbol type)
            => type.ContainingNamespace is { Name: "Concurrent", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
    }
}
