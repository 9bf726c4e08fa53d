namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Which synchronising functions run at the same time as themselves whatever their partners are: the exception to
    /// "a lock shared with other functions says the function runs beside them, not beside itself".
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// Whether <paramref name="functionKey"/>, a function that synchronises its type's state, may run at the same
        /// time as itself by how it is entered, not by what it locks: it is a public method of a public type
        /// (<see cref="FunctionFlags.Public"/>, not an interface implementation in a hidden type). Code outside the
        /// compilation calls it, on an instance it may share, from threads the compilation cannot see; a method of a
        /// thread-safe API that synchronises (a pool's <c>Rent</c> counting leases with Interlocked) is called by many
        /// threads at once, not only beside its partner (<c>Return</c>). A function the compilation alone calls (private,
        /// internal, protected, a public method of an internal type) is judged by its partners: the callers the
        /// compilation shows (a collecting thread under its collect lock, a connector opened by the one operation that
        /// owns it) are all there is, and a concurrent entry among them is already a writer's context of its own.
        /// </summary>
        private bool RunsBesideItself(string functionKey)
            => Function(functionKey) is { } function && function.Has(FunctionFlags.Public) && !function.Has(FunctionFlags.HiddenType);
    }
}
