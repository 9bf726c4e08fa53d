namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// What a field read again after a discarded <c>Interlocked</c> step (TALLY007) is used for. The use decides how
    /// certain it is that another thread's step between the call and the read makes the code wrong: it is certain when
    /// the re-read stands for the result of this thread's step (its id, its slot, its verdict), and only inferred when the
    /// code wants some recent value of the count (text, a sample, the end of a scan), which the re-read gives as well as
    /// the returned value would (<see cref="ReReadUses"/>, docs/rules/TALLY007.md "Certainty").
    /// </summary>
    internal enum ReReadUse
    {
        /// <summary>Certain: returned (alone or inside the returned expression, <c>return InstanceId + _ctr;</c>): the member hands the step's result to its caller.</summary>
        Returned,

        /// <summary>Certain: an array index or an indexer's argument (<c>_items[_next % n]</c>): two threads pick the same element and skip one.</summary>
        ElementIndex,

        /// <summary>Certain: an argument of a collection's method (a key, an index, an element added): two threads file under one key.</summary>
        CollectionEntry,

        /// <summary>
        /// Certain: stored into a field, property, array element, <c>ref</c>/<c>out</c> parameter or ref local, or written
        /// through a <c>ref</c> argument (<c>Volatile.Write(ref _last, _next)</c>): the value outlives the call as this step's.
        /// </summary>
        Stored,

        /// <summary>
        /// Certain: decides an <c>if</c> (or a <c>switch</c>) whose outcome the step's own value must decide: an equality that
        /// picks the one thread reaching a value (<c>if (_refs == 0) Release();</c>), or a test whose branch leaves or undoes
        /// the step (this thread's admission).
        /// </summary>
        Decision,

        /// <summary>Inferred: passed to a call that is none of the above (a log line, an event's text, a counters sample, a registration).</summary>
        CallArgument,

        /// <summary>Inferred: part of a thrown exception (its message).</summary>
        Thrown,

        /// <summary>Inferred: compared only to stop a loop early (every branch is a <c>break</c> or <c>continue</c> of an enclosing loop).</summary>
        EarlyExit,

        /// <summary>Inferred: reduced with <c>%</c> or <c>&amp;</c> before a comparison (<c>if (_n % 20 == 0) Check();</c>): a periodic check, at most shifted by a period.</summary>
        PeriodicSample,

        /// <summary>Inferred: a relational test whose branches act on shared state and go on (<c>if (_open &gt;= _max) Pause();</c>): "past the limit now".</summary>
        LimitCheck,

        /// <summary>Inferred: any use the classification does not follow (a member call on a swapped object, a value dropped).</summary>
        Other,
    }
}
