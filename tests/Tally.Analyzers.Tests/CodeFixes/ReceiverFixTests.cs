using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using AnyVerify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.Tests.CodeFixes.AnyUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Receivers: this.x, other.x, Type.x, array elements and captured locals. The receiver and index are evaluated once,
/// as in the original. (The test-only <see cref="AnyUpdateAnalyzer"/> reports every update, so every receiver is covered.)
/// </summary>
public class ReceiverFixTests
{
    [Fact]
    public Task InstanceAndStaticReceivers_ArePassedByRef() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Node
        {
            private static int s_all;
            private int _hits;
            private Node _next;

            public void Hit(Node other)
            {
                {|TALLY005:this._hits++|};
                {|TALLY005:other._hits += 2|};
                {|TALLY004:Node.s_all++|};
                {|TALLY005:_next._next._hits--|};
                {|TALLY005:this._hits = _hits + 1|};
            }
        }
        """, """
        using System.Threading;

        public class Node
        {
            private static int s_all;
            private int _hits;
            private Node _next;

            public void Hit(Node other)
            {
                Interlocked.Increment(ref this._hits);
                Interlocked.Add(ref other._hits, 2);
                Interlocked.Increment(ref Node.s_all);
                Interlocked.Decrement(ref _next._next._hits);
                Interlocked.Increment(ref this._hits);
            }
        }
        """);

    [Fact]
    public Task ArrayElements_WithSideEffectsInTheIndex_AreEvaluatedOnce() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Histogram
        {
            private readonly int[] _buckets = new int[8];

            private int[] Buckets() => _buckets;

            public void Record(int i)
            {
                {|TALLY005:_buckets[i]++|};
                {|TALLY005:Buckets()[i++] += 2|};
                {|TALLY005:Buckets()[i++] *= 2|};
            }
        }
        """, $$"""
        using System.Threading;

        public class Histogram
        {
            private readonly int[] _buckets = new int[8];

            private int[] Buckets() => _buckets;

            public void Record(int i)
            {
                Interlocked.Increment(ref _buckets[i]);
                Interlocked.Add(ref Buckets()[i++], 2);
                AtomicMultiply(ref Buckets()[i++], 2);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "int", "unchecked(current * value)", "location * value")}}
        }
        """);

    [Fact]
    public Task CapturedLocals_InLambdas_ArePassedByRef() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public static class Work
        {
            public static int Count(int n)
            {
                int done = 0;
                long product = 1;
                Parallel.For(0, n, i =>
                {
                    {|TALLY003:done++|};
                    {|TALLY003:product *= 2|};
                });
                return done;
            }
        }
        """, $$"""
        using System.Threading;
        using System.Threading.Tasks;

        public static class Work
        {
            public static int Count(int n)
            {
                int done = 0;
                long product = 1;
                Parallel.For(0, n, i =>
                {
                    Interlocked.Increment(ref done);
                    AtomicMultiply(ref product, 2);
                });
                return done;
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "long", "unchecked(current * value)", "location * value")}}
        }
        """);

    [Fact]
    public Task StructField_ThroughThis_IsPassedByRef() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;

        public struct Slot
        {
            private int _value;

            public void Bump()
            {
                {|TALLY005:_value++|};
            }
        }
        """, """
        using System.Threading;

        public struct Slot
        {
            private int _value;

            public void Bump()
            {
                Interlocked.Increment(ref _value);
            }
        }
        """);

    [Fact]
    public Task TopLevelStatements_WithNoTypeForAHelper_GetAnInlineLoop() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        long product = 1;
        Parallel.For(0, 4, i =>
        {
            {|TALLY003:product *= 3|};
        });
        System.Console.WriteLine(product);
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        long product = 1;
        Parallel.For(0, 4, i =>
        {
            while (true)
            {
                long old = Volatile.Read(ref product);
                if (Interlocked.CompareExchange(ref product, old * 3, old) == old)
                {
                    break;
                }
            }
        });
        System.Console.WriteLine(product);
        """, new TestOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });
    [Fact]
    public Task InterfaceStaticField_WithNoClassForAHelper_GetsAnInlineLoop() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;

        public interface IRegistry
        {
            static int s_version;

            static void Bump(int factor)
            {
                {|TALLY004:s_version *= factor|};
            }
        }
        """, """
        using System.Threading;

        public interface IRegistry
        {
            static int s_version;

            static void Bump(int factor)
            {
                while (true)
                {
                    int old = Volatile.Read(ref s_version);
                    if (Interlocked.CompareExchange(ref s_version, old * factor, old) == old)
                    {
                        break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task BrokenCodeElsewhere_DoesNotStopTheFix() => AnyVerify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit()
            {
                {|TALLY004:s_count++|};
                Undefined();
            }
        }
        """, """
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit()
            {
                Interlocked.Increment(ref s_count);
                Undefined();
            }
        }
        """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0103" } });
}
