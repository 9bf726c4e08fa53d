namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The branch a write or call sits in: <c>if (Flag) ... else ...</c> on a bool field or auto-property of the
    /// function's own object (or a static one), and which value of it the branch runs under. Two writers that run only
    /// under opposite values of one flag that nothing changes while the object is in use never run at the same time
    /// (see <see cref="ConcurrencyModel.InExclusiveModes"/>).
    /// </summary>
    internal readonly struct BranchGuard
    {
        public BranchGuard(string conditionKey, bool whenTrue, bool staticCondition)
        {
            ConditionKey = conditionKey;
            WhenTrue = whenTrue;
            StaticCondition = staticCondition;
        }

        /// <summary>The storage key of the flag the condition reads.</summary>
        public string ConditionKey { get; }

        /// <summary>The flag's value under which the branch runs.</summary>
        public bool WhenTrue { get; }

        /// <summary>Whether the flag is static (one value for every object) rather than the object's own.</summary>
        public bool StaticCondition { get; }

        /// <summary>Whether this branch and <paramref name="other"/> run under opposite values of one flag.</summary>
        public bool Opposes(BranchGuard other) => ConditionKey == other.ConditionKey && WhenTrue != other.WhenTrue;

        public bool SameAs(BranchGuard other) => ConditionKey == other.ConditionKey && WhenTrue == other.WhenTrue;
    }
}
