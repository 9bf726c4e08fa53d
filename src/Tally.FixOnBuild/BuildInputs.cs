using System;
using System.Collections.Generic;
using System.IO;

namespace Tally.FixOnBuild
{
    /// <summary>
    /// What the compiler would get, as the build targets pass it: one <c>name=value</c> per line of a response file
    /// (names that repeat, such as <c>compile</c>, are lists).
    /// </summary>
    internal sealed class BuildInputs
    {
        private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

        /// <summary>The project's folder: only files under it (and not under <see cref="IntermediateDirectory"/>) are written.</summary>
        public string ProjectDirectory => FullDirectory(Single("project-dir"));

        /// <summary>The project's obj/ folder (BaseIntermediateOutputPath): never written.</summary>
        public string IntermediateDirectory => FullDirectory(Single("obj-dir"));

        public string AssemblyName => Single("assembly-name", "Project");

        public IReadOnlyList<string> SourceFiles => List("compile");

        public IReadOnlyList<string> References => List("reference");

        /// <summary>.editorconfig and global analyzer config files, as the compiler gets them.</summary>
        public IReadOnlyList<string> AnalyzerConfigFiles => List("editorconfig");

        public string DefineConstants => Single("define", string.Empty);

        public string LanguageVersion => Single("langversion", string.Empty);

        public string Nullable => Single("nullable", string.Empty);

        public bool AllowUnsafe => Flag("unsafe");

        public bool CheckOverflow => Flag("checked");

        public string OutputType => Single("output-type", "Library");

        /// <summary>Diagnostic IDs the project turns off with NoWarn: not fixed, as the compiler does not report them.</summary>
        public string NoWarn => Single("nowarn", string.Empty);

        /// <summary><c>interlocked</c> (default) or <c>counter</c>: TallyFixOnBuildStrategy.</summary>
        public string Strategy => Single("strategy", "interlocked");

        public static BuildInputs Read(string responseFile)
        {
            var inputs = new BuildInputs();
            foreach (string line in File.ReadAllLines(responseFile))
            {
                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                string name = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                if (!inputs._values.TryGetValue(name, out List<string>? list))
                {
                    inputs._values[name] = list = new List<string>();
                }

                if (value.Length > 0)
                {
                    list.Add(value);
                }
            }

            return inputs;
        }

        private IReadOnlyList<string> List(string name) => _values.TryGetValue(name, out List<string>? list) ? list : Array.Empty<string>();

        private string Single(string name, string? fallback = null)
        {
            if (_values.TryGetValue(name, out List<string>? list) && list.Count > 0)
            {
                return list[list.Count - 1];
            }

            return fallback ?? throw new InvalidDataException($"The response file has no '{name}=' line.");
        }

        private bool Flag(string name) => string.Equals(Single(name, "false"), "true", StringComparison.OrdinalIgnoreCase);

        private static string FullDirectory(string path)
            => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
    }
}
