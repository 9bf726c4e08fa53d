namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): delegate-typed options that the networking stack invokes concurrently, once per connection:
/// <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c> and <c>SocketsHttpHandler.ConnectCallback</c>.
/// The lambdas count validations and connections without synchronisation: lost updates.
/// </summary>
internal static class OptionsDelegateCase
{
    public static CorpusCase Case { get; } = new("OptionsDelegate", """
        using System.Net.Http;
        using System.Net.Security;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        namespace Corpus.Http
        {
            public sealed class InstrumentedClientFactory
            {
                private int _validations;
                private int _rejected;
                private int _connections;

                public HttpClient CreatePinned(string thumbprint)
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                        {
                            {|TALLY003:_validations++|};
                            bool ok = errors == SslPolicyErrors.None && certificate?.Thumbprint == thumbprint;
                            if (!ok)
                            {
                                {|TALLY003:_rejected++|};
                            }

                            return ok;
                        },
                    };
                    return new HttpClient(handler);
                }

                public HttpClient CreateCounting()
                {
                    var handler = new SocketsHttpHandler
                    {
                        ConnectCallback = async (context, token) =>
                        {
                            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                            await socket.ConnectAsync(context.DnsEndPoint, token);
                            {|TALLY003:_connections++|};
                            return new NetworkStream(socket, ownsSocket: true);
                        },
                    };
                    return new HttpClient(handler);
                }

                public string Describe() => $"{_validations} validations, {_rejected} rejected, {_connections} connections";
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OptionsDelegate,
    };
}
