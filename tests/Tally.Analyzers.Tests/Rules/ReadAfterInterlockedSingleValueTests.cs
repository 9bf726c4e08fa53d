using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 after <c>Interlocked.Exchange(ref f, V)</c> when nothing can store anything but <c>V</c> in <c>f</c>
/// afterwards: a private field whose every write outside its initialiser and constructors stores the same fixed value
/// (a constant, a static method group, a static read-only field). The re-read returns what this thread stored, whoever
/// wrote last. Any write of another value, any other kind of write, or a part of the type this tree cannot see keeps
/// the report.
/// </summary>
public class ReadAfterInterlockedSingleValueTests
{
    private const string Tokens = """
        using System;
        using System.Threading;

        public static class Tokens
        {
            private static Func<string?> _make = FromEnvironment;

            private static string? FromEnvironment() => Environment.GetEnvironmentVariable("TOKEN");

            private static string? Fresh() => Guid.NewGuid().ToString("N");

            private static string? Ambient() => null;

            public static string? Next()
            {
                var token = _make();
                if (token != null)
                {
                    return token;
                }

                Interlocked.Exchange(ref _make, Fresh);
                return _make();
            }

            public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);
        }
        """;

    private const string Reported = "return {|TALLY007:_make|}();";

    [Fact]
    public Task StrategySwitchedToOneFixedFallbackEverywhere_IsNotReported() => Verify.VerifyAnalyzerAsync(Tokens);

    [Fact]
    public Task FixedFallbackAlsoAssignedPlainly_IsNotReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);", "public static void Fallback() => _make = Fresh;"));

    [Fact]
    public Task AnotherWriterStoresADifferentMethod_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);", "public static void Fallback() => Interlocked.Exchange(ref _make, Ambient);"));

    [Fact]
    public Task AnotherWriterStoresAComputedValue_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);", "public static void Fallback(Func<string?> make) => _make = make;"));

    [Fact]
    public Task FieldHandedByRefToAnotherMethod_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);", "public static void Fallback() => Volatile.Write(ref _make, Fresh);"));

    [Fact]
    public Task FieldVisibleOutsideTheType_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("private static Func<string?> _make", "internal static Func<string?> _make"));

    [Fact]
    public Task DelegateAddedToTheField_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("public static void Fallback() => Interlocked.Exchange(ref _make, Fresh);", "public static void Fallback() => _make += Fresh;"));

    [Fact]
    public Task WriteOfAnotherValueInAnInstanceConstructorOfAStaticField_IsReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("return _make();", Reported)
        .Edit("public static class Tokens", "public sealed class Tokens")
        .Edit("public static void Fallback()", "public Tokens() => _make = Ambient;\n\n    public static void Fallback()"));

    [Fact]
    public Task WriteOfAnotherValueInTheStaticConstructor_IsNotReported() => Verify.VerifyAnalyzerAsync(Tokens
        .Edit("public static void Fallback()", "static Tokens() => _make = Ambient;\n\n    public static void Fallback()"));

    [Fact]
    public Task SameConstantStoredEverywhere_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public sealed class Switch
        {
            private int _state;

            public bool TurnOn()
            {
                Interlocked.Exchange(ref _state, 1);
                return _state == 1;
            }

            public void AlsoOn() => _state = 1;
        }
        """);

    [Fact]
    public Task AnotherConstantStoredElsewhere_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public sealed class Switch
        {
            private int _state;

            public bool TurnOn()
            {
                Interlocked.Exchange(ref _state, 1);
                return {|TALLY007:_state|} == 1;
            }

            public void Off() => _state = 0;
        }
        """);
}
