namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>The same counter registered as scoped and transient services: one instance per request, nothing to report.</summary>
internal static class ScopedServiceCase
{
    public static CorpusCase Case { get; } = new("ScopedService", """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        namespace Corpus.Web.Scoped
        {
            public sealed class RequestContextCounter
            {
                private int _lookups;

                public int Lookup() => ++_lookups;
            }

            public sealed class QueryBuilder
            {
                private int _parameters;

                public string AddParameter() => "@p" + _parameters++;
            }

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddScoped<RequestContextCounter>();
                    builder.Services.AddTransient<QueryBuilder>();
                    var app = builder.Build();
                    app.MapGet("/lookup", (RequestContextCounter counter, QueryBuilder query) => counter.Lookup() + query.AddParameter());
                    app.Run();
                }
            }
        }
        """, AspNetCore: true);
}
