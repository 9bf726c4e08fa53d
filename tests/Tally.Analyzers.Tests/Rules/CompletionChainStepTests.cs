using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The step before a completion: a request object driven by its link's <c>SocketAsyncEventArgs</c> fills its buffer
/// (its code, called on itself) and then has the link start the send. What it wrote before the start happens before the
/// send's completion, which goes on writing the same buffer offset, so the request's caller and the completion chain
/// are one logical thread for that state. Each not-reported case has a reported twin: a write after the start, a
/// public method that writes without starting anything, a link with a send and a receive event args (two chains).
/// </summary>
public class CompletionChainStepTests
{
    private const string Request = """
        using System.Net.Sockets;

        public abstract class Request
        {
            protected byte[] Buffer = new byte[64];
            protected int Offset;
            private Link? _link;
            private int _tries;

            public void Run(Link link)
            {
                _link = link;
                link.Owner = this;
                Begin();
            }

            internal void Begin()
            {
                Offset = 0;
                Encode();
                _link?.Send(Buffer, 0, Offset);
                AFTER_START
            }

            protected abstract void Encode();

            protected void Put(byte value)
            {
                Buffer[Offset++] = value;
                Offset += 1;
            }

            internal void Sent()
            {
                Offset = 0;
                _link?.Receive(Buffer, 0, 8);
            }

            internal void Received(int count)
            {
                Offset += count;
                if (Offset < 8)
                {
                    _link?.Receive(Buffer, Offset, 8 - Offset);
                    return;
                }

                if (Buffer[0] != 0 && _tries < 3)
                {
                    _tries++;
                    Begin();
                }
            }

            PUBLIC_WRITER
        }

        public sealed class Ping : Request
        {
            protected override void Encode()
            {
                Put(1);
                Put(2);
            }
        }

        public abstract class Link
        {
            public Request? Owner;

            public abstract void Send(byte[] buffer, int offset, int count);

            public abstract void Receive(byte[] buffer, int offset, int count);
        }

        public sealed class ArgsLink : Link
        {
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
            RECEIVE_ARGS

            public ArgsLink(Socket socket)
            {
                _socket = socket;
                _args.Completed += OnCompleted;
                SUBSCRIBE_RECEIVE
            }

            private void OnCompleted(object? sender, SocketAsyncEventArgs e)
            {
                switch (e.LastOperation)
                {
                    case SocketAsyncOperation.Send:
                        Owner?.Sent();
                        break;
                    case SocketAsyncOperation.Receive:
                        Owner?.Received(e.BytesTransferred);
                        break;
                }
            }

            public override void Send(byte[] buffer, int offset, int count)
            {
                _args.SetBuffer(buffer, offset, count);
                StartSend();
            }

            private void StartSend()
            {
                if (!_socket.SendAsync(_args))
                {
                    Owner?.Sent();
                }
            }

            public override void Receive(byte[] buffer, int offset, int count)
            {
                RECEIVE_ON.SetBuffer(buffer, offset, count);
                if (!_socket.ReceiveAsync(RECEIVE_ON))
                {
                    Owner?.Received(RECEIVE_ON.BytesTransferred);
                }
            }
        }
        """;

    private static string OneEventArgs(string put, string afterStart = "", string publicWriter = "") => Request
        .Replace("AFTER_START", afterStart)
        .Replace("PUBLIC_WRITER", publicWriter)
        .Replace("RECEIVE_ARGS", string.Empty)
        .Replace("SUBSCRIBE_RECEIVE", string.Empty)
        .Replace("RECEIVE_ON", "_args")
        .Replace("Buffer[Offset++] = value;\n        Offset += 1;", put);

