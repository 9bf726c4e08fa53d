using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>How a test source is compiled, configured and checked.</summary>
public sealed class TestOptions
{
    /// <summary>The options every verify call uses when it is given none.</summary>
    public static TestOptions Default { get; } = new();

    /// <summary>C# language version of the test sources (e.g. <see cref="LanguageVersion.CSharp7_3"/>).</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>The reference assemblies to compile against.</summary>
    public TestTargetFramework TargetFramework { get; init; } = TestTargetFramework.Net;

    /// <summary>Also reference the <c>Microsoft.AspNetCore.App.Ref</c> assemblies (only with <see cref="TestTargetFramework.Net"/>).</summary>
    public bool AspNetCore { get; init; }

    /// <summary>Lines for the <c>[*.cs]</c> section of the test project's <c>/.editorconfig</c>, e.g. <c>"tally.foo = bar"</c>.</summary>
    public string? EditorConfig { get; init; }

    /// <summary>Compile with overflow checking on (<c>CheckForOverflowUnderflow=true</c>).</summary>
    public bool CheckOverflow { get; init; }

    /// <summary>More documents of the test project (<c>/0/Test1.cs</c>, ...); they may contain markup.</summary>
    public IReadOnlyList<string> AdditionalSources { get; init; } = Array.Empty<string>();

    /// <summary>
    /// More projects in the test solution, each a list of plain sources (no markup): project <c>n</c> (1, 2, ...) holds
    /// <c>/n/Test0.cs</c>, ... and references the test project <c>/0/</c> and <see cref="AdditionalReferences"/>. Only
    /// the test project is analysed; fixes may change every project (see <see cref="SolutionFixVerifier{TAnalyzer, TCodeFix}"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> AdditionalProjects { get; init; } = Array.Empty<IReadOnlyList<string>>();

    /// <summary>More metadata references of the test project.</summary>
    public IReadOnlyList<MetadataReference> AdditionalReferences { get; init; } = Array.Empty<MetadataReference>();

    /// <summary>Compiler diagnostic IDs (e.g. <c>"CS0103"</c>) a test of broken code expects; any other compiler error fails the test.</summary>
    public IReadOnlyList<string> AllowedCompilerDiagnostics { get; init; } = Array.Empty<string>();

    /// <summary>Which code action to apply (0 = first) among those the provider registers for a diagnostic.</summary>
    public int CodeActionIndex { get; init; }

    /// <summary>The diagnostic ID that <c>[|...|]</c> stands for when the analyzer supports several.</summary>
    public string? DefaultDiagnosticId { get; init; }

    /// <summary>Kind of the compiled output; <see cref="OutputKind.ConsoleApplication"/> for top-level statements.</summary>
    public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;
}
