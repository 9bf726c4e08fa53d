using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Compilation-wide facts about how types are instantiated: registered as singletons (<c>AddSingleton</c>,
    /// <c>TryAddSingleton</c>, <c>AddHostedService</c>), conventional middleware (<c>UseMiddleware&lt;T&gt;</c>), or per request
    /// (<c>AddScoped</c>, <c>AddTransient</c>). Computed lazily, once per compilation, by scanning syntax for invocations with
    /// those names and binding only those.
    /// </summary>
    internal sealed class SharedTypeRegistry
    {
        private readonly Dictionary<INamedTypeSymbol, (SyntaxNode Syntax, string Description)> _singletons =
            new Dictionary<INamedTypeSymbol, (SyntaxNode, string)>(SymbolEqualityComparer.Default);

        private readonly HashSet<INamedTypeSymbol> _perRequest = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        private SharedTypeRegistry()
        {
        }

        /// <summary>A lazily built registry for <paramref name="compilation"/>.</summary>
        public static System.Lazy<SharedTypeRegistry> CreateLazy(Compilation compilation, KnownSymbols known)
            => new System.Lazy<SharedTypeRegistry>(() => Build(compilation, known), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The registration that makes <paramref name="type"/> a singleton, if any.</summary>
        public bool TryGetSingleton(INamedTypeSymbol type, out SyntaxNode syntax, out string description)
        {
            if (_singletons.TryGetValue(type.OriginalDefinition, out var found))
            {
                syntax = found.Syntax;
                description = found.Description;
                return true;
            }

            syntax = null!;
            description = string.Empty;
            return false;
        }

        /// <summary>Whether <paramref name="type"/> is registered scoped or transient (created per request) and not as a singleton.</summary>
        public bool IsPerRequest(INamedTypeSymbol type)
            => _perRequest.Contains(type.OriginalDefinition) && !_singletons.ContainsKey(type.OriginalDefinition);

        private static bool IsInterestingName(string name)
        {
            switch (name)
            {
                case "AddSingleton":
                case "TryAddSingleton":
                case "AddHostedService":
                case "UseMiddleware":
                case "AddScoped":
                case "TryAddScoped":
                case "AddTransient":
                case "TryAddTransient":
                    return true;
                default:
                    return false;
            }
        }

        private static string? InvokedName(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Name.Identifier.ValueText;
                case SimpleNameSyntax simpleName:
                    return simpleName.Identifier.ValueText;
                case MemberBindingExpressionSyntax memberBinding:
                    return memberBinding.Name.Identifier.ValueText;
                default:
                    return null;
            }
        }

        private static SharedTypeRegistry Build(Compilation compilation, KnownSymbols known)
        {
            var registry = new SharedTypeRegistry();
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                var root = tree.GetRoot();
                foreach (var node in root.DescendantNodes())
                {
                    if (!(node is InvocationExpressionSyntax invocation))
                    {
                        continue;
                    }

                    var name = InvokedName(invocation.Expression);
                    if (name == null || !IsInterestingName(name))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Registrations live in other documents than the type they register; binding the few matching invocations once per compilation is the cheapest way to see them.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (!(model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method))
                    {
                        continue;
                    }

                    registry.Record(invocation, method, model, known);
                }
            }

            return registry;
        }

        private void Record(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, KnownSymbols known)
        {
            var ns = method.ContainingNamespace?.ToDisplayString();
            var name = method.Name;
            var isMiddleware = name == "UseMiddleware";
            if (isMiddleware ? ns != "Microsoft.AspNetCore.Builder" : ns != "Microsoft.Extensions.DependencyInjection" && ns != "Microsoft.Extensions.DependencyInjection.Extensions")
            {
                return;
            }

            foreach (var type in ImplementationTypes(invocation, method, model))
            {
                if (isMiddleware && known.AspNetMiddleware != null && type.AllInterfaces.Contains(known.AspNetMiddleware))
                {
                    continue; // IMiddleware types are resolved from the container per request.
                }

                switch (name)
                {
                    case "AddSingleton":
                    case "TryAddSingleton":
                    case "AddHostedService":
                    case "UseMiddleware":
                        if (!_singletons.ContainsKey(type.OriginalDefinition))
                        {
                            _singletons.Add(type.OriginalDefinition, (invocation, name));
                        }

                        break;
                    default:
                        _perRequest.Add(type.OriginalDefinition);
                        break;
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> ImplementationTypes(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model)
        {
            if (method.TypeArguments.Length > 0)
            {
                // AddSingleton<TService, TImplementation>() registers the last type argument; AddSingleton<T>() registers T.
                if (method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol last && last.TypeKind == TypeKind.Class)
                {
                    yield return last;
                }
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                var expression = argument.Expression;
                if (expression is TypeOfExpressionSyntax typeOf)
                {
                    if (model.GetTypeInfo(typeOf.Type).Type is INamedTypeSymbol type && type.TypeKind == TypeKind.Class)
                    {
                        yield return type;
                    }

                    continue;
                }

                if (expression is LambdaExpressionSyntax lambda)
                {
                    // Factory: the object it creates ('sp => new Cache(...)').
                    var body = lambda.ExpressionBody;
                    if (body != null && (body is ObjectCreationExpressionSyntax || body is ImplicitObjectCreationExpressionSyntax))
                    {
                        if (model.GetTypeInfo(body).Type is INamedTypeSymbol created && created.TypeKind == TypeKind.Class)
                        {
                            yield return created;
                        }
                    }

                    continue;
                }

                if (expression is ObjectCreationExpressionSyntax || expression is ImplicitObjectCreationExpressionSyntax)
                {
                    if (model.GetTypeInfo(expression).Type is INamedTypeSymbol instance && instance.TypeKind == TypeKind.Class)
                    {
                        yield return instance;
                    }
                }
            }
        }
    }
}
