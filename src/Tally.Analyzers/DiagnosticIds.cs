namespace Tally.Analyzers
{
    /// <summary>Every diagnostic ID Tally reports, in one place.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Non-atomic update of a field that is also updated with Interlocked/Volatile or under a lock elsewhere.</summary>
        public const string SynchronizedElsewhere = "TALLY001";

        /// <summary>Non-atomic update of a <c>volatile</c> field.</summary>
        public const string VolatileField = "TALLY002";

        /// <summary>Non-atomic update inside code that runs concurrently (Task.Run, Parallel, threads, timers, request handlers).</summary>
        public const string ConcurrentCode = "TALLY003";

        /// <summary>Non-atomic update of a static field.</summary>
        public const string StaticField = "TALLY004";

        /// <summary>Non-atomic update of an instance field of a type whose one instance serves many threads.</summary>
        public const string SharedInstance = "TALLY005";

        /// <summary>An Interlocked call whose surrounding code makes the update non-atomic again.</summary>
        public const string NonAtomicInterlockedUse = "TALLY006";

        /// <summary>The field is read again right after an Interlocked update instead of using the returned value.</summary>
        public const string FieldReadAfterInterlocked = "TALLY007";

        /// <summary>A <c>tally.*</c> key in <c>.editorconfig</c> that Tally does not know, or a value it does not accept.</summary>
        public const string InvalidOption = "TALLY008";
        /// <summary>A field or property annotated <c>[GuardedBy("_gate")]</c> is written without holding that lock.</summary>
        public const string GuardedByViolation = "TALLY009";
    }
}
