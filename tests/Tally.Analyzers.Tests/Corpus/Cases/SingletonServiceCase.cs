namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A small ASP.NET Core app with a counter registered as a singleton: one instance serves every request (TALLY005).</summary>
internal static class SingletonServiceCase
{
    public static CorpusCase Case { get; } = new("SingletonService", """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        namespace Corpus.Web
        {
            public interface IRequestCounter
            {
                int Hit(string path);
                int Total { get; }
            }

            public sealed class RequestCounter : IRequestCounter
            {
                private int _count;
                private int _rootHits;

                public int Total => _count;

                public int Hit(string path)
                {
                    if (path == "/")
                    {
                        {|TALLY005:_rootHits += 1|};
                    }

                    return {|TALLY005:++_count|};
                }
            }

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddSingleton<IRequestCounter, RequestCounter>();
                    var app = builder.Build();
                    app.MapGet("/stats", (IRequestCounter counter, HttpContext context) => counter.Hit(context.Request.Path));
                    app.Run();
                }
            }
        }
        """, AspNetCore: true);
}
