using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A start helper that is a method of the caller's own type, possibly a partial method whose other part (a file per
/// target framework) starts the delegate: <c>partial void RunAsync(Action action);</c> declared beside the callers and
/// <c>partial void RunAsync(Action action) { Task.Factory.StartNew(action); }</c> in another file. The lambda a caller
/// passes starts once per call, as if the caller had written <c>Task.Factory.StartNew</c> itself (mined bug set,
/// miss shape M1: an SFTP client's asynchronous operations).
/// </summary>
public class PartialStartHelperTests
{
    private const string Starter = """
        using System;
        using System.Threading.Tasks;

        public partial class Transfer
        {
            partial void RunAsync(Action action)
            {
                Task.Factory.StartNew(action);
            }
        }
        """;

    private const string Channel = """
        public sealed class Channel
        {
            private uint _nextId;

            public uint NextId
            {
                get { return {|TALLY003:this._nextId++|}; }
            }
        }
        """;

    [Fact]
    public Task LambdaHandedToAPartialHelperFromAPublicBeginMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            public partial class Transfer
            {
                private readonly Channel _channel = new Channel();

                public void BeginList(string path)
                {
                    this.RunAsync(() =>
                    {
                        var id = _channel.NextId;
                        Console.WriteLine(path + id);
                    });
                }

                public void List(string path) => Console.WriteLine(path + _channel.NextId);

                partial void RunAsync(Action action);
            }
            """, new TestOptions { AdditionalSources = new[] { Starter, Channel } });

    [Fact]
    public Task LambdaHandedToAnInstanceHelperOfTheSameTypeFromAPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class Poller
            {
                private long _polls;

                public void BeginPoll() => Execute(() => {|TALLY003:_polls++|});

                private void Execute(Action action) => Task.Factory.StartNew(action);
            }
            """);

    [Fact]
    public Task LambdaHandedToAHelperOnceFromMain_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            internal static class Program
            {
                private static long _polls;

                private static void Main()
                {
                    Execute(() => _polls++);
                    Console.ReadLine();
                }

                private static void Execute(Action action) => Task.Factory.StartNew(action);
            }
            """);
}
