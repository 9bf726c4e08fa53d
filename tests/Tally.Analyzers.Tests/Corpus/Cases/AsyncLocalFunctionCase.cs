namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 3 (reported): an async local function declared in a loop and passed to <c>Task.Run</c> once per endpoint;
/// all probes run at once and update the captured <c>healthy</c> local and the checker's field: lost updates.
/// </summary>
internal static class AsyncLocalFunctionCase
{
    public static CorpusCase Case { get; } = new("AsyncLocalFunction", """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Corpus.Probes
        {
            public sealed class EndpointChecker
            {
                private readonly HttpClient _http;
                private int _probes;

                public EndpointChecker(HttpClient http) => _http = http;

                public async Task<int> CountHealthyAsync(IReadOnlyList<Uri> endpoints)
                {
                    int healthy = 0;
                    var probes = new List<Task>();
                    foreach (var endpoint in endpoints)
                    {
                        async Task ProbeAsync()
                        {
                            using var response = await _http.GetAsync(endpoint).ConfigureAwait(false);
                            {|TALLY003:_probes++|};
                            if (response.IsSuccessStatusCode)
                            {
                                {|TALLY003:healthy++|};
                            }
                        }

                        probes.Add(Task.Run(ProbeAsync));
                    }

                    await Task.WhenAll(probes).ConfigureAwait(false);
                    return healthy;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.AsyncLocalFunctionTaskRunLoop,
    };
}
