using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A getter with a body is a method: reading <c>session.NextId</c> runs it, so an update inside the getter runs in the
/// contexts that read the property, however many types away (mined bug set, miss shape M1: an SFTP session's request
/// id taken from its getter by every request, requests made from threads the client starts per call). The read is
/// part of the expression that makes it: it does not count as a call against <c>tally.call_depth</c>.
/// </summary>
public class PropertyGetterCallTests
{
    private const string Session = """
        public sealed class Session
        {
            private uint _nextId;

            public uint NextId
            {
                get { return {|TALLY003:_nextId++|}; }
            }

            internal void Send(string request) => System.Console.WriteLine(request + NextId);
        }
        """;

    private const string QuietSession = """
        public sealed class Session
        {
            private uint _nextId;

            public uint NextId
            {
                get { return _nextId++; }
            }

            internal void Send(string request) => System.Console.WriteLine(request + NextId);
        }
        """;

    [Fact]
    public Task GetterOfAnotherTypeReadFromWorkStartedPerCall_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Client
            {
                private readonly Session _session = new Session();

                public void BeginList(string path) => Task.Run(() => _session.Send(path));
            }
            """, new TestOptions { AdditionalSources = new[] { Session } });

    [Fact]
    public Task GetterReadTwoCallsBelowAStartedLambda_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Client
            {
                private readonly Session _session = new Session();

                public void BeginList(string path) => Task.Run(() => List(path));

                private void List(string path) => _session.Send(path);
            }
            """, new TestOptions { AdditionalSources = new[] { Session } });

    [Fact]
    public Task GetterReadByPartiesOfAParallelLoop_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public static class Batch
            {
                public static void Run(Session session, string[] paths)
                    => Parallel.ForEach(paths, path => session.Send(path));
            }
            """, new TestOptions { AdditionalSources = new[] { Session } });

    [Fact]
    public Task GetterReadUnderTheCallersLockOnly_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Client
            {
                private readonly object _gate = new object();
                private uint _sequence;

                public void BeginList(string path) => Task.Run(() => Send(path));

                private void Send(string path)
                {
                    lock (_gate)
                    {
                        System.Console.WriteLine(path + Sequence);
                    }
                }

                private uint Sequence
                {
                    get { return _sequence++; }
                }
            }
            """);

    [Fact]
    public Task GetterReadOnlyFromMain_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            internal static class Program
            {
                private static void Main(string[] args)
                {
                    var session = new Session();
                    foreach (var arg in args)
                    {
                        session.Send(arg);
                    }
                }
            }
            """, new TestOptions { AdditionalSources = new[] { QuietSession } });

    [Fact]
    public Task AssigningAPropertyDoesNotRunItsGetter_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Meter
            {
                private int _reads;
                private int _value;

                private int Value
                {
                    get { _reads++; return _value; }
                    set { _value = value; }
                }

                public void Start(int[] values)
                {
                    foreach (var value in values)
                    {
                        Task.Run(() => { this.Value = value; });
                    }
                }
            }
            """);
}
