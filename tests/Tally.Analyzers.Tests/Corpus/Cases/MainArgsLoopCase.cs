namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 5 (clean): a command-line tool counts its flags in <c>Main</c> (<c>foreach (var a in args)
/// s_verbosity++</c>) before starting its workers, which only read them. Expected: nothing reported.
/// </summary>
internal static class MainArgsLoopCase
{
    public static CorpusCase Case { get; } = new("MainArgsLoop", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Cli
        {
            public static class Program
            {
                private static int s_verbosity;
                private static int s_inputs;
                private static int s_workers = 1;

                public static int Main(string[] args)
                {
                    foreach (var arg in args)
                    {
                        if (arg == "-v")
                        {
                            s_verbosity++;
                        }
                        else if (arg == "-j")
                        {
                            s_workers *= 2;
                        }
                        else
                        {
                            s_inputs += 1;
                        }
                    }

                    var threads = new Thread[s_workers];
                    for (int i = 0; i < threads.Length; i++)
                    {
                        int id = i;
                        threads[i] = new Thread(() => Work(id));
                        threads[i].Start();
                    }

                    foreach (var thread in threads)
                    {
                        thread.Join();
                    }

                    return 0;
                }

                private static void Work(int id)
                {
                    if (s_verbosity > 1)
                    {
                        Console.WriteLine($"worker {id} of {s_workers} for {s_inputs} inputs");
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.MainArgsLoop,
        Clean = true,
    };
}
