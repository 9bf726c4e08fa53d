using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Tally.FixOnBuild
{
    /// <summary>Builds a workspace project from the compiler's inputs: sources, references, options, .editorconfig files.</summary>
    internal static class ProjectLoader
    {
        public static Project Load(BuildInputs inputs, out AdhocWorkspace workspace)
        {
            workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
            var projectId = ProjectId.CreateNewId(inputs.AssemblyName);

            var parseOptions = new CSharpParseOptions(
                ParseLanguageVersion(inputs.LanguageVersion),
                DocumentationMode.Parse,
                SourceCodeKind.Regular,
                inputs.DefineConstants.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

            var noWarn = inputs.NoWarn.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => id.All(char.IsDigit) ? "CS" + id.PadLeft(4, '0') : id)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToDictionary(id => id, _ => ReportDiagnostic.Suppress, StringComparer.OrdinalIgnoreCase);

            var compilationOptions = new CSharpCompilationOptions(
                ParseOutputKind(inputs.OutputType),
                nullableContextOptions: ParseNullable(inputs.Nullable),
                allowUnsafe: inputs.AllowUnsafe,
                checkOverflow: inputs.CheckOverflow,
                specificDiagnosticOptions: noWarn);

            var documents = inputs.SourceFiles
                .Where(File.Exists)
                .Distinct(StringComparer.Ordinal)
                .Select(path => DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, path),
                    Path.GetFileName(path),
                    loader: TextLoader.From(TextAndVersion.Create(ReadText(path), VersionStamp.Create(), path)),
                    filePath: path))
                .ToList();

            var configs = inputs.AnalyzerConfigFiles
                .Where(File.Exists)
                .Distinct(StringComparer.Ordinal)
                .Select(path => DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, path),
                    Path.GetFileName(path),
                    loader: TextLoader.From(TextAndVersion.Create(ReadText(path), VersionStamp.Create(), path)),
                    filePath: path))
                .ToList();

            var references = inputs.References
                .Where(File.Exists)
                .Distinct(StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToList();

            var project = ProjectInfo.Create(
                    projectId,
                    VersionStamp.Create(),
                    inputs.AssemblyName,
                    inputs.AssemblyName,
                    LanguageNames.CSharp,
                    filePath: Path.Combine(inputs.ProjectDirectory, inputs.AssemblyName + ".csproj"),
                    compilationOptions: compilationOptions,
                    parseOptions: parseOptions,
                    documents: documents,
                    metadataReferences: references)
                .WithAnalyzerConfigDocuments(configs);

            Solution solution = workspace.CurrentSolution.AddProject(project);
            return solution.GetProject(projectId)!;
        }

        /// <summary>The file's text, with the encoding it was read in (detected from a byte order mark, UTF-8 otherwise).</summary>
        public static SourceText ReadText(string path)
        {
            using FileStream stream = File.OpenRead(path);
            return SourceText.From(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false, canBeEmbedded: false);
        }

        private static LanguageVersion ParseLanguageVersion(string text)
            => LanguageVersionFacts.TryParse(text, out LanguageVersion version) ? version : LanguageVersion.Default;

        private static NullableContextOptions ParseNullable(string text) => text.ToLowerInvariant() switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };

        private static OutputKind ParseOutputKind(string text) => text.ToLowerInvariant() switch
        {
            "exe" => OutputKind.ConsoleApplication,
            "winexe" => OutputKind.WindowsApplication,
            "module" => OutputKind.NetModule,
            _ => OutputKind.DynamicallyLinkedLibrary,
        };
    }
}
