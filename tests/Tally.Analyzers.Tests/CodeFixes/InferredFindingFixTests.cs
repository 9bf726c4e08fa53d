using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// An inferred finding is hidden by default, not a warning, but it is the same rule: the fix is offered on it
/// and rewrites it as it would a certain one.
/// </summary>
public class InferredFindingFixTests
{
    private const string Cache = """
        using System.Collections.Generic;
        using System.Threading;

        class Cache
        {
            private readonly object _gate = new object();
            private readonly Dictionary<string, string> _items = new Dictionary<string, string>();
            private int _misses;

            public string Get(string key)
            {
                lock (_gate)
                {
                    if (_items.TryGetValue(key, out var value)) { return value; }
                }

                {|TALLY005:_misses++|};
                return null;
            }
        }
        """;

    [Fact]
    public async Task InferredFinding_IsHiddenByDefault()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(Cache));

        Assert.Equal(DiagnosticSeverity.Hidden, diagnostic.Severity);
        Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
    }

    [Fact]
    public Task InferredFinding_IsFixedWithInterlocked() => Verify.VerifyCodeFixAsync(Cache, """
        using System.Collections.Generic;
        using System.Threading;

        class Cache
        {
            private readonly object _gate = new object();
            private readonly Dictionary<string, string> _items = new Dictionary<string, string>();
            private int _misses;

            public string Get(string key)
            {
                lock (_gate)
                {
                    if (_items.TryGetValue(key, out var value)) { return value; }
                }

                Interlocked.Increment(ref _misses);
                return null;
            }
        }
        """);
}
