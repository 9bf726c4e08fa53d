namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a resilience library's options (another file) carry <c>On...</c> callbacks, which the pipeline
/// invokes for every operation it runs; the pipeline is shared by every request of a client, so the callbacks run at the
/// same time. A client counts retries in a field with <c>_retries++</c> inside <c>OnRetry</c>; its twin counts
/// timeouts with <c>Interlocked.Increment</c> and stays silent, as does the plain predicate property.
/// </summary>
internal static class OptionsCallbackFieldCase
{
    public static CorpusCase Case { get; } = new("OptionsCallbackField", """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Corpus.Resilience;

        namespace Corpus.Catalog
        {
            public sealed class CatalogClient
            {
                private readonly HttpClient _http;
                private readonly RetryPipeline _pipeline;
                private int _retries;
                private int _timeouts;

                public CatalogClient(HttpClient http)
                {
                    _http = http;
                    _pipeline = new RetryPipeline(new RetryPipelineOptions
                    {
                        MaxAttempts = 4,
                        ShouldRetry = error => error is HttpRequestException,
                        OnRetry = attempt => {|TALLY003:_retries++|},
                        OnTimeout = () => Interlocked.Increment(ref _timeouts),
                    });
                }

                public int Retries => _retries;

                public Task<string> GetItemAsync(string id)
                    => _pipeline.ExecuteAsync(() => _http.GetStringAsync("items/" + id));
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OptionsDelegate,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading.Tasks;

            namespace Corpus.Resilience
            {
                public sealed class RetryPipelineOptions
                {
                    public int MaxAttempts { get; set; } = 3;

                    public Func<Exception, bool> ShouldRetry { get; set; } = _ => true;

                    public Action<int>? OnRetry { get; set; }

                    public Action? OnTimeout { get; set; }
                }

                public sealed class RetryPipeline
                {
                    private readonly RetryPipelineOptions _options;

                    public RetryPipeline(RetryPipelineOptions options) => _options = options;

                    public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await action().ConfigureAwait(false);
                            }
                            catch (TimeoutException)
                            {
                                _options.OnTimeout?.Invoke();
                                throw;
                            }
                            catch (Exception error) when (attempt < _options.MaxAttempts && _options.ShouldRetry(error))
                            {
                                _options.OnRetry?.Invoke(attempt);
                            }
                        }
                    }
                }
            }
            """,
        },
    };
}
