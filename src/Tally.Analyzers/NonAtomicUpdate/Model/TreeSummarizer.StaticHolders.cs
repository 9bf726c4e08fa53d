using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The static member an instance write goes through (<c>s_stats.Hits++</c>, <c>Stats.Default.Hits++</c>, a static
    /// <c>Lazy&lt;T&gt;</c>'s <c>Value</c>): the holder that makes the object every thread's (<see cref="WriteFact.StaticHolderKey"/>).
    /// Two writes of one member through two different static holders may be of two objects.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private string? StaticHolderKey(IOperation? receiver)
        {
            return receiver.WalkDownToHolder() switch // the holder UpdateDecider.HolderOf finds, when it is static
            {
                IFieldReferenceOperation { Field: { IsStatic: true } field } => Key(field),
                IPropertyReferenceOperation { Property: { IsStatic: true } property, Arguments.Length: 0 } => Key(property),
                _ => null,
            };
        }
    }
}
