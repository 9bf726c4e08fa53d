using System;

namespace Tally
{
    /// <summary>
    /// Marks a field or auto-property that may only be written while the named lock is held:
    /// <c>[GuardedBy("_gate")] private int _count;</c>. The Tally analyzers report every write or update of it made
    /// without holding that lock (TALLY009).
    /// </summary>
    /// <remarks>
    /// The lock is named by the field, property, or <c>this</c> that the code locks on (<c>lock (_gate)</c>,
    /// <c>Monitor.Enter(_gate)</c>, <c>_gate.EnterScope()</c>, <c>_rwLock.EnterWriteLock()</c>...). Use
    /// <c>nameof(_gate)</c> so that a rename keeps it right. Constructors, and static constructors for static fields,
    /// are exempt: nothing else can see the object yet. The analyzers match this attribute by its simple name.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class GuardedByAttribute : Attribute
    {
        /// <summary>Creates the annotation.</summary>
        /// <param name="lockName">The name of the field or property (or <c>this</c>) the code locks on.</param>
        public GuardedByAttribute(string lockName)
        {
            LockName = lockName;
        }

        /// <summary>The name of the field or property (or <c>this</c>) that must be locked to write the annotated member.</summary>
        public string LockName { get; }
    }
}
