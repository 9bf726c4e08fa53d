using System.IO;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>
    /// A fresh console project outside the repository that installs one package from the test feed, the way a user
    /// would: its own nuget.config adds the feed folder (keeping the machine's sources), and its own
    /// RestorePackagesPath keeps the global package cache from serving an older copy.
    /// </summary>
    public sealed class ConsumerProject
    {
        private ConsumerProject(string directory) => Directory = directory;

        /// <summary>The project's folder.</summary>
        public string Directory { get; }

        /// <summary>The project file.</summary>
        public string ProjectFile => Path.Combine(Directory, "Consumer.csproj");

        /// <summary>Writes the project, its nuget.config and <paramref name="sources"/> (file name, text) into <paramref name="directory"/>.</summary>
        public static ConsumerProject Create(
            string directory, PackedPackages packages, string packageId, params (string Name, string Text)[] sources)
        {
            System.IO.Directory.CreateDirectory(directory);
            string restorePackagesPath = Path.Combine(directory, "packages");

            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="tally-test-feed" value="{packages.FeedDirectory}" />
                  </packageSources>
                </configuration>
                """);

            File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <RestorePackagesPath>{restorePackagesPath}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{packageId}" Version="{packages.Version}" />
                  </ItemGroup>
                </Project>
                """);

            foreach ((string name, string text) in sources)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
            }

            return new ConsumerProject(directory);
        }
    }
}
