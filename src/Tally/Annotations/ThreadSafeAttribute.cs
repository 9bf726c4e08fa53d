using System;

namespace Tally
{
    /// <summary>
    /// Marks a type whose instances are shared between threads. The Tally analyzers then treat every non-atomic update
    /// of its fields as racy (TALLY005), as they do for singletons and middleware.
    /// </summary>
    /// <remarks>
    /// The analyzers match this attribute by its simple name (<c>tally.thread_safe_attributes</c>, default
    /// <c>ThreadSafe</c>). It documents a promise the type makes to its callers; the analyzers check the promise.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class ThreadSafeAttribute : Attribute
    {
    }
}
