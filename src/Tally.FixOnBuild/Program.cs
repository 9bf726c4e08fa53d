using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tally.FixOnBuild
{
    /// <summary>
    /// <c>Tally.FixOnBuild @inputs.rsp</c>: applies Tally's fixes to the project's own source files and prints one line
    /// per change (file, line, what was done). Writes a file only when its text changes. Exit code 0 when it ran (fixed
    /// or not), 1 when it could not run (the build then warns and compiles the files as they are).
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            if (args.Length == 3 && args[0] == "--measure" && int.TryParse(args[1], out int times) && args[2].StartsWith('@'))
            {
                return await MeasureAsync(BuildInputs.Read(args[2].Substring(1)), times).ConfigureAwait(false);
            }

            if (args.Length != 1 || !args[0].StartsWith('@'))
            {
                Console.Error.WriteLine("usage: Tally.FixOnBuild @<response file written by the Tally.Analyzers build targets>");
                return 1;
            }

            try
            {
                BuildInputs inputs = BuildInputs.Read(args[0].Substring(1));
                await RunAsync(inputs, CancellationToken.None).ConfigureAwait(false);
                return 0;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Console.Error.WriteLine("Tally could not apply its fixes during the build: " + exception);
                return 1;
            }
        }

        /// <summary>
        /// <c>--measure N @inputs.rsp</c>: loads, analyses and fixes N times in this one process, writing nothing, and
        /// prints each time. The first run is what a build pays with this out-of-process program (apart from starting
        /// the process); the later ones are the best an in-process MSBuild task could do with Roslyn kept loaded in a
        /// reused MSBuild node. docs/build-fixes.md has the figures.
        /// </summary>
        private static async Task<int> MeasureAsync(BuildInputs inputs, int times)
        {
            IReadOnlyList<string> keys = FixSelection.PreferredKeys(inputs.Strategy);
            for (int i = 0; i < times; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Project project = ProjectLoader.Load(inputs, out AdhocWorkspace workspace);
                using (workspace)
                {
                    FixOutcome outcome = await new Fixer(keys, new SourceFilter(inputs)).RunAsync(project, CancellationToken.None).ConfigureAwait(false);
                    Console.WriteLine($"run {i + 1}: {clock.Elapsed.TotalMilliseconds:F0} ms ({project.DocumentIds.Count} documents, {outcome.Found.Length} diagnostics)");
                }
            }

            return 0;
        }

        private static async Task RunAsync(BuildInputs inputs, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> keys = FixSelection.PreferredKeys(inputs.Strategy);
            Project original = ProjectLoader.Load(inputs, out AdhocWorkspace workspace);
            using (workspace)
            {
                var filter = new SourceFilter(inputs);
                FixOutcome outcome = await new Fixer(keys, filter).RunAsync(original, cancellationToken).ConfigureAwait(false);

                int changes = 0;
                int files = 0;
                foreach (Document document in original.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
                {
                    Document? fixedDocument = outcome.Fixed.GetDocument(document.Id);
                    if (fixedDocument is null || !await filter.MayWriteAsync(document, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    SourceText before = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    SourceText after = await fixedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    if (before.ContentEquals(after))
                    {
                        continue;
                    }

                    string path = document.FilePath!;
                    string relative = Path.GetRelativePath(inputs.ProjectDirectory, path);
                    changes += Describe(relative, before, after, outcome.Found.Where(d => d.Location.SourceTree?.FilePath == path));
                    WriteText(path, after, before.Encoding);
                    files++;
                }

                if (files > 0)
                {
                    Console.WriteLine($"Tally fixed {changes} place(s) in {files} file(s) before compiling (TallyFixOnBuild, strategy {inputs.Strategy}).");
                }

                foreach (Diagnostic left in outcome.Left)
                {
                    FileLinePositionSpan span = left.Location.GetLineSpan();
                    Console.WriteLine($"Tally left {Path.GetRelativePath(inputs.ProjectDirectory, span.Path)}({span.StartLinePosition.Line + 1}): {left.Id} has no exact fix; the warning stays.");
                }
            }
        }

        /// <summary>Prints one line per changed region: <c>file(line): IDs: old -> new</c>; returns how many.</summary>
        private static int Describe(string relative, SourceText before, SourceText after, IEnumerable<Diagnostic> diagnostics)
        {
            string[] oldLines = before.Lines.Select(l => l.ToString()).ToArray();
            string[] newLines = after.Lines.Select(l => l.ToString()).ToArray();
            var diagnosticLines = diagnostics.Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line, d.Id)).ToList();
            // A region that replaced as many lines as it had is told line by line: one line per fixed update.
            List<LineChange> changes = LineDiff.Compare(oldLines, newLines)
                .SelectMany(c => c.OldEnd - c.OldStart == c.NewEnd - c.NewStart
                    ? Enumerable.Range(0, c.OldEnd - c.OldStart).Select(i => new LineChange(c.OldStart + i, c.OldStart + i + 1, c.NewStart + i, c.NewStart + i + 1))
                    : new[] { c })
                .ToList();
            foreach (LineChange change in changes)
            {
                string ids = string.Join(", ", diagnosticLines
                    .Where(d => d.Line >= change.OldStart && d.Line < Math.Max(change.OldEnd, change.OldStart + 1))
                    .Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
                string what = change.OldEnd > change.OldStart
                    ? $"{Summary(oldLines, change.OldStart, change.OldEnd)} -> {Summary(newLines, change.NewStart, change.NewEnd)}"
                    : $"added {Summary(newLines, change.NewStart, change.NewEnd)}";
                Console.WriteLine($"Tally fixed {relative}({change.OldStart + 1}): {(ids.Length > 0 ? ids + ": " : string.Empty)}{what}");
            }

            return changes.Count;
        }

        private static string Summary(string[] lines, int start, int end)
        {
            if (end <= start)
            {
                return "(nothing)";
            }

            string first = lines[start].Trim();
            return end - start == 1 ? first : $"{first} (+{end - start - 1} more line(s))";
        }

        /// <summary>Writes the text in the encoding the file had; replaces the file only after the new text is complete.</summary>
        private static void WriteText(string path, SourceText text, System.Text.Encoding? encoding)
        {
            string temporary = path + ".tally-tmp";
            using (var writer = new StreamWriter(temporary, append: false, encoding ?? new System.Text.UTF8Encoding(false)))
            {
                text.Write(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }
}
