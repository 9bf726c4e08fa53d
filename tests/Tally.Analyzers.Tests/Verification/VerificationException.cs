using Xunit.Sdk;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Thrown by the verification harness when a check fails. Derives from xunit's assertion exception so a failed
/// verification reads like a failed assertion in the test output.
/// </summary>
public sealed class VerificationException : XunitException
{
    /// <summary>Creates the exception with a message that explains the failure on its own.</summary>
    public VerificationException(string message)
        : base(message)
    {
    }
}
