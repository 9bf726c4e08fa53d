namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 7 (reported): <c>_checksum = _checksum * 31 + hash</c> and <c>_backoff = _backoff * 2 + 1</c> (the field read
/// inside a larger expression) updated by parallel workers: lost updates, like <c>x += n</c>.
/// </summary>
internal static class MultiplyAddCase
{
    public static CorpusCase Case { get; } = new("MultiplyAdd", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Integrity
        {
            public sealed class ChunkVerifier
            {
                private long _checksum = 17;
                private int _backoff = 1;

                public long Verify(IEnumerable<byte[]> chunks)
                {
                    Parallel.ForEach(chunks, chunk =>
                    {
                        long hash = 0;
                        foreach (byte b in chunk)
                        {
                            hash = hash * 31 + b;
                        }

                        if (hash == 0)
                        {
                            {|TALLY003:_backoff = _backoff * 2 + 1|};
                        }

                        {|TALLY003:_checksum = _checksum * 31 + hash|};
                    });
                    return _checksum;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.MultiplyAddShape,
    };
}
