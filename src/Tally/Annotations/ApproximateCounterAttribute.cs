using System;

namespace Tally
{
    /// <summary>
    /// Marks a field or auto-property whose racy updates are accepted on purpose: an approximate statistic where a lost
    /// update now and then costs less than an atomic one. The Tally analyzers never report its updates
    /// (TALLY001-TALLY005).
    /// </summary>
    /// <remarks>
    /// The analyzers match this attribute by its simple name (<c>tally.racy_attributes</c>, default
    /// <c>SingleWriter, ApproximateCounter</c>). When the count must be exact but cheap, <see cref="StripedCounter"/> is
    /// usually the better choice.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class ApproximateCounterAttribute : Attribute
    {
    }
}
