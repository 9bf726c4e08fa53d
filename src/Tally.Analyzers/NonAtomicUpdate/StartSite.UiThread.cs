using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Code marshalled to a UI thread (fresh24, iSpy's main form): a delegate posted with
    /// <c>ISynchronizeInvoke.BeginInvoke</c>/<c>Invoke</c> (WinForms' <c>Control</c> implements it), a WPF or Avalonia
    /// <c>Dispatcher</c>'s <c>Invoke</c>/<c>BeginInvoke</c>/<c>InvokeAsync</c>/<c>Post</c>, or
    /// <c>SynchronizationContext.Post</c>/<c>Send</c>, and the <c>Elapsed</c> handler of a <c>System.Timers.Timer</c>
    /// whose <c>SynchronizingObject</c> is set: the code runs on that thread, one piece at a time, and not on the
    /// thread that posted or subscribed it. It is no concurrent entry, and the posting code does not run it.
    /// </summary>
    internal sealed partial class StartSite
    {
        /// <summary>Whether the delegate (a lambda or method reference) runs on a UI thread: posted there, or a synchronised timer's handler.</summary>
        public static bool RunsOnUiThread(IOperation delegateOperation)
        {
            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IArgumentOperation { Parent: IInvocationOperation post } => IsUiPost(post),
                IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event.Name: "Elapsed" } reference } assignment
                    when assignment.HandlerValue == current && IsTimersTimer(reference.Event.ContainingType) => SynchronizingObjectSet(reference),
                _ => false,
            };
        }

        /// <summary>
        /// Whether the invocation posts its delegate argument to a UI thread: <c>Invoke</c>/<c>BeginInvoke</c> of
        /// <c>System.ComponentModel.ISynchronizeInvoke</c> or of a type implementing it, a <c>Dispatcher</c> of WPF
        /// (<c>System.Windows.Threading</c>) or Avalonia (<c>Avalonia.Threading</c>), or <c>Post</c>/<c>Send</c> of a
        /// <c>System.Threading.SynchronizationContext</c>.
        /// </summary>
        public static bool IsUiPost(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null)
            {
                return false;
            }

            switch (method.Name)
            {
                case "Invoke" or "BeginInvoke" when IsSynchronizeInvoke(type) || type.AllInterfaces.Any(IsSynchronizeInvoke):
                    return true;
                case "Invoke" or "BeginInvoke" or "InvokeAsync" or "Post" when type.Name == "Dispatcher"
                    && type.ContainingNamespace?.ToDisplayString() is "System.Windows.Threading" or "Avalonia.Threading":
                    return true;
                case "Post" or "Send":
                    for (var current = type; current != null; current = current.BaseType)
                    {
                        if (current.Name == "SynchronizationContext" && current.ContainingNamespace?.ToDisplayString() == "System.Threading")
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool IsSynchronizeInvoke(INamedTypeSymbol type)
            => type.Name == "ISynchronizeInvoke" && type.ContainingNamespace?.ToDisplayString() == "System.ComponentModel";

        private static bool IsTimersTimer(INamedTypeSymbol? type)
            => type is { Name: "Timer" } && type.ContainingNamespace?.ToDisplayString() == "System.Timers";

        /// <summary>
        /// Whether the timer whose <c>Elapsed</c> is subscribed has its <c>SynchronizingObject</c> set to something other
        /// than <c>null</c>, in the subscribing body (<c>_timer.SynchronizingObject = this;</c>, or an object initializer
        /// of the creation stored in the same field or local) or in the timer field's initializer, and never to
        /// <c>null</c> there.
        /// </summary>
        private static bool SynchronizingObjectSet(IEventReferenceOperation reference)
        {
            var timer = reference.Instance.WalkDownConversions();
            var set = false;
            if (timer is IFieldReferenceOperation field)
            {
                foreach (var declaration in field.Field.DeclaringSyntaxReferences)
                {
                    if (declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                    {
                        foreach (var node in initializer.DescendantNodesAndSelf())
                        {
                            if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "SynchronizingObject" } } assignment
                                && assignment.Parent is InitializerExpressionSyntax)
                            {
                                if (assignment.Right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression))
                                {
                                    return false;
                                }

                                set = true;
                            }
                        }
                    }
                }
            }

            foreach (var descendant in reference.Root().Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SynchronizingObject" } property } assignment
                    && IsTimersTimer(property.Property.ContainingType) && OnTheTimer(property.Instance, timer))
                {
                    var value = assignment.Value.WalkDownConversions();
                    if (value == null || (value.ConstantValue.HasValue && value.ConstantValue.Value == null))
                    {
                        return false; // SynchronizingObject = null: the handler runs on the thread pool again.
                    }

                    set = true;
                }
            }

            return set;
        }

        /// <summary>Whether the assignment's receiver is the subscribed timer: the same field or local, or the object initializer of a creation stored there.</summary>
        private static bool OnTheTimer(IOperation? instance, IOperation? timer)
        {
            var receiver = instance.WalkDownConversions();
            if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } implicitReceiver)
            {
                var creation = implicitReceiver.Parent;
                while (creation != null && creation is not IObjectCreationOperation)
                {
                    creation = creation.Parent;
                }

                IOperation? stored = creation?.Parent;
                while (stored is IConversionOperation)
                {
                    stored = stored.Parent;
                }

                return stored switch
                {
                    ISimpleAssignmentOperation store => StorageReference.SameStorage(store.Target, timer, StorageComparison.AsWritten),
                    IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => timer is ILocalReferenceOperation local
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local),
                    IFieldInitializerOperation initializer => timer is IFieldReferenceOperation field && initializer.InitializedFields.Contains(field.Field, SymbolEqualityComparer.Default),
                    _ => false,
                };
            }

            return StorageReference.SameStorage(receiver, timer, StorageComparison.AsWritten);
        }
    }
}
