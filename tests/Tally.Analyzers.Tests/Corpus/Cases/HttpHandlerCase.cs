namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A <c>DelegatingHandler</c> (HttpClient sends many requests through one handler at once) and a type the author
/// marked <c>[ThreadSafe]</c>: their fields are shared (TALLY005), auto-properties included.
/// </summary>
internal static class HttpHandlerCase
{
    public static CorpusCase Case { get; } = new("HttpHandler", """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Http
        {
            [AttributeUsage(AttributeTargets.Class)]
            public sealed class ThreadSafeAttribute : Attribute
            {
            }

            public sealed class RetryHandler : DelegatingHandler
            {
                private int _retries;

                public int Failures { get; private set; }

                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        {|TALLY005:_retries++|};
                        response = await base.SendAsync(request, cancellationToken);
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        {|TALLY005:Failures++|};
                    }

                    return response;
                }
            }

            [ThreadSafe]
            public sealed class EndpointStats
            {
                public long Requests { get; private set; }

                public void Record() => {|TALLY005:Requests += 1|};
            }
        }
        """);
}
