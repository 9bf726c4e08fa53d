using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.Common
{
    /// <summary>The <c>.editorconfig</c> options of a document, read the way the analyzers read them.</summary>
    internal static class DocumentTallyOptions
    {
        /// <summary>
        /// The options that apply to <paramref name="tree"/> in <paramref name="document"/>'s project, so that a fix
        /// re-running an analyzer check (is a lock held?) decides as the analyzer did.
        /// </summary>
        public static TallyOptions Of(Document document, SyntaxTree tree)
            => TallyOptions.Parse(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree));
    }
}
