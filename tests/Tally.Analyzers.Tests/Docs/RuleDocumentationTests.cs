using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Tally.Analyzers.Tests.Docs
{
    /// <summary>
    /// Keeps every rule's descriptor, documentation page, release tracking entry and README row in step.
    /// The rules are found by reflection: every descriptor a <see cref="DiagnosticAnalyzer"/> in Tally.Analyzers
    /// supports, and every <see cref="DiagnosticDescriptor"/> field the assembly declares.
    /// </summary>
    public sealed class RuleDocumentationTests
    {
        private const string HelpLinkBase = "https://github.com/tally-dotnet/tally/blob/main/docs/rules/";

        private static readonly Assembly s_analyzerAssembly = typeof(DiagnosticIds).Assembly;

        private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

        /// <summary>The sections every rule page has: a heading that matches one of the patterns, for each.</summary>
        private static readonly (string Section, Regex Heading)[] s_requiredSections =
        {
            ("what it flags", new Regex(@"what\b.*\b(flag|report|detect|find)|^description$|^rule description$", RegexOptions.IgnoreCase)),
            ("why", new Regex(@"\bwhy\b", RegexOptions.IgnoreCase)),
            ("bad code", new Regex(@"\bbad\b|non-?compliant|\bviolat", RegexOptions.IgnoreCase)),
            ("good code", new Regex(@"\bgood\b|(?<!non-?)\bcompliant\b|\bfix", RegexOptions.IgnoreCase)),
            ("configuration", new Regex(@"config|\boptions?\b|\bsettings?\b", RegexOptions.IgnoreCase)),
        };

        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (string id in AllDescriptors().Keys.OrderBy(id => id, StringComparer.Ordinal))
            {
                data.Add(id);
            }

            return data;
        }

        [Fact]
        public void EveryRuleId_IsSupportedByAnAnalyzer()
        {
            string[] declared = DeclaredRuleIds();
            var supported = AnalyzerDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            string[] unsupported = declared.Where(id => !supported.Contains(id)).ToArray();

            Assert.NotEmpty(declared);
            Assert.True(
                unsupported.Length == 0,
                $"No DiagnosticAnalyzer in {s_analyzerAssembly.GetName().Name} supports: {string.Join(", ", unsupported)}");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void HelpLink_PointsToTheRulePage(string id)
        {
            foreach (DiagnosticDescriptor descriptor in AllDescriptors()[id])
            {
                Assert.Equal(HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RulePage_Exists_WithEverySection(string id)
        {
            string path = Path.Combine(s_repositoryRoot.Value, "docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing.");

            string[] lines = File.ReadAllLines(path);
            var headings = lines
                .Select((text, index) => (Text: text.Trim(), Index: index))
                .Where(l => l.Text.StartsWith('#'))
                .Select(l => (Title: l.Text.TrimStart('#').Trim(), l.Index))
                .ToList();

            Assert.True(
                headings.Count > 0 && headings[0].Title.Contains(id, StringComparison.Ordinal),
                $"docs/rules/{id}.md must start with a heading that names {id}.");

            foreach ((string section, Regex pattern) in s_requiredSections)
            {
                int at = headings.FindIndex(1, h => pattern.IsMatch(h.Title));
                Assert.True(
                    at > 0,
                    $"docs/rules/{id}.md has no '{section}' section. Its headings: {string.Join(" | ", headings.Select(h => h.Title))}");

                if (section is "bad code" or "good code")
                {
                    int end = at + 1 < headings.Count ? headings[at + 1].Index : lines.Length;
                    bool hasCode = lines.Skip(headings[at].Index + 1).Take(end - headings[at].Index - 1)
                        .Any(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
                    Assert.True(hasCode, $"The '{headings[at].Title}' section of docs/rules/{id}.md has no code block.");
                }
            }
        }

        [Fact]
        public void EveryRulePage_BelongsToARule()
        {
            string directory = Path.Combine(s_repositoryRoot.Value, "docs", "rules");
            var known = AllDescriptors().Keys.ToHashSet(StringComparer.Ordinal);
            string[] orphans = Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory, "*.md")
                    .Select(Path.GetFileNameWithoutExtension)
                    .Where(name => name is not null && name.StartsWith("TALLY", StringComparison.Ordinal) && !known.Contains(name))
                    .Select(name => name!)
                    .ToArray()
                : Array.Empty<string>();

            Assert.True(orphans.Length == 0, $"Rule pages without a rule: {string.Join(", ", orphans)}");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void ReleaseTracking_ListsTheRule_WithItsCategoryAndSeverity(string id)
        {
            IReadOnlyDictionary<string, (string Category, string Severity)> tracked = ReadReleaseTracking();
            Assert.True(
                tracked.TryGetValue(id, out var entry),
                $"{id} is in neither AnalyzerReleases.Shipped.md nor AnalyzerReleases.Unshipped.md (or it is listed as removed).");

            foreach (DiagnosticDescriptor descriptor in AllDescriptors()[id])
            {
                string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
                Assert.Equal((descriptor.Category, severity), entry);
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void ReadmeRulesTable_HasARow_WithTitleSeverityAndLink(string id)
        {
            string readme = File.ReadAllText(Path.Combine(s_repositoryRoot.Value, "README.md"));
            string? row = readme.Split('\n')
                .Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith('|') && l.Split('|').Skip(1).FirstOrDefault()?.Contains(id, StringComparison.Ordinal) == true);

            Assert.True(row is not null, $"README.md's rules table has no row for {id}.");
            Assert.Contains($"docs/rules/{id}.md", row!, StringComparison.Ordinal);
            foreach (DiagnosticDescriptor descriptor in AllDescriptors()[id])
            {
                Assert.Contains(descriptor.Title.ToString(), row, StringComparison.Ordinal);
                Assert.Contains(descriptor.DefaultSeverity.ToString(), row, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void ReadmeRulesTable_SaysYesInTheCodeFixColumn_ExactlyWhenACodeFixProviderFixesTheRule(string id)
        {
            string[] table = ReadmeRulesTable();
            string[] header = Cells(table[0]);
            int column = Array.FindIndex(header, c => string.Equals(c, "Code fix", StringComparison.OrdinalIgnoreCase));
            Assert.True(column >= 0, "README.md's rules table has no 'Code fix' column. Header: " + table[0]);

            string? row = table.Skip(2).FirstOrDefault(l => Cells(l).FirstOrDefault()?.Contains(id, StringComparison.Ordinal) == true);
            Assert.True(row is not null, $"README.md's rules table has no row for {id}.");
            string cell = Cells(row!)[column];
            string expected = FixableIds().Contains(id) ? "yes" : "no";
            Assert.True(
                string.Equals(cell, expected, StringComparison.OrdinalIgnoreCase),
                $"The 'Code fix' cell of {id} says '{cell}'; a code fix provider for it {(expected == "yes" ? "exists" : "does not exist")}, so it must say '{expected}'.");
        }

        /// <summary>The lines of README.md's rules table: the header (the first table line whose first cell is "ID"), the separator and the rows.</summary>
        private static string[] ReadmeRulesTable()
        {
            string[] lines = File.ReadAllLines(Path.Combine(s_repositoryRoot.Value, "README.md")).Select(l => l.Trim()).ToArray();
            int start = Array.FindIndex(lines, l => l.StartsWith('|') && Cells(l).FirstOrDefault() == "ID");
            Assert.True(start >= 0, "README.md has no rules table (a table whose first column is 'ID').");
            return lines.Skip(start).TakeWhile(l => l.StartsWith('|')).ToArray();
        }

        /// <summary>The cells of a Markdown table row; escaped bars (<c>\|</c>) stay inside their cell.</summary>
        private static string[] Cells(string row)
            => Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();

        /// <summary>Every ID some <see cref="CodeFixProvider"/> in Tally.CodeFixes declares it fixes.</summary>
        private static HashSet<string> FixableIds()
            => Assembly.Load("Tally.CodeFixes").GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
                .ToHashSet(StringComparer.Ordinal);

        private static IReadOnlyDictionary<string, ImmutableArray<DiagnosticDescriptor>> AllDescriptors()
            => AnalyzerDescriptors()
                .Concat(DeclaredDescriptors())
                .GroupBy(d => d.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Distinct().ToImmutableArray(), StringComparer.Ordinal);

        private static IEnumerable<DiagnosticDescriptor> AnalyzerDescriptors()
            => s_analyzerAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

        private static IEnumerable<DiagnosticDescriptor> DeclaredDescriptors()
            => s_analyzerAssembly.GetTypes()
                .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor) && !f.DeclaringType!.ContainsGenericParameters)
                .Select(f => (DiagnosticDescriptor?)f.GetValue(null))
                .Where(d => d is not null)
                .Select(d => d!);

        private static string[] DeclaredRuleIds()
            => typeof(DiagnosticIds).GetFields(BindingFlags.Static | BindingFlags.Public)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .OrderBy(id => id, StringComparer.Ordinal)
                .ToArray();

        /// <summary>
        /// The rules as the release tracking files leave them: Shipped.md then Unshipped.md, each "New Rules" row
        /// adds a rule, each "Changed Rules" row changes it, each "Removed Rules" row removes it.
        /// </summary>
        private static IReadOnlyDictionary<string, (string Category, string Severity)> ReadReleaseTracking()
        {
            var rules = new Dictionary<string, (string Category, string Severity)>(StringComparer.Ordinal);
            foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                string path = Path.Combine(s_repositoryRoot.Value, "src", "Tally.Analyzers", file);
                string section = string.Empty;
                foreach (string rawLine in File.ReadAllLines(path))
                {
                    string line = rawLine.Trim();
                    if (line.StartsWith("###", StringComparison.Ordinal))
                    {
                        section = line.TrimStart('#').Trim();
                        continue;
                    }

                    string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                    if (cells.Length < 3 || !Regex.IsMatch(cells[0], @"^[A-Z]+\d+$"))
                    {
                        continue;
                    }

                    if (section.StartsWith("New", StringComparison.OrdinalIgnoreCase) ||
                        section.StartsWith("Changed", StringComparison.OrdinalIgnoreCase))
                    {
                        rules[cells[0]] = (cells[1], cells[2]);
                    }
                    else if (section.StartsWith("Removed", StringComparison.OrdinalIgnoreCase))
                    {
                        rules.Remove(cells[0]);
                    }
                }
            }

            return rules;
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzer.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Analyzer.sln in {AppContext.BaseDirectory} or any folder above it.");
        }
    }
}
