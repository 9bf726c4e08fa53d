using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An enumerator belongs to its consumer: <c>MoveNext</c> and <c>Current</c> are called by one loop at a time, so a
/// paging cursor's page index is not shared because its <c>Reset</c> swaps it with Interlocked. A page fetch the
/// enumerator starts on the thread pool still overlaps with the consumer.
/// </summary>
public class EnumeratorContractTests
{
    private const string Cursor = """
        using System.Collections;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class PageCursor : IEnumerator<int>
        {
            private readonly int[][] _pages;
            private int _page;
            private int _offset = -1;

            public PageCursor(int[][] pages) { _pages = pages; }

            public int Current => _pages[_page][_offset];

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                _offset++;
                if (_offset < _pages[_page].Length)
                {
                    return true;
                }

                _page++;
                _offset = 0;
                return _page < _pages.Length && _pages[_page].Length > 0;
            }

            public void Reset()
            {
                Interlocked.Exchange(ref _page, 0);
                _offset = -1;
            }

            public void Dispose() { }
        }
        """;

    [Fact]
    public Task PageIndexMovedByTheConsumersMoveNextBesideAnInterlockedReset_IsNotReported() => Verify.VerifyAnalyzerAsync(Cursor);

    [Fact]
    public Task PageIndexOfACursorThatIsNoEnumerator_IsReported() => Verify.VerifyAnalyzerAsync(Cursor
        .Edit("public sealed class PageCursor : IEnumerator<int>", "public sealed class PageCursor")
        .Edit("object IEnumerator.Current => Current;", string.Empty)
        .Edit("_page++;", "{|TALLY001:_page++|};"));

    [Fact]
    public Task PageIndexOfAnEnumeratorWithEnumeratorsSwitchedOff_IsReported() => Verify.VerifyAnalyzerAsync(Cursor
        .Edit("_page++;", "{|TALLY001:_page++|};"),
        new TestOptions { EditorConfig = "tally.one_caller_evidence = stream" });

    [Fact]
    public Task PageIndexAlsoMovedByAPrefetchTheEnumeratorStarts_IsStillReported() => Verify.VerifyAnalyzerAsync(Cursor
        .Edit("_page++;", "{|TALLY001:_page++|};")
        .Edit("public void Dispose() { }", "public void Prefetch() => Task.Run(() => { {|TALLY001:_page++|}; });\n\n    public void Dispose() { }"));
}
