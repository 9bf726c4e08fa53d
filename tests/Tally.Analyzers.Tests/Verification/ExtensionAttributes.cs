using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Checks the attributes hosts use to discover analyzers and fixes: without them the compiler, the IDE and
/// <c>dotnet format</c> never load the type, whatever the tests say.
/// </summary>
internal static class ExtensionAttributes
{
    /// <summary>Fails unless <paramref name="analyzerType"/> has <c>[DiagnosticAnalyzer(LanguageNames.CSharp)]</c>.</summary>
    public static void CheckAnalyzer(Type analyzerType)
    {
        DiagnosticAnalyzerAttribute? attribute = analyzerType.GetCustomAttribute<DiagnosticAnalyzerAttribute>(inherit: false);
        if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp))
        {
            throw new VerificationException($"{analyzerType.Name} needs [DiagnosticAnalyzer(LanguageNames.CSharp)], or the compiler never runs it.");
        }
    }

    /// <summary>Fails unless <paramref name="fixType"/> has <c>[ExportCodeFixProvider(LanguageNames.CSharp)]</c>.</summary>
    public static void CheckCodeFix(Type fixType)
    {
        ExportCodeFixProviderAttribute? attribute = fixType.GetCustomAttribute<ExportCodeFixProviderAttribute>(inherit: false);
        if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp))
        {
            throw new VerificationException($"{fixType.Name} needs [ExportCodeFixProvider(LanguageNames.CSharp)], or the IDE and dotnet format never offer it.");
        }
    }
}
