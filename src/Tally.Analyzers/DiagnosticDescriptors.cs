using Microsoft.CodeAnalysis;

namespace Tally.Analyzers
{
    /// <summary>The descriptors of every rule, in one place.</summary>
    internal static class DiagnosticDescriptors
    {
        /// <summary>Where each rule's documentation page lives: <c>docs/rules/ID.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/tally-dotnet/tally/blob/main/docs/rules/";

        public static readonly DiagnosticDescriptor SynchronizedElsewhere = Create(
            DiagnosticIds.SynchronizedElsewhere,
            "Non-atomic update of a field that is synchronised elsewhere",
            "'{0}' is updated with '{1}', which is not atomic; the same {2} is {3} elsewhere, so it is shared between threads and updates can be lost",
            "The field is also updated with Interlocked or Volatile, or under a lock, somewhere else: someone already knew it is shared. This read-modify-write is not atomic, so concurrent updates can be lost.");

        public static readonly DiagnosticDescriptor VolatileField = Create(
            DiagnosticIds.VolatileField,
            "Non-atomic update of a volatile field",
            "'{0}' is updated with '{1}', which is not atomic; 'volatile' makes reads and writes visible but does not make this update atomic",
            "A volatile field is read and written by several threads. 'volatile' orders each read and each write, but a read-modify-write such as ++ or += is still two operations, so concurrent updates can be lost.");

        public static readonly DiagnosticDescriptor ConcurrentCode = Create(
            DiagnosticIds.ConcurrentCode,
            "Non-atomic update in code that runs concurrently",
            "'{0}' is updated with '{1}', which is not atomic, in code that runs concurrently ({2}); updates can be lost",
            "The update runs in code passed to Task.Run, Parallel, a thread, a timer or a request handler, which runs on several threads at once. A read-modify-write such as ++ or += is not atomic, so concurrent updates can be lost.");

        public static readonly DiagnosticDescriptor StaticField = Create(
            DiagnosticIds.StaticField,
            "Non-atomic update of a static field",
            "'{0}' is updated with '{1}', which is not atomic; the field is static and shared by every thread, so updates can be lost",
            "A static field is shared by every thread in the process. A read-modify-write such as ++ or += is not atomic, so concurrent updates can be lost.");

        public static readonly DiagnosticDescriptor SharedInstance = Create(
            DiagnosticIds.SharedInstance,
            "Non-atomic update of a field of a shared instance",
            "'{0}' is updated with '{1}', which is not atomic; one instance of '{2}' serves many threads ({3}), so updates can be lost",
            "The type's instances are shared between threads: it synchronises its other state, starts concurrent work on its own fields, is registered as a singleton or middleware, implements a contract that frameworks call concurrently, or is marked thread-safe. A read-modify-write such as ++ or += is not atomic, so concurrent updates can be lost.");

        public static readonly DiagnosticDescriptor NonAtomicInterlockedUse = Create(
            DiagnosticIds.NonAtomicInterlockedUse,
            "Interlocked call that is not atomic as written",
            "'{0}' is not atomic: {1}",
            "An Interlocked call only makes its own operation atomic. Assigning its result back to the field, or computing the new value from a separate read of the field, reopens the window in which concurrent updates are lost.");

        public static readonly DiagnosticDescriptor FieldReadAfterInterlocked = Create(
            DiagnosticIds.FieldReadAfterInterlocked,
            "Field read again after an Interlocked update",
            "'{0}' is read again after '{1}'; another thread may have changed it in between, so use the value this thread's call produced instead",
            "After an Interlocked update, reading the field again may observe another thread's update. The value Increment, Decrement or Add returns, or the value Exchange stores, is the one this thread produced: use it instead.");

        public static readonly DiagnosticDescriptor UnknownOptionKey = Create(
            DiagnosticIds.InvalidOption,
            "Invalid Tally option in .editorconfig",
            "'{0}' is not a Tally option, so it has no effect; the options are {1}",
            "A tally.* key that Tally does not read is ignored, so the setting it was meant to make silently does not apply. It is usually a misspelt key.",
            DiagnosticCategories.Configuration);

        public static readonly DiagnosticDescriptor InvalidOptionValue = Create(
            DiagnosticIds.InvalidOption,
            "Invalid Tally option in .editorconfig",
            "'{0} = {1}': {2} not accepted and ignored; accepted: {3}",
            "A value Tally does not accept is ignored, which can switch detection off without a word (tally.evidence = statc turns every kind of evidence off). It is usually a misspelt value.",
            DiagnosticCategories.Configuration);

        public static readonly DiagnosticDescriptor GuardedByViolation = Create(
            DiagnosticIds.GuardedByViolation,
            "Guarded member written without holding its lock",
            "'{0}' is {1} without holding '{2}', the lock its [GuardedBy] annotation names",
            "A field or property annotated [GuardedBy(\"_gate\")] promises that every write happens while that lock is held. A write outside the lock races with the writers that hold it, and readers that take the lock can see a half-done update.");

        private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, string category = DiagnosticCategories.Concurrency)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md");
    }
}
