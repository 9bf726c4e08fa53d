using System;

namespace Tally
{
    /// <summary>
    /// Marks a field or auto-property that only one thread ever writes (other threads may read it). Its updates are
    /// not lost, so the Tally analyzers never report them (TALLY001-TALLY005).
    /// </summary>
    /// <remarks>
    /// The analyzers match this attribute by its simple name (<c>tally.racy_attributes</c>, default
    /// <c>SingleWriter, ApproximateCounter</c>), so a project-local attribute with the same name works too. Readers on
    /// other threads still need <see cref="System.Threading.Volatile"/> reads, or a 64-bit runtime for <c>long</c>, to
    /// see a fresh, untorn value.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class SingleWriterAttribute : Attribute
    {
    }
}
