using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Configuration
{
    /// <summary>One thing wrong in a set of <c>.editorconfig</c> options: the descriptor that says so and its message arguments.</summary>
    internal readonly struct OptionProblem
    {
        public OptionProblem(DiagnosticDescriptor descriptor, params object[] messageArguments)
        {
            Descriptor = descriptor;
            MessageArguments = messageArguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public object[] MessageArguments { get; }

        /// <summary>Identifies the problem: its descriptor and arguments.</summary>
        public string Key => Descriptor.Id + "\u0001" + Descriptor.MessageFormat + "\u0001" + string.Join("\u0001", MessageArguments);
    }
}
