namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A delegate handed to a fork-join dispatch (ConcurrencyModel.JoinedDispatches.cs): an argument of
    /// <c>Parallel.For</c>, <c>ForEach</c> or <c>Invoke</c>, which return only when every run of the delegate has ended,
    /// or of a source method whose every implementation waits for the delegate it hands on
    /// (<see cref="DispatchJoinFact"/>): <c>dispatcher.RunWorkers(Worker, 4)</c>.
    /// </summary>
    internal sealed class JoinedHandFact
    {
        public JoinedHandFact(string workerKey, string callerKey, StatementPlace place, string? dispatchParameterKey)
        {
            WorkerKey = workerKey;
            CallerKey = callerKey;
            Place = place;
            DispatchParameterKey = dispatchParameterKey;
        }

        /// <summary>
        /// The function handed (a method group, a lambda), or, for a delegate field of <c>this</c> read as the argument,
        /// <see cref="TreeSummarizer.JoinedFieldKey"/> of the field.
        /// </summary>
        public string WorkerKey { get; }

        /// <summary>The function making the dispatch.</summary>
        public string CallerKey { get; }

        /// <summary>Where the dispatch call is in its function.</summary>
        public StatementPlace Place { get; }

        /// <summary>
        /// The source method's delegate parameter the worker is handed to (<see cref="TreeSummarizer.ParameterKey"/>), whose
        /// implementations must all wait; <c>null</c> for <c>Parallel</c>, which joins by its contract.
        /// </summary>
        public string? DispatchParameterKey { get; }
    }

    /// <summary>
    /// A delegate made in a constructor and kept in a private field of the object (<c>_worker = Work;</c>) whose only other
    /// mentions in its type are <see cref="ArgumentUses"/> arguments of calls: the delegate runs only where those calls
    /// run it.
    /// </summary>
    internal sealed class HeldWorkerFact
    {
        public HeldWorkerFact(string workerKey, string constructorKey, string fieldKey, int argumentUses)
        {
            WorkerKey = workerKey;
            ConstructorKey = constructorKey;
            FieldKey = fieldKey;
            ArgumentUses = argumentUses;
        }

        public string WorkerKey { get; }

        public string ConstructorKey { get; }

        public string FieldKey { get; }

        /// <summary>How many arguments of calls read the field (every mention but the constructor's store).</summary>
        public int ArgumentUses { get; }
    }

    /// <summary>
    /// Whether one implementation of a method (its own body, or an override or implementation of it) waits for the
    /// delegate given to one of its parameters before it returns: it invokes it itself, or hands it on (to a field, to a
    /// call) and waits afterwards in the same block (<c>finished.WaitOne()</c>, <c>thread.Join()</c>).
    /// </summary>
    internal sealed class DispatchJoinFact
    {
        public DispatchJoinFact(string parameterKey, bool joins)
        {
            ParameterKey = parameterKey;
            Joins = joins;
        }

        /// <summary>The parameter, as a parameter of the method called (<see cref="TreeSummarizer.ParameterKey"/>).</summary>
        public string ParameterKey { get; }

        public bool Joins { get; }
    }
}
