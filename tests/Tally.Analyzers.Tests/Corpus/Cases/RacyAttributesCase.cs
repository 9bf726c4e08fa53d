namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A singleton whose author marked some fields as intentionally racy (<c>[ApproximateCounter]</c>) or single-writer
/// (<c>[SingleWriter]</c>): those stay silent; the unmarked counter is reported (TALLY005).
/// </summary>
internal static class RacyAttributesCase
{
    public static CorpusCase Case { get; } = new("RacyAttributes", """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Corpus.Web.Attributes
        {
            [AttributeUsage(AttributeTargets.Field)]
            public sealed class ApproximateCounterAttribute : Attribute
            {
            }

            [AttributeUsage(AttributeTargets.Field)]
            public sealed class SingleWriterAttribute : Attribute
            {
            }

            public sealed class PageViews
            {
                [ApproximateCounter]
                private long _views;

                [SingleWriter]
                private int _generation;

                private int _exports;

                public void View() => _views++;

                public void Rotate() => _generation += 1;

                public int Export() => {|TALLY005:++_exports|};
            }

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddSingleton(new PageViews());
                    builder.Build().Run();
                }
            }
        }
        """, AspNetCore: true);
}
