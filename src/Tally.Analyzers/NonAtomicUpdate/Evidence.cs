using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>A piece of evidence: where it is, how the message names it, and whether the code declares it.</summary>
    internal readonly struct Evidence
    {
        public Evidence(Location location, string description, bool declared = false)
        {
            Location = location;
            Description = description;
            Declared = declared;
        }

        /// <summary>
        /// Whether the code declares the sharing (an attribute, a singleton registration, a shared contract) rather than
        /// the analyzer inferring it (from synchronisation of other state): a finding on declared evidence is certain.
        /// </summary>
        public bool Declared { get; }

        public Location Location { get; }

        public string Description { get; }
    }
}
