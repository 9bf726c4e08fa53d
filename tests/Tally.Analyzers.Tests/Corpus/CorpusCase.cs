namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// One realistic source file of the "real code" corpus. Its markup (<c>{|TALLY00n:...|}</c> around the whole update
/// expression, or the read for TALLY007) says what Tally SHOULD report there; anything unmarked must stay silent.
/// </summary>
/// <param name="Name">A short name, shown in test names and the output.</param>
/// <param name="Markup">The source with the expected diagnostics marked.</param>
/// <param name="AspNetCore">Whether the file needs the ASP.NET Core reference pack (which also carries Microsoft.Extensions.*).</param>
public sealed record CorpusCase(string Name, string Markup, bool AspNetCore = false)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
