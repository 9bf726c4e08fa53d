using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// One operation in flight per <c>SocketAsyncEventArgs</c>: a connection that keeps its event args in its own fields
/// starts the next operation on each only after the previous one completed, so the completions of one event-args
/// object (its <c>Completed</c> handler's runs, and the starter's own processing of an operation that completed
/// synchronously) never overlap each other. A handler shared by a receive and a send event args runs once per
/// operation: its <c>e.LastOperation</c> branches are separate chains, which do overlap each other. Each not-reported
/// case has a reported twin.
/// </summary>
public class CompletionChainTests
{
    // A connection with one receive event args whose handler counts bytes and starts the next receive.
    private const string ReceiveLoop = """
        using System.Net.Sockets;

        public sealed class Connection
        {
            private readonly Socket _socket;
            ARGS_DECLARATION
            private bool _receiving;
            private long _bytesReceived;

            public Connection(Socket socket)
            {
                _socket = socket;
                SUBSCRIBE
            }

            public long BytesReceived => _bytesReceived;

            public void ReceiveAsync() => TryReceive();

            private void TryReceive()
            {
                if (_receiving)
                {
                    return;
                }

                _receiving = true;
                _socket.ReceiveAsync(_receiveArgs);
            }

            private void OnCompleted(object? sender, SocketAsyncEventArgs e)
            {
                Process(e);
                TryReceive();
            }

            private void Process(SocketAsyncEventArgs e)
            {
                MARK;
                _receiving = false;
            }
        }
        """;

    [Fact]
    public Task CompletionHandlerOfAnEventArgsTheConnectionKeepsInAField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(ReceiveLoop
            .Replace("ARGS_DECLARATION", "private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE", "_receiveArgs.Completed += OnCompleted;")
            .Replace("MARK", "_bytesReceived += e.BytesTransferred"));

