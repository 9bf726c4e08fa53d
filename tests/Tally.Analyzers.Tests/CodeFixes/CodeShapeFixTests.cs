using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Usings, name clashes, comments and namespaces around the rewrite.</summary>
public class CodeShapeFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task MissingUsing_IsAdded_InOrder(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Text;

        namespace App
        {
            public static class Counters
            {
                private static int s_count;

                public static void Hit() => {|TALLY004:s_count++|};
            }
        }
        """, """
        using System;
        using System.Text;
        using System.Threading;

        namespace App
        {
            public static class Counters
            {
                private static int s_count;

                public static void Hit() => Interlocked.Increment(ref s_count);
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task NoUsingsAtAll_UsingGoesAfterTheFileHeader() => Verify.VerifyCodeFixAsync("""
        // Copyright (c) Example.

        namespace App;

        public static class Counters
        {
            private static int s_count;

            public static void Hit() => {|TALLY004:s_count++|};
        }
        """, """
        // Copyright (c) Example.

        using System.Threading;

        namespace App;

        public static class Counters
        {
            private static int s_count;

            public static void Hit() => Interlocked.Increment(ref s_count);
        }
        """);

    [Fact]
    public Task UsingsInsideTheNamespace_GetTheNewOneThere() => Verify.VerifyCodeFixAsync("""
        namespace App
        {
            using System;

            public static class Counters
            {
                private static int s_count;

                public static void Hit() => {|TALLY004:s_count++|};
            }
        }
        """, """
        namespace App
        {
            using System;
            using System.Threading;

            public static class Counters
            {
                private static int s_count;

                public static void Hit() => Interlocked.Increment(ref s_count);
            }
        }
        """);

    [Fact]
    public Task GlobalUsing_IsRespected() => Verify.VerifyCodeFixAsync("""
        public static class Counters
        {
            private static int s_count;

            public static void Hit() => {|TALLY004:s_count++|};
        }
        """, """
        public static class Counters
        {
            private static int s_count;

            public static void Hit() => Interlocked.Increment(ref s_count);
        }
        """, new TestOptions { AdditionalSources = new[] { "global using System.Threading;" } });

    [Fact]
    public Task UserTypeNamedInterlocked_IsNotUsed_TheFrameworkOneIsQualified() => Verify.VerifyCodeFixAsync("""
        namespace App
        {
            public static class Interlocked
            {
            }

            public static class Counters
            {
                private static int s_count;

                public static void Hit() => {|TALLY004:s_count++|};
            }
        }
        """, """
        namespace App
        {
            public static class Interlocked
            {
            }

            public static class Counters
            {
                private static int s_count;

                public static void Hit() => global::System.Threading.Interlocked.Increment(ref s_count);
            }
        }
        """);

    [Fact]
    public Task UsingThatWouldMakeTimerAmbiguous_IsNotAdded() => Verify.VerifyCodeFixAsync("""
        using System.Timers;

        public static class Ticks
        {
            private static int s_ticks;
            private static Timer s_timer;

            public static void Tick() => {|TALLY004:s_ticks++|};
        }
        """, """
        using System.Timers;

        public static class Ticks
        {
            private static int s_ticks;
            private static Timer s_timer;

            public static void Tick() => global::System.Threading.Interlocked.Increment(ref s_ticks);
        }
        """);

    [Fact]
    public Task CommentsInsideTheUpdate_AreKept() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static long s_total;

            public static void Add(long n)
            {
                {|TALLY004:s_total += /* bytes */ n|}; // running total
            }
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static long s_total;

            public static void Add(long n)
            {
                Interlocked.Add(ref s_total, /* bytes */ n); // running total
            }
        }
        """);
}
