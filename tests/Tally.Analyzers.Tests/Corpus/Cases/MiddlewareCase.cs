namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>Conventional middleware (<c>UseMiddleware&lt;T&gt;</c>): one instance for all requests (TALLY005).</summary>
internal static class MiddlewareCase
{
    public static CorpusCase Case { get; } = new("Middleware", """
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        namespace Corpus.Web.Middleware
        {
            public sealed class RequestCountingMiddleware
            {
                private readonly RequestDelegate _next;
                private long _requests;
                private long _slowRequests;

                public RequestCountingMiddleware(RequestDelegate next)
                {
                    _next = next;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    {|TALLY005:_requests++|};
                    var watch = Stopwatch.StartNew();
                    await _next(context);
                    if (watch.ElapsedMilliseconds > 500)
                    {
                        {|TALLY005:_slowRequests = _slowRequests + 1|};
                    }

                    context.Response.Headers["X-Request-Count"] = _requests.ToString();
                }
            }

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.UseMiddleware<RequestCountingMiddleware>();
                    app.Run();
                }
            }
        }
        """, AspNetCore: true);
}
