using System;

namespace Tally
{
    /// <summary>
    /// Marks a type whose instances are used by one caller at a time: code outside it never runs two of its members on
    /// one instance at once (the contract of a stream or an enumerator, or of a class documented
    /// <c>&lt;threadsafety instance="false"/&gt;</c>). The Tally analyzers then do not pair two of the application's
    /// calls on one instance as concurrent writers; code the type starts itself (timers, threads, callbacks) is still
    /// taken to run beside those calls, and static fields are not covered.
    /// </summary>
    /// <remarks>
    /// The analyzers match this attribute by its simple name (<c>tally.one_caller_attributes</c>, default
    /// <c>OneCallerAtATime</c>), so a project-local attribute with the same name works too. It applies to derived types.
    /// A type that is also marked <see cref="ThreadSafeAttribute"/> (or is registered as a singleton, or implements a
    /// configured shared contract) is taken as shared: stated sharing wins.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
    public sealed class OneCallerAtATimeAttribute : Attribute
    {
    }
}
