using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// DI registrations seen in the tree: singletons (<c>AddSingleton</c>, <c>TryAddSingleton</c>, <c>AddHostedService</c>,
    /// conventional middleware <c>UseMiddleware&lt;T&gt;</c>) and per-request services (<c>AddScoped</c>, <c>AddTransient</c>).
    /// Part of the per-tree summary, so an edit elsewhere does not rescan them.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void Registration(IInvocationOperation invocation, IMethodSymbol method)
        {
            var name = method.Name;
            bool singleton;
            switch (name)
            {
                case "AddSingleton":
                case "TryAddSingleton":
                case "AddHostedService":
                case "UseMiddleware":
                    singleton = true;
                    break;
                case "AddScoped":
                case "TryAddScoped":
                case "AddTransient":
                case "TryAddTransient":
                    singleton = false;
                    break;
                default:
                    return;
            }

            var ns = method.ContainingNamespace?.ToDisplayString();
            var isMiddleware = name == "UseMiddleware";
            if (isMiddleware ? ns != "Microsoft.AspNetCore.Builder" : ns != "Microsoft.Extensions.DependencyInjection" && ns != "Microsoft.Extensions.DependencyInjection.Extensions")
            {
                return;
            }

            foreach (var type in ImplementationTypes(invocation, method))
            {
                if (isMiddleware && _known.AspNetMiddleware != null && type.AllInterfaces.Contains(_known.AspNetMiddleware))
                {
                    continue; // IMiddleware types are resolved from the container per request.
                }

                if (SymbolKeys.Of(type) is { } key)
                {
                    _summary.Registrations.Add(new RegistrationFact(key, singleton, invocation.Syntax.GetLocation(), name));
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> ImplementationTypes(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (method.TypeArguments.Length > 0)
            {
                // AddSingleton<TService, TImplementation>() registers the last type argument; AddSingleton<T>() registers T.
                if (method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol last && last.TypeKind == TypeKind.Class)
                {
                    yield return last;
                }
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.IsImplicit && argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation delegateCreation)
                {
                    value = delegateCreation.Target;
                }

                switch (value)
                {
                    case ITypeOfOperation typeOf when typeOf.TypeOperand is INamedTypeSymbol type && type.TypeKind == TypeKind.Class:
                        yield return type;
                        break;
                    case IAnonymousFunctionOperation lambda:
                        // Factory: the object it creates ('sp => new Cache(...)').
                        if (lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
                            && returned.WalkDownConversions() is IObjectCreationOperation { Type: INamedTypeSymbol created } && created.TypeKind == TypeKind.Class)
                        {
                            yield return created;
                        }

                        break;
                    case IObjectCreationOperation { Type: INamedTypeSymbol instance } when instance.TypeKind == TypeKind.Class:
                        yield return instance;
                        break;
                }
            }
        }
    }
}
