using System;
using System.IO;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>Finds the repository this test assembly was built from.</summary>
    public static class Repository
    {
        private static readonly Lazy<string> s_root = new(FindRoot);

        /// <summary>The folder that holds <c>Analyzer.sln</c>.</summary>
        public static string Root => s_root.Value;

        private static string FindRoot()
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
