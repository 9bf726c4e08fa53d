using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Code made into a gRPC server method delegate (<c>Grpc.Core.UnaryServerMethod&lt;TRequest, TResponse&gt;</c> and its
/// streaming siblings) is what a server runs for every call of the method, and calls run at the same time: the handler
/// overlaps with itself wherever it is registered (mined bug set, grpc-hedgingtest: a test counts the calls its local
/// handler receives with <c>callCount++</c> while hedged requests arrive together). The gRPC types are declared here as
/// stubs with the real names.
/// </summary>
public class ServerHandlerDelegateTests
{
    private const string GrpcStubs = """
        using System.Threading.Tasks;

        namespace Grpc.Core
        {
            public sealed class ServerCallContext { }

            public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
        }

        namespace Testing
        {
            public sealed class MethodRegistry
            {
                private Grpc.Core.UnaryServerMethod<string, string>? _handler;

                public void AddUnaryMethod(Grpc.Core.UnaryServerMethod<string, string> handler) => _handler = handler;
            }
        }
        """;

    [Fact]
    public Task LocalFunctionRegisteredAsAUnaryHandlerCountingCalls_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Grpc.Core;
            using Testing;

            public sealed class HedgingTests
            {
                private readonly MethodRegistry _registry = new MethodRegistry();

                public void Unary_RetriesUntilTheLastAttempt(int attempts)
                {
                    var callCount = 0;
                    Task<string> Handler(string request, ServerCallContext context)
                    {
                        {|TALLY003:callCount++|};
                        return Task.FromResult(callCount < attempts ? "retry" : "done");
                    }

                    _registry.AddUnaryMethod(Handler);
                }
            }
            """, new TestOptions { AdditionalSources = new[] { GrpcStubs } });

    [Fact]
    public Task LambdaHandlerUpdatingTheServicesField_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Grpc.Core;
            using Testing;

            public sealed class GreeterHost
            {
                private long _served;

                public void Register(MethodRegistry registry)
                    => registry.AddUnaryMethod((request, context) =>
                    {
                        {|TALLY003:_served++|};
                        return Task.FromResult("hello " + request);
                    });
            }
            """, new TestOptions { AdditionalSources = new[] { GrpcStubs } });

    [Fact]
    public Task HandlerCountingWithInterlocked_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Grpc.Core;
            using Testing;

            public sealed class HedgingTests
            {
                private readonly MethodRegistry _registry = new MethodRegistry();

                public void Unary_RetriesUntilTheLastAttempt(int attempts)
                {
                    var callCount = 0;
                    Task<string> Handler(string request, ServerCallContext context)
                    {
                        var current = Interlocked.Increment(ref callCount);
                        return Task.FromResult(current < attempts ? "retry" : "done");
                    }

                    _registry.AddUnaryMethod(Handler);
                }
            }
            """, new TestOptions { AdditionalSources = new[] { GrpcStubs } });

    [Fact]
    public Task DelegateOfAnotherTypeWithTheSameShape_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public delegate Task<string> UnaryServerMethod(string request);

            public sealed class LocalDispatcher
            {
                private UnaryServerMethod? _handler;
                private long _served;

                public void Register() => _handler = request =>
                {
                    _served++;
                    return Task.FromResult(request);
                };

                public Task<string> Dispatch(string request) => _handler!(request);
            }
            """);
}
