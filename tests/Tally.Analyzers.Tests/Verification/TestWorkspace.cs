using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Builds the solution a test runs in: one C# project <c>/0/TestProject.csproj</c> holding the documents
/// <c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>, ... and the analyzer config document <c>/.editorconfig</c>.
/// </summary>
internal static class TestWorkspace
{
    /// <summary>Path of the editorconfig document.</summary>
    public const string EditorConfigPath = "/.editorconfig";

    /// <summary>Path of document <paramref name="index"/>.</summary>
    public static string DocumentPath(int index) => $"/0/Test{index}.cs";

    /// <summary>Creates a fresh solution (own workspace) with the given document texts.</summary>
    public static Project CreateProject(IReadOnlyList<string> sources, TestOptions options)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId("TestProject");
        var documents = sources
            .Select((text, index) => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, DocumentPath(index)),
                $"Test{index}.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text, Encoding.UTF8), VersionStamp.Create(), DocumentPath(index))),
                filePath: DocumentPath(index)))
            .ToList();
        var editorConfig = DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, EditorConfigPath),
            ".editorconfig",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(EditorConfigText(options), Encoding.UTF8), VersionStamp.Create(), EditorConfigPath)),
            filePath: EditorConfigPath);

        ProjectInfo project = ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                name: "TestProject",
                assemblyName: "TestProject",
                language: LanguageNames.CSharp,
                filePath: "/0/TestProject.csproj",
                compilationOptions: CompilationOptions(options),
                parseOptions: ParseOptions(options),
                documents: documents,
                metadataReferences: ReferenceAssemblies.For(options).Concat(options.AdditionalReferences))
            .WithAnalyzerConfigDocuments(new[] { editorConfig });

        Solution solution = workspace.CurrentSolution.AddProject(project);
        for (int n = 1; n <= options.AdditionalProjects.Count; n++)
        {
            solution = AddDependentProject(solution, n, options.AdditionalProjects[n - 1], projectId, options);
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>Path of document <paramref name="index"/> of project <paramref name="project"/> (0 is the test project).</summary>
    public static string DocumentPath(int project, int index) => $"/{project}/Test{index}.cs";

    /// <summary>The projects of <paramref name="solution"/> in order: the test project, then the additional projects.</summary>
    public static ImmutableArray<Project> Projects(Solution solution) =>
        solution.Projects.OrderBy(p => p.Name == "TestProject" ? 0 : int.Parse(p.Name.Substring("TestProject".Length), System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray();

    /// <summary>The documents of any project of the test solution in index order.</summary>
    public static ImmutableArray<Document> DocumentsOfAnyProject(Project project) =>
        project.Documents.OrderBy(d => d.Name.Length).ThenBy(d => d.Name, System.StringComparer.Ordinal).ToImmutableArray();

    /// <summary>Adds project <c>/n/</c> (assembly <c>TestProjectN</c>), which references the test project.</summary>
    private static Solution AddDependentProject(Solution solution, int n, IReadOnlyList<string> sources, ProjectId testProject, TestOptions options)
    {
        ProjectId id = ProjectId.CreateNewId($"TestProject{n}");
        var documents = sources
            .Select((text, index) => DocumentInfo.Create(
                DocumentId.CreateNewId(id, DocumentPath(n, index)),
                $"Test{index}.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text, Encoding.UTF8), VersionStamp.Create(), DocumentPath(n, index))),
                filePath: DocumentPath(n, index)))
            .ToList();
        ProjectInfo info = ProjectInfo.Create(
            id,
            VersionStamp.Create(),
            name: $"TestProject{n}",
            assemblyName: $"TestProject{n}",
            language: LanguageNames.CSharp,
            filePath: $"/{n}/TestProject{n}.csproj",
            compilationOptions: CompilationOptions(options),
            parseOptions: ParseOptions(options),
            documents: documents,
            projectReferences: new[] { new ProjectReference(testProject) },
            metadataReferences: ReferenceAssemblies.For(options).Concat(options.AdditionalReferences));
        return solution.AddProject(info);
    }

    /// <summary>The editorconfig text: <c>root = true</c> and a <c>[*.cs]</c> section with <see cref="TestOptions.EditorConfig"/>.</summary>
    public static string EditorConfigText(TestOptions options) =>
        "root = true\n\n[*.cs]\n" + (options.EditorConfig ?? string.Empty).Replace("\r\n", "\n") + "\n";

    /// <summary>Parse options for <paramref name="options"/>.</summary>
    public static CSharpParseOptions ParseOptions(TestOptions options) =>
        new(options.LanguageVersion, DocumentationMode.Parse);

    /// <summary>Compilation options: output kind, overflow checks, unsafe allowed, nullable enabled where the language has it.</summary>
    public static CSharpCompilationOptions CompilationOptions(TestOptions options)
    {
        bool hasNullable = ParseOptions(options).LanguageVersion >= LanguageVersion.CSharp8;
        return new CSharpCompilationOptions(
            options.OutputKind,
            checkOverflow: options.CheckOverflow,
            allowUnsafe: true,
            nullableContextOptions: hasNullable ? NullableContextOptions.Enable : NullableContextOptions.Disable);
    }

    /// <summary>The project's C# documents in index order.</summary>
    public static ImmutableArray<Document> Documents(Project project) =>
        project.Documents.OrderBy(d => DocumentIndex(d.FilePath)).ToImmutableArray();

    /// <summary>The index of the document at <paramref name="path"/>, or -1 for anything else (no location, other files).</summary>
    public static int DocumentIndex(string? path)
    {
        const string prefix = "/0/Test";
        if (path is null || !path.StartsWith(prefix, System.StringComparison.Ordinal) || !path.EndsWith(".cs", System.StringComparison.Ordinal))
        {
            return -1;
        }

        string number = path.Substring(prefix.Length, path.Length - prefix.Length - 3);
        return int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? index : -1;
    }
}
