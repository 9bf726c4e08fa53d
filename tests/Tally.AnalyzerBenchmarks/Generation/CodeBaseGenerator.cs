using System;
using System.Collections.Generic;
using System.Text;

namespace Tally.AnalyzerBenchmarks.Generation;

/// <summary>One generated source file.</summary>
/// <param name="Path">A path that names the file in diagnostics (<c>Area3/Module17.cs</c>).</param>
/// <param name="Text">The C# text.</param>
public sealed record GeneratedFile(string Path, string Text);

/// <summary>
/// Writes a deterministic C# code base of a requested size that looks like a service back end full of field updates:
/// locked counters, Interlocked statistics, Task.Run workers, Parallel loops, timers, static counters, volatile flags,
/// round-robin pools, DI registrations, plus plain data and logic types (most of a real code base updates nothing
/// shared). Every shape compiles against the .NET and ASP.NET Core reference packs.
/// </summary>
public static class CodeBaseGenerator
{
    /// <summary>Types per file; a file is about 150-250 lines.</summary>
    private const int TypesPerFile = 4;

    private static readonly Func<int, Random, string>[] Templates =
    {
        TypeTemplates.LockedCounter,
        TypeTemplates.InterlockedStatistics,
        TypeTemplates.TaskRunWorker,
        TypeTemplates.ParallelAggregator,
        TypeTemplates.TimerHeartbeat,
        TypeTemplates.StaticCounters,
        TypeTemplates.VolatileState,
        TypeTemplates.RoundRobinPool,
        TypeTemplates.RegisteredService,
        TypeTemplates.PlainModel,
        TypeTemplates.PlainLogic,
        TypeTemplates.PlainLogic,
    };

    /// <summary>
    /// Files totalling at least <paramref name="targetLines"/> lines, the same for the same arguments. One extra file
    /// registers the generated services with <c>IServiceCollection</c> (singleton, scoped, transient, hosted).
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Generate(int targetLines, int seed = 12)
    {
        var random = new Random(seed);
        var files = new List<GeneratedFile>();
        var services = new List<string>();
        int lines = 0;
        int typeId = 0;
        for (int fileIndex = 0; lines < targetLines; fileIndex++)
        {
            string ns = $"Generated.Area{fileIndex / 40}.Module{fileIndex}";
            var text = new StringBuilder();
            text.Append("using System;\nusing System.Collections.Concurrent;\nusing System.Collections.Generic;\n")
                .Append("using System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n")
                .Append("namespace ").Append(ns).Append("\n{\n");
            for (int t = 0; t < TypesPerFile; t++, typeId++)
            {
                var template = Templates[random.Next(Templates.Length)];
                text.Append(template(typeId, random)).Append('\n');
                if (template == TypeTemplates.RegisteredService)
                {
                    services.Add($"{ns}.Service{typeId}");
                }
            }

            text.Append("}\n");
            string content = text.ToString();
            lines += CountLines(content);
            files.Add(new GeneratedFile($"Area{fileIndex / 40}/Module{fileIndex}.cs", content));
        }

        files.Add(new GeneratedFile("Startup/ServiceRegistrations.cs", Registrations(services)));
        return files;
    }

    /// <summary>The number of lines of <paramref name="text"/>.</summary>
    public static int CountLines(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                count++;
            }
        }

        return count;
    }

    private static string Registrations(List<string> services)
    {
        var text = new StringBuilder();
        text.Append("using Microsoft.Extensions.DependencyInjection;\n\nnamespace Generated.Startup\n{\n")
            .Append("    public static class ServiceRegistrations\n    {\n")
            .Append("        public static IServiceCollection AddGenerated(this IServiceCollection services)\n        {\n");
        for (int i = 0; i < services.Count; i++)
        {
            string method = (i % 4) switch
            {
                0 => "AddSingleton",
                1 => "AddScoped",
                2 => "AddTransient",
                _ => "AddSingleton",
            };
            text.Append("            services.").Append(method).Append('<').Append(services[i]).Append(">();\n");
        }

        text.Append("            return services;\n        }\n    }\n}\n");
        return text.ToString();
    }
}
