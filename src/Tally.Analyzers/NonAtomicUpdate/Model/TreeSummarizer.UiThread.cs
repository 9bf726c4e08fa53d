using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Code marshalled to a UI thread (StartSite.UiThread.cs): a delegate posted there, or the handler of a timer whose
    /// <c>SynchronizingObject</c> is set, runs on that thread, not on the thread that posted it. The model calls it from
    /// one pseudo function, <see cref="UiThreadKey"/>, which nothing calls: a root, like any ordinary code, so the code
    /// still pairs with writers a thread or task starts, but is neither reached by the posting code's entries nor an
    /// entry of its own. A method that only posts its delegate parameter (<c>static void Execute(Action a) =>
    /// _sync.BeginInvoke(a, null);</c>) posts what it is handed: its parameter is called from the UI thread, and a
    /// "posted only" marker drops the escape from the code that handed the delegate (ConcurrencyModel.StoredCallbacks.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The pseudo function that runs code marshalled to a UI thread; nothing calls it.</summary>
        internal const string UiThreadKey = "ui-thread:";

        internal const string PostedOnlyKeyPrefix = "posted-only:";

        /// <summary>The marker that a parameter's method does nothing with it but post it to a UI thread, for the parameter's key.</summary>
        internal static string PostedOnlyKeyOf(string parameterKey) => PostedOnlyKeyPrefix + parameterKey.Substring(ParameterKeyPrefix.Length);

        /// <summary>A delegate marshalled to a UI thread: called from <see cref="UiThreadKey"/>, not by the code that posted it.</summary>
        private bool PostedToUiThread(string functionKey, IOperation delegateOperation)
        {
            if (!StartSite.RunsOnUiThread(delegateOperation))
            {
                return false;
            }

            _summary.Calls.Add(new CallFact(UiThreadKey, functionKey, null, escapes: true));
            return true;
        }

        /// <summary>A delegate parameter of an ordinary method that the method only posts to a UI thread.</summary>
        private void PostedDelegateParameter(IParameterReferenceOperation reference)
        {
            if (reference.Type?.TypeKind != TypeKind.Delegate
                || !(reference.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } owner)
                || !StartSite.RunsOnUiThread(reference)
                || Key(owner.OriginalDefinition) is not { } ownerKey)
            {
                return;
            }

            var parameterKey = ParameterKey(ownerKey, reference.Parameter.Ordinal);
            if ((_postedOnly ??= new System.Collections.Generic.HashSet<string>()).Add(parameterKey) && OnlyPosted(reference.Parameter, owner))
            {
                _summary.Calls.Add(new CallFact(UiThreadKey, parameterKey, null, escapes: false));
                _summary.Calls.Add(new CallFact(ownerKey, PostedOnlyKeyOf(parameterKey), null, escapes: false));
            }
        }

        private System.Collections.Generic.HashSet<string>? _postedOnly;

        /// <summary>Whether every mention of the delegate parameter in its method (declared in this tree only) is an argument of a post to a UI thread.</summary>
        private bool OnlyPosted(IParameterSymbol parameter, IMethodSymbol owner)
            => EveryMention(parameter, owner, identifier => identifier.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                && _model.GetOperation(call, _cancellationToken) is IInvocationOperation post && StartSite.IsUiPost(post));
    }
}