    [Fact]
    public Task CompletionHandlerOfAnEventArgsInAStaticField_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReceiveLoop
            .Replace("ARGS_DECLARATION", "private static readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE", "_receiveArgs.Completed += OnCompleted;")
            .Replace("MARK", "{|TALLY003:_bytesReceived += e.BytesTransferred|}"));

    [Fact]
    public Task CompletionHandlerOfEventArgsMadePerCall_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReceiveLoop
            .Replace("ARGS_DECLARATION", "private SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE", string.Empty)
            .Replace("public void ReceiveAsync() => TryReceive();", "public void ReceiveAsync() { var args = new SocketAsyncEventArgs(); args.Completed += OnCompleted; _socket.ReceiveAsync(args); }")
            .Replace("MARK", "{|TALLY003:_bytesReceived += e.BytesTransferred|}"));

    [Fact]
    public Task OneHandlerOnTwoEventArgsWithoutDispatchingOnTheOperation_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReceiveLoop
            .Replace("ARGS_DECLARATION", "private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();\n    private readonly SocketAsyncEventArgs _otherArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE", "_receiveArgs.Completed += OnCompleted;\n        _otherArgs.Completed += OnCompleted;")
            .Replace("MARK", "{|TALLY003:_bytesReceived += e.BytesTransferred|}"));

    // One handler for the receive and the send event args, dispatching on the operation that completed.
    private const string SharedHandler = """
        using System;
        using System.Net.Sockets;

        public sealed class Session
        {
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();
            private readonly SocketAsyncEventArgs _sendArgs = new SocketAsyncEventArgs();
            private long _bytesReceived;
            private long _bytesSent;
            private int _completions;

            public Session(Socket socket)
            {
                _socket = socket;
                _receiveArgs.Completed += OnCompleted;
                _sendArgs.Completed += OnCompleted;
            }

            public void Start() => TryReceive();

            public void Send(byte[] data)
            {
                _sendArgs.SetBuffer(data, 0, data.Length);
                _socket.SendAsync(_sendArgs);
            }

            private void TryReceive() => _socket.ReceiveAsync(_receiveArgs);

            private void OnCompleted(object? sender, SocketAsyncEventArgs e)
            {
                COMMON;
                DISPATCH
            }

            private void ProcessReceive(SocketAsyncEventArgs e)
            {
                RECEIVE_MARK;
                TryReceive();
            }

            private void ProcessSend(SocketAsyncEventArgs e)
            {
                SEND_MARK;
            }
        }
        """;

    private const string Switch = """
        switch (e.LastOperation)
                {
                    case SocketAsyncOperation.Receive:
                        ProcessReceive(e);
                        break;
                    case SocketAsyncOperation.Send:
                        ProcessSend(e);
                        break;
                    default:
                        throw new ArgumentException("unexpected operation");
                }
        """;

    [Fact]
    public Task UpdatesInTheReceiveAndSendBranchesOfOneHandler_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("COMMON;", string.Empty)
            .Replace("DISPATCH", Switch)
            .Replace("RECEIVE_MARK", "_bytesReceived += e.BytesTransferred")
            .Replace("SEND_MARK", "_bytesSent += e.BytesTransferred"));

    [Fact]
    public Task UpdateOutsideTheBranchesOfAHandlerOnTwoEventArgs_IsReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("COMMON", "{|TALLY003:_completions++|}")
            .Replace("DISPATCH", Switch)
            .Replace("RECEIVE_MARK", "_bytesReceived += e.BytesTransferred")
            .Replace("SEND_MARK", "_bytesSent += e.BytesTransferred"));

    [Fact]
    public Task UpdateReachedFromTheReceiveAndTheSendBranch_IsReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("COMMON;", string.Empty)
            .Replace("DISPATCH", Switch)
            .Replace("RECEIVE_MARK", "{|TALLY003:_completions++|}")
            .Replace("SEND_MARK", "ProcessReceive(e)"));

    [Fact]
    public Task UpdatesInTheBranchesOfIfsOnTheOperation_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("COMMON;", string.Empty)
            .Replace("DISPATCH", "if (e.LastOperation == SocketAsyncOperation.Receive) { ProcessReceive(e); } else if (SocketAsyncOperation.Send == e.LastOperation) { ProcessSend(e); }")
            .Replace("RECEIVE_MARK", "_bytesReceived += e.BytesTransferred")
            .Replace("SEND_MARK", "_bytesSent += e.BytesTransferred"));

    [Fact]
    public Task UpdateInTheElseOfAnIfOnTheOperation_IsReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("COMMON;", string.Empty)
            .Replace("DISPATCH", "if (e.LastOperation == SocketAsyncOperation.Receive) { ProcessReceive(e); } else { ProcessSend(e); }")
            .Replace("RECEIVE_MARK", "_bytesReceived += e.BytesTransferred")
            .Replace("SEND_MARK", "{|TALLY003:_bytesSent += e.BytesTransferred|}"));

    [Fact]
    public Task BranchOfAnOperationBothEventArgsRun_IsReported() =>
        Verify.VerifyAnalyzerAsync(SharedHandler
            .Replace("_socket.SendAsync(_sendArgs);", "_socket.ReceiveAsync(_sendArgs);")
            .Replace("COMMON;", string.Empty)
            .Replace("DISPATCH", Switch)
            .Replace("RECEIVE_MARK", "{|TALLY003:_bytesReceived += e.BytesTransferred|}")
            .Replace("SEND_MARK", "_bytesSent += e.BytesTransferred"));

    // The receive loop of a connection that processes a synchronous completion itself.
    private const string SynchronousCompletion = """
        using System.Net.Sockets;

        public sealed class Client
        {
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();
            private bool _receiving;
            private long _received;

            public Client(Socket socket)
            {
                _socket = socket;
                _receiveArgs.Completed += OnCompleted;
            }

            public void ReceiveAsync() => TryReceive();

            OTHER_CALLER

            private void TryReceive()
            {
                if (_receiving)
                {
                    return;
                }

                var process = true;
                while (process)
                {
                    process = false;
                    _receiving = true;
                    if (!_socket.ReceiveAsync(_receiveArgs))
                    {
                        process = ProcessReceive(_receiveArgs);
                    }
                }
            }

            private void OnCompleted(object? sender, SocketAsyncEventArgs e)
            {
                if (ProcessReceive(e))
                {
                    TryReceive();
                }
            }

            private bool ProcessReceive(SocketAsyncEventArgs e)
            {
                MARK;
                _receiving = false;
                return e.SocketError == SocketError.Success && e.BytesTransferred > 0;
            }
        }
        """;

    [Fact]
    public Task SynchronousCompletionProcessedByTheStarter_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(SynchronousCompletion
            .Replace("OTHER_CALLER", string.Empty)
            .Replace("MARK", "_received += e.BytesTransferred"));

    [Fact]
    public Task CompletionProcessingAlsoCalledDirectlyByAPublicMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync(SynchronousCompletion
            .Replace("OTHER_CALLER", "public void Replay(SocketAsyncEventArgs e) => ProcessReceive(e);")
            .Replace("MARK", "{|TALLY003:_received += e.BytesTransferred|}"));
}
