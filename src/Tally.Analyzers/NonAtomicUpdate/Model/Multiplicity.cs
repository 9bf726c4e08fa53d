namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>How often a concurrent entry may overlap with itself.</summary>
    internal enum Multiplicity : byte
    {
        /// <summary>Never: one run at a time (a one-shot timer, a hosted service's ExecuteAsync).</summary>
        Once,

        /// <summary>Once per start, and the start may run again (Task.Run in a method anyone may call again).</summary>
        PerStart,

        /// <summary>Always: the runtime runs the delegate many times at once (Parallel, PLINQ, periodic timers, handlers).</summary>
        Many,
    }
}
