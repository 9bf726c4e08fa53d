using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer,
    Tally.CodeFixes.InterlockedMisuse.InterlockedMisuseCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// The locals the TALLY006/007 fixes add are named by the same rule as the TALLY001-005 loop's (Common/UniqueNames): a
/// name that already binds where the local goes is passed over even when the member never uses it, so the new local
/// hides nothing.
/// </summary>
public class GeneratedNameFixTests
{
    [Fact]
    public Task ReadAfterFix_NameOfAnotherMemberOfTheType_IsNotReused() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class RoundRobin
        {
            private readonly string[] _items = { "a", "b", "c" };
            private int _next;

            public string Pick()
            {
                Interlocked.Increment(ref _next);
                return _items[{|TALLY007:_next|} % _items.Length];
            }

            public static int next(int i) => i + 1;
        }
        """, """
        using System.Threading;

        public class RoundRobin
        {
            private readonly string[] _items = { "a", "b", "c" };
            private int _next;

            public string Pick()
            {
                var next2 = Interlocked.Increment(ref _next);
                return _items[next2 % _items.Length];
            }

            public static int next(int i) => i + 1;
        }
        """);

    [Fact]
    public Task CompareExchangeLoopFix_NamesOfOtherMembersOfTheType_AreNotReused() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Meter
        {
            private int _total;

            public static int initial => 0;

            public void Record(int n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, _total * n)|};
            }

            public static int computed() => 0;
        }
        """, """
        using System.Threading;

        public class Meter
        {
            private int _total;

            public static int initial => 0;

            public void Record(int n)
            {
                int initial2, computed2;
                do
                {
                    initial2 = _total;
                    computed2 = initial2 * n;
                }
                while (Interlocked.CompareExchange(ref _total, computed2, initial2) != initial2);
            }

            public static int computed() => 0;
        }
        """);
}
