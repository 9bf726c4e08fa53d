using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The entries a type's own declarations make: callbacks the runtime calls on other threads.</summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Entries the runtime calls: overrides of callbacks known to run on other threads, hosted service loops.</summary>
        private void TypeEntries(INamedTypeSymbol? type)
        {
            if (type == null)
            {
                return;
            }

            // The kinds of type below are rare: decided once per type, so the members of every other type are not looked at.
            var eventListener = DerivesFromNamed(type, "EventListener");
            var diagnosticObserver = IsDiagnosticObserver(type);
            var backgroundService = DerivesFromNamed(type, "BackgroundService");
            if (!eventListener && !diagnosticObserver && !backgroundService)
            {
                return;
            }

            foreach (var member in type.GetMembers())
            {
                if (!(member is IMethodSymbol method) || method.DeclaringSyntaxReferences.Length == 0 || method.IsImplicitlyDeclared)
                {
                    continue;
                }

                // Partial types: only the part that declares the method records its entry.
                if (method.DeclaringSyntaxReferences[0].SyntaxTree != _model.SyntaxTree)
                {
                    continue;
                }

                string description;
                Multiplicity multiplicity;
                if (eventListener && method.IsOverride && method.Name == "OnEventWritten")
                {
                    (description, multiplicity) = ("an EventListener callback", Multiplicity.Many);
                }
                else if (diagnosticObserver && method.Name == "OnNext")
                {
                    (description, multiplicity) = ("a DiagnosticListener observer", Multiplicity.Many);
                }
                else if (backgroundService && method.IsOverride && method.Name == "ExecuteAsync")
                {
                    (description, multiplicity) = ("the hosted service's ExecuteAsync", Multiplicity.Once);
                }
                else
                {
                    continue;
                }

                if (Key(method) is { } key)
                {
                    _summary.Entries.Add(new EntryFact(key, null, description, method.Locations.Length > 0 ? method.Locations[0] : Location.None, multiplicity, repeated: false));
                }
            }
        }
    }
}
