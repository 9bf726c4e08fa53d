namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>The Tally library counter a field can be migrated to.</summary>
    internal enum CounterType
    {
        /// <summary><c>Tally.AtomicCounter</c>: linearizable, its updates return the new value.</summary>
        Atomic,

        /// <summary><c>Tally.StripedCounter</c>: scales for writes, its updates return nothing.</summary>
        Striped,
    }

    /// <summary>Names of the counter types, looked up by metadata name (the code fixes do not reference the library).</summary>
    internal static class CounterTypes
    {
        public const string AtomicMetadataName = "Tally.AtomicCounter";
        public const string StripedMetadataName = "Tally.StripedCounter";

        public static string MetadataName(this CounterType type)
            => type == CounterType.Atomic ? AtomicMetadataName : StripedMetadataName;

        /// <summary>The equivalence key of the migration to <paramref name="type"/> (stable: <c>dotnet format</c> and Fix All use it).</summary>
        public static string EquivalenceKey(this CounterType type)
            => type == CounterType.Atomic ? CounterMigrationCodeFixProvider.AtomicCounterKey : CounterMigrationCodeFixProvider.StripedCounterKey;
    }
}
