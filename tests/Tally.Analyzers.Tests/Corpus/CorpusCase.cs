using System;
using System.Collections.Generic;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// One realistic case of the "real code" corpus: a source file, and optionally more files of the same project. Its
/// markup (<c>{|TALLY00n:...|}</c> around the whole update expression, or the read for TALLY007) says what Tally
/// SHOULD report there; anything unmarked must stay silent.
/// </summary>
/// <param name="Name">A short name, shown in test names and the output.</param>
/// <param name="Markup">The source with the expected diagnostics marked (document 0).</param>
/// <param name="AspNetCore">Whether the file needs the ASP.NET Core reference pack (which also carries Microsoft.Extensions.*).</param>
public sealed record CorpusCase(string Name, string Markup, bool AspNetCore = false)
{
    /// <summary>
    /// More files of the same compilation (documents 1, 2, ...), each with markup of its own. Patterns that span
    /// types, such as concurrency started in one type and an update in another, are spread over files as in a real
    /// project, so the analysis must look beyond the document and type it analyses.
    /// </summary>
    public IReadOnlyList<string> MoreFiles { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The case expects no diagnostic at all, on purpose (correct code that must stay silent). Set so that a case
    /// without markup is never an oversight: the corpus checks that a case marks something exactly when it is not clean.
    /// </summary>
    public bool Clean { get; init; }

    /// <summary>The pattern of issue 9 the case stands for (one of <see cref="Issue9Patterns"/>), or null for the old corpus.</summary>
    public string? Pattern { get; init; }

    /// <summary>Every file of the case, <see cref="Markup"/> first.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            var files = new List<string>(1 + MoreFiles.Count) { Markup };
            files.AddRange(MoreFiles);
            return files;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
