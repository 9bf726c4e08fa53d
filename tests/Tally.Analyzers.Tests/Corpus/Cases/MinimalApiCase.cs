namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Minimal API handlers and inline middleware: one delegate serves every request at once, so the locals it captures
/// and the fields it updates are shared (TALLY003).
/// </summary>
internal static class MinimalApiCase
{
    public static CorpusCase Case { get; } = new("MinimalApi", """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        namespace Corpus.Web.Minimal
        {
            public static class UploadEndpoints
            {
                private static long s_bytes;
                private static DateTime s_lastUpload;

                public static void Map(WebApplication app)
                {
                    int uploads = 0;
                    int requests = 0;

                    app.Use(async (context, next) =>
                    {
                        {|TALLY003:requests++|};
                        await next(context);
                    });

                    app.MapPost("/upload", (HttpRequest request) =>
                    {
                        {|TALLY003:uploads++|};
                        {|TALLY003:s_bytes += request.ContentLength ?? 0|};
                        s_lastUpload = DateTime.UtcNow;
                        return Results.Ok(uploads);
                    });

                    app.MapGet("/uploads", () => Results.Ok(new { uploads, bytes = s_bytes, last = s_lastUpload }));
                }

                public static int CountLocally(string[] names)
                {
                    int seen = 0;
                    foreach (var name in names)
                    {
                        if (name.Length > 0)
                        {
                            seen++;
                        }
                    }

                    return seen;
                }
            }
        }
        """, AspNetCore: true);
}
