using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>A piece of evidence: where it is and how the message names it.</summary>
    internal readonly struct Evidence
    {
        public Evidence(Location location, string description)
        {
            Location = location;
            Description = description;
        }

        public Location Location { get; }

        public string Description { get; }
    }
}
