namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Static state: updated in the static constructor (not reported), [ThreadStatic] (not reported), and from instance
/// constructors of a class anyone can create on any thread (TALLY004).
/// </summary>
internal static class StaticStateCase
{
    public static CorpusCase Case { get; } = new("StaticState", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.State
        {
            public sealed class Widget
            {
                private static readonly Dictionary<string, int> s_defaults;
                private static int s_registered;
                private static int s_created;

                [ThreadStatic]
                private static int t_depth;

                static Widget()
                {
                    s_defaults = new Dictionary<string, int>();
                    foreach (var name in new[] { "width", "height" })
                    {
                        s_defaults[name] = 100;
                        s_registered++;
                    }
                }

                public Widget(string name)
                {
                    Name = name;
                    {|TALLY004:s_created++|};
                }

                public string Name { get; }

                public static int Created => s_created;

                public string Render()
                {
                    t_depth++;
                    try
                    {
                        return new string(' ', t_depth * 2) + Name;
                    }
                    finally
                    {
                        t_depth--;
                    }
                }
            }
        }
        """);
}
