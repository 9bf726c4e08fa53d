using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;
using VerifyCounter = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// An auto-property updated with <c>Count++</c> gets a backing field: updated with <c>Interlocked</c> (no library
/// needed), or a Tally counter when the library is referenced. Every update in the solution is rewritten; reads keep
/// using the property.
/// </summary>
public class AutoPropertyFixTests
{
    [Fact]
    public Task AutoProperty_GetsABackingField_UpdatedWithInterlocked() => Verify.VerifyCodeFixAsync("""
        public static class Stats
        {
            /// <summary>Requests so far.</summary>
            public static int Count { get; private set; }

            public static long Bytes { get; private set; } = 10;

            public static void Hit(long n)
            {
                {|TALLY004:Count++|};
                {|TALLY004:Bytes += n|}; // payload
            }

            public static int Next() => {|TALLY004:Count++|};

            public static void Reset() { Count = 0; }

            public static string Describe() => Count + " requests, " + Bytes + " bytes";
        }
        """, """
        using System.Threading;

        public static class Stats
        {
            private static int _count;

            /// <summary>Requests so far.</summary>
            public static int Count => _count;

            private static long _bytes = 10;

            public static long Bytes => _bytes;

            public static void Hit(long n)
            {
                Interlocked.Increment(ref _count);
                Interlocked.Add(ref _bytes, n); // payload
            }

            public static int Next() => Interlocked.Increment(ref _count) - 1;

            public static void Reset() { _count = 0; }

            public static string Describe() => Count + " requests, " + Bytes + " bytes";
        }
        """);

    [Fact]
    public Task AutoProperty_BecomesACounterBackedProperty_WhenTheLibraryIsReferenced() => VerifyCounter.VerifyCodeFixAsync("""
        public static class Stats
        {
            public static int Count { get; private set; }

            public static void Hit() { {|TALLY004:Count++|}; }

            public static int Next() => {|TALLY004:++Count|};
        }
        """, """
        using Tally;

        public static class Stats
        {
            private static readonly AtomicCounter _count = new();

            public static int Count => (int)_count.Value;

            public static void Hit() { _count.Increment(); }

            public static int Next() => (int)_count.Increment();
        }
        """, TallyLibrary.With());

    [Fact]
    public Task AutoProperty_BecomesAStripedCounterBackedProperty_WhenNoUpdateValueIsUsed() => VerifyCounter.VerifyCodeFixAsync("""
        public static class Stats
        {
            public static long Count { get; private set; }

            public static void Hit() { {|TALLY004:Count++|}; }

            public static void Add(int n) { {|TALLY004:Count += n|}; }
        }
        """, """
        using Tally;

        public static class Stats
        {
            private static readonly StripedCounter _count = new();

            public static long Count => _count.Value;

            public static void Hit() { _count.Increment(); }

            public static void Add(int n) { _count.Add(n); }
        }
        """, TallyLibrary.With(new TestOptions { CodeActionIndex = 1 }));

    [Fact]
    public Task AutoPropertiesOutsideCodeCouldWrite_OrWrittenOutsideTheirType_GetNoFix() => Verify.VerifyNoFixAsync("""
        public static class Stats
        {
            // A public setter of a public type: code outside the solution may set it.
            public static int Visible { get; set; }

            // Written from another type, which could not reach a private field.
            internal static int Shared { get; set; }

            public static void Hit()
            {
                {|TALLY004:Visible++|};
                {|TALLY004:Shared++|};
            }
        }

        internal static class Other
        {
            public static void Hit() { {|TALLY004:Stats.Shared++|}; }
        }
        """);
}
