namespace Tally.Analyzers.Tests.Corpus;

/// <summary>How a corpus compares what the analyzers report with what its markup expects.</summary>
public enum CorpusMatching
{
    /// <summary>Same rule ID, same document, same span: the old corpus, written against today's rule split.</summary>
    Exact,

    /// <summary>
    /// Any rule of the non-atomic update analyzer (TALLY001-005 today) stands for any other, and a reported span
    /// matches an expected one in the same document when one contains the other; each report matches at most one
    /// expectation. The new corpus (issue 9) says WHERE a lost update is, not which evidence rule a model files it
    /// under, so it keeps scoring when the rules are regrouped or a diagnostic covers the assignment rather than
    /// the whole statement. TALLY006 and TALLY007 still match by their own ID.
    /// </summary>
    AnyUpdateRule,
}
