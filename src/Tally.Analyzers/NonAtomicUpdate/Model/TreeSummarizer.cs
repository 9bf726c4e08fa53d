using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Builds the <see cref="TreeSummary"/> of one syntax tree in one pass over the operations of its member bodies and
    /// initializers: which function writes which storage under which lock, who calls whom, where concurrent code starts,
    /// and the DI registrations.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private readonly SemanticModel _model;
        private readonly KnownSymbols _known;
        private readonly TallyOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly TreeSummary _summary = new TreeSummary();

        /// <summary>Keys already made in this tree: a documentation-comment ID is built anew on every call.</summary>
        private readonly Dictionary<ISymbol, string?> _keys = new Dictionary<ISymbol, string?>(SymbolEqualityComparer.Default);

        private TreeSummarizer(SemanticModel model, KnownSymbols known, TallyOptions options, CancellationToken cancellationToken)
        {
            _model = model;
            _known = known;
            _options = options;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Summarises <paramref name="model"/>'s tree.</summary>
        public static TreeSummary Summarize(SemanticModel model, KnownSymbols known, TallyOptions options, CancellationToken cancellationToken)
        {
            var summarizer = new TreeSummarizer(model, known, options, cancellationToken);
            summarizer.Run();
            return summarizer._summary;
        }

        private void Run()
        {
            var root = _model.SyntaxTree.GetRoot(_cancellationToken);
            var topLevelDone = false;
            foreach (var node in root.DescendantNodes(static n => !(n is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or ExpressionSyntax)))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case BaseMethodDeclarationSyntax method:
                        Member(node, _model.GetDeclaredSymbol(method, _cancellationToken));
                        break;
                    case AccessorDeclarationSyntax accessor:
                        Member(node, _model.GetDeclaredSymbol(accessor, _cancellationToken));
                        break;
                    case PropertyDeclarationSyntax property:
                        var propertySymbol = _model.GetDeclaredSymbol(property, _cancellationToken) as IPropertySymbol;
                        if (property.ExpressionBody != null && propertySymbol?.GetMethod != null)
                        {
                            Member(property.ExpressionBody, propertySymbol.GetMethod);
                        }

                        if (property.Initializer != null)
                        {
                            Member(property.Initializer, propertySymbol);
                        }

                        break;
                    case IndexerDeclarationSyntax indexer when indexer.ExpressionBody != null:
                        Member(indexer.ExpressionBody, (_model.GetDeclaredSymbol(indexer, _cancellationToken) as IPropertySymbol)?.GetMethod);
                        break;
                    case VariableDeclaratorSyntax declarator when declarator.Initializer != null && declarator.Parent?.Parent is BaseFieldDeclarationSyntax:
                        Member(declarator.Initializer, _model.GetDeclaredSymbol(declarator, _cancellationToken));
                        break;
                    case GlobalStatementSyntax global when !topLevelDone:
                        topLevelDone = true;
                        Member(root, _model.GetEnclosingSymbol(global.SpanStart, _cancellationToken));
                        break;
                    case TypeDeclarationSyntax type:
                        var declared = _model.GetDeclaredSymbol(type, _cancellationToken) as INamedTypeSymbol;
                        TypeEntries(declared);
                        NarrowDispatch(declared); // TreeSummarizer.NarrowDispatch.cs
                        break;
                }
            }
        }

        /// <summary><see cref="SymbolKeys.Of"/>, made once per symbol of the tree.</summary>
        private string? Key(ISymbol? symbol)
        {
            if (symbol == null)
            {
                return null;
            }

            if (!_keys.TryGetValue(symbol, out var key))
            {
                key = SymbolKeys.Of(symbol);
                _keys.Add(symbol, key);
            }

            return key;
        }

        private void Member(SyntaxNode node, ISymbol? symbol)
        {
            if (symbol == null)
            {
                return;
            }

            var operation = _model.GetOperation(node, _cancellationToken);
            if (operation == null)
            {
                return;
            }

            var key = Key(symbol);
            if (key == null)
            {
                return;
            }

            EntryPoint(symbol); // TreeSummarizer.Creations.cs
            var function = new FunctionBuilder(key, symbol, MemberFlags(symbol) | DeferredFlag(operation, symbol) | (ReturnsOnlyNew(operation, symbol) ? FunctionFlags.ReturnsNew : FunctionFlags.None), node.Span);

            Walk(operation, function);
            ThreadAffinity(operation, function); // TreeSummarizer.ThreadAffinity.cs
            DispatchJoins(operation, symbol, key); // TreeSummarizer.JoinedDispatches.cs
            BusyFlagSections(operation, symbol, key); // TreeSummarizer.BusyFlags.cs
            AddFunction(function, symbol as IMethodSymbol);
        }

        private void AddFunction(FunctionBuilder function, IMethodSymbol? method)
        {
            var overrides = ImmutableArray<string>.Empty;
            var interfaceMembers = ImmutableArray<string>.Empty;
            if (method != null && method.MethodKind != MethodKind.LocalFunction && method.MethodKind != MethodKind.AnonymousFunction)
            {
                overrides = OverriddenKeys(method, out var implemented);
                if (!implemented.IsEmpty && IsHidden(method.ContainingType))
                {
                    function.Flags |= FunctionFlags.HiddenType;
                    interfaceMembers = implemented;
                }
            }

            var type = function.Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }
                ? null
                : function.Symbol.ContainingType;
            var name = (type ?? function.Symbol.ContainingType)?.Name is { } typeName ? typeName + "." + DisplayName(function.Symbol) : DisplayName(function.Symbol);
            _summary.Functions.Add(new FunctionFact(function.Key, Key(function.Symbol.ContainingType), name, function.Flags, overrides, function.AssertedLock, overrides.IsEmpty ? default : TypeChain(function.Symbol.ContainingType), interfaceMembers));
        }

        /// <summary>The keys of <paramref name="type"/> and its base types: which <c>this</c> calls can dispatch to its overrides.</summary>
        private ImmutableArray<string> TypeChain(INamedTypeSymbol? type)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (Key(current.OriginalDefinition) is { } key)
                {
                    builder.Add(key);
                }
            }

            return builder.ToImmutable();
        }

        private static string DisplayName(ISymbol symbol) => symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor => accessor.AssociatedSymbol?.Name ?? accessor.Name,
            IMethodSymbol { MethodKind: MethodKind.Constructor } => "ctor",
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } => "lambda",
            _ => symbol.Name,
        };

        private FunctionFlags MemberFlags(ISymbol symbol)
        {
            var flags = FunctionFlags.None;
            if (symbol.DeclaredAccessibility == Accessibility.Private)
            {
                flags |= FunctionFlags.Private;
            }
            else if (symbol.DeclaredAccessibility == Accessibility.Public && IsCallableFromOutside(symbol))
            {
                flags |= FunctionFlags.Public;
            }

            if (symbol is IFieldSymbol or IPropertySymbol)
            {
                return flags | (symbol.IsStatic ? FunctionFlags.StaticConstructor : FunctionFlags.Constructor);
            }

            if (!(symbol is IMethodSymbol method))
            {
                return flags;
            }

            switch (method.MethodKind)
            {
                case MethodKind.Constructor:
                    flags |= FunctionFlags.Constructor;
                    break;
                case MethodKind.StaticConstructor:
                    flags |= FunctionFlags.StaticConstructor;
                    break;
            }

            if (method.IsStatic && (method.Name == "Main" || method.Name == "<Main>$"))
            {
                flags |= FunctionFlags.Main;
            }

            if (method.IsOverride)
            {
                flags |= FunctionFlags.Override;
            }

            if (method.MethodKind == MethodKind.PropertyGet)
            {
                flags |= FunctionFlags.Getter;
            }

            if (method.MethodKind == MethodKind.PropertySet && method.IsStatic && (flags & FunctionFlags.Public) != 0)
            {
                flags |= FunctionFlags.Configuration; // TreeSummarizer.Settings.cs
            }

            var name = method.Name;
            if (name.EndsWith("InsideLock", System.StringComparison.Ordinal) || name.EndsWith("UnderLock", System.StringComparison.Ordinal)
                || name.EndsWith("WithinLock", System.StringComparison.Ordinal) || name.EndsWith("Locked", System.StringComparison.Ordinal)
                || name.EndsWith("NoLock", System.StringComparison.Ordinal))
            {
                if (!name.StartsWith("Is", System.StringComparison.Ordinal) && !name.EndsWith("Unlocked", System.StringComparison.Ordinal))
                {
                    flags |= FunctionFlags.LockedByName;
                }
            }

            if ((name == "ExecuteAsync" && method.IsOverride && DerivesFromNamed(method.ContainingType, "BackgroundService"))
                || (name == "StartAsync" && ImplementsNamed(method.ContainingType, "IHostedService")))
            {
                flags |= FunctionFlags.RunsOnce;
            }

            if (((name == "OnNext" || name == "OnError" || name == "OnCompleted") && !IsDiagnosticObserver(method.ContainingType) && ImplementsNamed(method.ContainingType, "IObserver"))
                || ImplementsValueTaskSourceMember(method))
            {
                flags |= FunctionFlags.Serialized;
            }

            return flags;
        }

        private static bool DerivesFromNamed(INamedTypeSymbol? type, string name)
        {
            for (var current = type?.BaseType; current != null; current = current.BaseType)
            {
                if (current.Name == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsNamed(INamedTypeSymbol? type, string name)
        {
            if (type == null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An <c>IObserver&lt;KeyValuePair&lt;string, object&gt;&gt;</c> or <c>IObserver&lt;DiagnosticListener&gt;</c>: DiagnosticSource calls it from any thread.</summary>
        private static bool IsDiagnosticObserver(INamedTypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == "IObserver" && implemented.TypeArguments.Length == 1)
                {
                    var argument = implemented.TypeArguments[0];
                    if (argument.Name == "DiagnosticListener"
                        || (argument is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair && pair.TypeArguments[0].SpecialType == SpecialType.System_String))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The keys of the members <paramref name="method"/> overrides or implements; <paramref name="interfaceMembers"/>: the interface members among them.</summary>
        private ImmutableArray<string> OverriddenKeys(IMethodSymbol method, out ImmutableArray<string> interfaceMembers)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (Key(overridden) is { } key)
                {
                    builder.Add(key);
                }
            }

            var virtuals = builder.Count;

            foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
            {
                if (Key(explicitImplementation) is { } key)
                {
                    builder.Add(key);
                }
            }

            var type = method.ContainingType;
            if (type != null && method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    foreach (var member in implemented.GetMembers(method.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method) && Key(member) is { } key)
                        {
                            builder.Add(key);
                        }
                    }
                }
            }

            var all = builder.ToImmutable();
            interfaceMembers = virtuals == 0 ? all : all.RemoveRange(0, virtuals);
            return all;
        }

        /// <summary>A function being walked: its key, symbol, flags, and what it asserts.</summary>
        private sealed class FunctionBuilder
        {
            public FunctionBuilder(string key, ISymbol symbol, FunctionFlags flags, Microsoft.CodeAnalysis.Text.TextSpan span)
            {
                Span = span;
                Key = key;
                Symbol = symbol;
                Flags = flags;
            }

            public string Key { get; }

            public ISymbol Symbol { get; }

            /// <summary>The function's syntax span: locals declared inside belong to it.</summary>
            public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

            public FunctionFlags Flags { get; set; }

            public LockFact? AssertedLock { get; set; }

            /// <summary>The start site running this function, when it is a lambda handed to one.</summary>
            public StartSite? Site { get; set; }

            /// <summary>The delegate handed to <see cref="Site"/> (the lambda, or the local's use), or <c>null</c>.</summary>
            public IOperation? StartOperation { get; set; }
        }
    }
}
