using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Sync over async: <c>Task.Run(work).Wait()</c> (or <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>) blocks the
/// starting thread until the work is done, so the work runs as the starter's own call and starts nothing that overlaps
/// (eighth fresh sample, family J: a client's property getters reconnect a lost connection that way). Reported twins:
/// the same starts not waited for, or waited for with a timeout (the wait may return while the work still runs).
/// </summary>
public class JoinedStartTests
{
    private static string Client(string features, string hashes) => $$"""
        using System.Threading.Tasks;

        internal sealed class ClientStatus
        {
            public int ConnectCount { get; set; }
        }

        public class Client
        {
            private readonly ClientStatus _status = new ClientStatus();
            private bool _connected;
            private string _features = "";
            private int _sessionCommands;

            public string Features
            {
                get
                {
                    if (!_connected)
                    {
                        {{features}}
                    }

                    return _features;
                }
            }

            public string Hashes
            {
                get
                {
                    if (!_connected)
                    {
                        {{hashes}}
                    }

                    return _features;
                }
            }

            private async Task ConnectAsync()
            {
                await Task.Delay(10);
                _status.ConnectCount++;
                _sessionCommands++;
                _connected = true;
            }
        }
        """;

    [Theory]
    [InlineData("Task.Run(async () => await ConnectAsync()).Wait();", "Task.Run(async () => await ConnectAsync()).GetAwaiter().GetResult();")]
    [InlineData("Task.Run(() => ConnectAsync()).Wait();", "Task.Run(async () => await ConnectAsync()).ConfigureAwait(false).GetAwaiter().GetResult();")]
    [InlineData("_ = Task.Run(async () => { await ConnectAsync(); return 0; }).Result;", "Task.Factory.StartNew(() => ConnectAsync().Wait()).Wait();")]
    public Task WorkThatEachStarterWaitsForAtOnce_IsNotReported(string features, string hashes)
        => Verify.VerifyAnalyzerAsync(Client(features, hashes));

    [Fact]
    public Task WorkStartedWithoutAWait_IsReported() => Verify.VerifyAnalyzerAsync(Client(
            "_ = Task.Run(async () => await ConnectAsync());",
            "_ = Task.Run(async () => await ConnectAsync());")
        .Replace("_status.ConnectCount++;", "{|TALLY003:_status.ConnectCount++|};")
        .Replace("_sessionCommands++;", "{|TALLY003:_sessionCommands++|};"));

    [Fact]
    public Task WorkWaitedForWithATimeout_IsReported() => Verify.VerifyAnalyzerAsync(Client(
            "Task.Run(async () => await ConnectAsync()).Wait(1000);",
            "Task.Run(async () => await ConnectAsync()).Wait();")
        .Replace("_status.ConnectCount++;", "{|TALLY003:_status.ConnectCount++|};")
        .Replace("_sessionCommands++;", "{|TALLY003:_sessionCommands++|};"));
}
