using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>A DI registration: a type created once (singleton) or per request.</summary>
    internal readonly struct RegistrationFact
    {
        public RegistrationFact(string typeKey, bool singleton, Location location, string how)
        {
            TypeKey = typeKey;
            Singleton = singleton;
            Location = location;
            How = how;
        }

        public string TypeKey { get; }

        public bool Singleton { get; }

        public Location Location { get; }

        public string How { get; }
    }
}