    [Fact]
    public Task BufferOffsetWrittenByTheCallerBeforeTheSendAndByTheCompletions_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("Buffer[Offset++] = value;\n        Offset += 1;"));

    [Fact]
    public Task CounterUpdatedByTheCallerAfterTheSendItStarted_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("Buffer[Offset++] = value;\n        Offset += 1;", afterStart: "{|TALLY003:_bytesOut += Offset|};")
            .Replace("private int _tries;", "private int _tries;\n    private long _bytesOut;\n\n    public long BytesOut => _bytesOut;"));

    [Fact]
    public Task BufferFilledAgainAfterTheFirstSendWasStarted_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs(
            "Buffer[{|TALLY003:Offset++|}] = value;\n        {|TALLY003:Offset += 1|};",
            afterStart: "Encode();\n        _link?.Send(Buffer, 0, Offset);")
            .Replace("Offset += count;\n        if", "{|TALLY003:Offset += count|};\n        if"));

    [Fact]
    public Task PublicMethodWritingTheOffsetWithoutStartingASend_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("Buffer[Offset++] = value;\n        Offset += 1;", publicWriter: "public void Skip(int count) { {|TALLY003:Offset += count|}; }")
            .Replace("Offset += count;\n        if", "{|TALLY003:Offset += count|};\n        if"));

    [Fact]
    public Task OffsetWrittenByTheSendAndTheReceiveCompletionsOfTwoEventArgs_IsReported() =>
        Verify.VerifyAnalyzerAsync(Request
            .Replace("AFTER_START", string.Empty)
            .Replace("PUBLIC_WRITER", string.Empty)
            .Replace("RECEIVE_ARGS", "private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE_RECEIVE", "_receiveArgs.Completed += OnCompleted;")
            .Replace("RECEIVE_ON", "_receiveArgs")
            .Replace("Buffer[Offset++] = value;\n        Offset += 1;", "Buffer[{|TALLY003:Offset++|}] = value;\n        {|TALLY003:Offset += 1|};")
            .Replace("Offset += count;\n        if", "{|TALLY003:Offset += count|};\n        if"));

    // A message class shared by a blocking sender (its caller's thread) and an asynchronous one (a completion chain).
    private const string SharedEncoder = """
        using System.IO;
        using System.Net.Sockets;

        public abstract class Message
        {
            protected byte[] Buffer = new byte[64];
            protected int Offset;

            protected abstract void Encode();

            protected void Put(byte value)
            {
                Buffer[Offset++] = value;
                Offset += 1;
            }
        }

        public sealed class BlockingPing : BLOCKING_BASE
        {
            public void Write(Stream stream)
            {
                Offset = 0;
                Encode();
                stream.Write(Buffer, 0, Offset);
            }

            protected override void Encode() => Put(1);
        }

        public class AsyncPing : Message
        {
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
            private int _rounds;

            public AsyncPing(Socket socket)
            {
                _socket = socket;
                _args.Completed += OnCompleted;
            }

            public void Start()
            {
                Offset = 0;
                Encode();
                Send();
            }

            private void Send()
            {
                _args.SetBuffer(Buffer, 0, Offset);
                if (!_socket.SendAsync(_args))
                {
                    Sent();
                }
            }

            private void OnCompleted(object? sender, SocketAsyncEventArgs e) => Sent();

            private void Sent()
            {
                _rounds++;
                if (_rounds < 3)
                {
                    Start();
                }
            }

            protected override void Encode() => Put(2);
        }
        """;

    [Fact]
    public Task SharedEncoderRunByABlockingSenderAndByAnotherClassesCompletionChain_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(SharedEncoder.Replace("BLOCKING_BASE", "Message"));

    [Fact]
    public Task SharedEncoderRunByABlockingSenderThatIsAlsoTheAsynchronousOne_IsReported() =>
        Verify.VerifyAnalyzerAsync(SharedEncoder.Replace("BLOCKING_BASE", "AsyncPing")
            .Replace("public sealed class BlockingPing : AsyncPing\n{", "public sealed class BlockingPing : AsyncPing\n{\n    public BlockingPing(Socket socket) : base(socket) { }\n")
            .Replace("Buffer[Offset++] = value;\n        Offset += 1;", "Buffer[{|TALLY003:Offset++|}] = value;\n        {|TALLY003:Offset += 1|};"));
}
