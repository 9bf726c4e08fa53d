namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Updates between <c>await WaitAsync()</c> and <c>Release()</c> of a SemaphoreSlim, under <c>Monitor</c> and in a
/// <c>[MethodImpl(Synchronized)]</c> method: C#'s locks, recognised. Nothing to report.
/// </summary>
internal static class SemaphoreGateCase
{
    public static CorpusCase Case { get; } = new("SemaphoreGate", """
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Coordination.Locks
        {
            public sealed class Throttle
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly object _sync = new object();
                private int _active;
                private long _completed;
                private int _rejected;

                public async Task RunAsync(Func<Task> work)
                {
                    await _gate.WaitAsync();
                    try
                    {
                        _active++;
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    await work();

                    Monitor.Enter(_sync);
                    try
                    {
                        _completed += 1;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }

                [MethodImpl(MethodImplOptions.Synchronized)]
                public void Reject() => _rejected++;
            }
        }
        """);
}
