using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The framework types the rules and the fixes look for, resolved once per compilation: the only place that names
    /// them by metadata name. A type that is not referenced is <c>null</c>, and what needs it is simply off.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private KnownSymbols(Compilation compilation)
        {
            Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
            BitConverter = compilation.GetTypeByMetadataName("System.BitConverter");
            MarshalByRefObject = compilation.GetTypeByMetadataName("System.MarshalByRefObject");
            Console = compilation.GetTypeByMetadataName("System.Console");
            Debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
            Trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
            Volatile = compilation.GetTypeByMetadataName("System.Threading.Volatile");
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
            SpinLock = compilation.GetTypeByMetadataName("System.Threading.SpinLock");
            Mutex = compilation.GetTypeByMetadataName("System.Threading.Mutex");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            ParallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
            ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
            ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
            MethodImplAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplAttribute");
            EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
            AspNetMiddleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            RazorPage = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.Razor.RazorPageBase");
            ComponentBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.ComponentBase");
            ViewComponent = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ViewComponent");
        }

        public INamedTypeSymbol? Interlocked { get; }
        public INamedTypeSymbol? BitConverter { get; }
        public INamedTypeSymbol? MarshalByRefObject { get; }
        public INamedTypeSymbol? Console { get; }
        public INamedTypeSymbol? Debug { get; }
        public INamedTypeSymbol? Trace { get; }
        public INamedTypeSymbol? Volatile { get; }
        public INamedTypeSymbol? Monitor { get; }
        public INamedTypeSymbol? Lock { get; }
        public INamedTypeSymbol? SemaphoreSlim { get; }
        public INamedTypeSymbol? ReaderWriterLockSlim { get; }
        public INamedTypeSymbol? SpinLock { get; }
        public INamedTypeSymbol? Mutex { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskFactoryOfT { get; }
        public INamedTypeSymbol? Parallel { get; }
        public INamedTypeSymbol? ParallelEnumerable { get; }
        public INamedTypeSymbol? Thread { get; }
        public INamedTypeSymbol? ThreadPool { get; }
        public INamedTypeSymbol? ThreadingTimer { get; }
        public INamedTypeSymbol? TimersTimer { get; }
        public INamedTypeSymbol? ThreadStaticAttribute { get; }
        public INamedTypeSymbol? MethodImplAttribute { get; }
        public INamedTypeSymbol? EndpointRouteBuilder { get; }
        public INamedTypeSymbol? ApplicationBuilder { get; }
        public INamedTypeSymbol? AspNetMiddleware { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? RazorPage { get; }
        public INamedTypeSymbol? ComponentBase { get; }
        public INamedTypeSymbol? ViewComponent { get; }

        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        /// <summary>
        /// The known types of <paramref name="compilation"/>, resolved on first use and then shared by every analyzer and fix
        /// that asks about the same compilation.
        /// </summary>
        public static KnownSymbols Create(Compilation compilation) => s_cache.GetValue(compilation, c => new KnownSymbols(c));

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

            var ns = type.ContainingNamespace;
            return ns != null && ns.Name == "Concurrent" && ns.ContainingNamespace?.Name == "Collections"
                && ns.ContainingNamespace.ContainingNamespace?.Name == "System"
                && ns.ContainingNamespace.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true;
        }
    }
}
