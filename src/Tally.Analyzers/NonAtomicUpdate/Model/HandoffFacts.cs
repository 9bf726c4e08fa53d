using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>A start site inside a type that runs delegates handed to the type (a bus's Task.Run over its handlers, a serial post).</summary>
    internal sealed class DelegateStartFact
    {
        public DelegateStartFact(string description, Location location, Multiplicity multiplicity, bool serial, string? directMethodKey = null)
        {
            Description = description;
            Location = location;
            Multiplicity = multiplicity;
            Serial = serial;
            DirectMethodKey = directMethodKey;
        }

        /// <summary>
        /// The method whose own delegate parameter this start runs once per call (<c>static Task Run(Action a) =&gt;
        /// Task.Factory.StartNew(a, ...)</c>): a delegate handed to that method starts once per call of it.
        /// </summary>
        public string? DirectMethodKey { get; }

        public string Description { get; }

        public Location Location { get; }

        public Multiplicity Multiplicity { get; }

        /// <summary>Whether the delegates run one at a time on an exclusive scheduler.</summary>
        public bool Serial { get; }
    }

    /// <summary>A lambda or method group handed as an argument to a method of another type (which may run it later, elsewhere).</summary>
    internal readonly struct HandoffFact
    {
        public HandoffFact(string functionKey, string typeKey, string callerKey, string? methodKey = null, bool repeated = false, bool guarded = false)
        {
            FunctionKey = functionKey;
            TypeKey = typeKey;
            CallerKey = callerKey;
            MethodKey = methodKey;
            Repeated = repeated;
            Guarded = guarded;
        }

        /// <summary>The method the delegate is handed to.</summary>
        public string? MethodKey { get; }

        /// <summary>Whether the hand-off runs repeatedly in its function (a loop, a lambda run per item).</summary>
        public bool Repeated { get; }

        /// <summary>Whether the hand-off is guarded in its function (inside an <c>if</c>, after an early return).</summary>
        public bool Guarded { get; }

        public string FunctionKey { get; }

        public string TypeKey { get; }

        public string CallerKey { get; }
    }
}
