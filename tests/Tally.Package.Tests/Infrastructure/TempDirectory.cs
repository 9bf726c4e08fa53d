using System;
using System.IO;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>A fresh folder under the system temp folder (outside the repository), deleted on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        /// <summary>The folder's full path.</summary>
        public string Path { get; }

        /// <summary>Creates (if needed) and returns a sub-folder.</summary>
        public string Sub(string name)
        {
            string path = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(path);
            return path;
        }

        public void Dispose()
        {
            // Set TALLY_KEEP_TEMP=1 to look at what a failed test left behind.
            if (Environment.GetEnvironmentVariable("TALLY_KEEP_TEMP") == "1")
            {
                return;
            }

            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail a test.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
