using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Drives a compiled, fixed test program through reflection: its public static methods called by name, and one of them
/// called from several threads at once (the semantic tests of the migrating fixes).
/// </summary>
internal static class MigratedProgramCalls
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="perThread"/> times on each of <paramref name="threads"/> threads
    /// released together, and returns every value it returned.
    /// </summary>
    public static List<int> Hammer(int threads, int perThread, Func<int> action)
    {
        var results = new List<int>[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var mine = new List<int>(perThread);
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++)
            {
                mine.Add(action());
            }

            results[t] = mine;
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return results.SelectMany(r => r).ToList();
    }

    /// <summary>Calls the public static method <paramref name="name"/> of <paramref name="type"/>.</summary>
    public static object? Call(Type type, string name, params object[] args)
    {
        MethodInfo method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"No method {type.Name}.{name}.");
        return method.Invoke(null, args);
    }
}
