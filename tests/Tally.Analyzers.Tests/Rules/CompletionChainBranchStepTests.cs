using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The step before a completion, inside a branch: a request driven by its link's <c>SocketAsyncEventArgs</c> is told
/// that the connection is up (by the connect's completion, or at once) and, when it holds a ticket, sends a short
/// login first: it sets the buffer offset and starts the send in the same branch. That write happens before the send's
/// completion, which goes on moving the offset. Reported twins: the write after the start in that branch, a write in the
/// other branch of the <c>if</c> that starts, the same write in a loop that starts the send on each turn, and a link
/// with a send and a receive event args (two chains). A write through a parameter (a header encoder handed the request)
/// is the request's own step only when every call passing the request hands it <c>this</c>.
/// </summary>
public class CompletionChainBranchStepTests
{
    private const string Request = """
        using System.Net.Sockets;

        public abstract class Request
        {
            protected byte[] Buffer = new byte[64];
            protected internal int Offset;
            private Link? _link;
            private byte[]? _ticket;
            private bool _loggingIn;

            public void Run(Link link, byte[]? ticket)
            {
                _link = link;
                _ticket = ticket;
                link.Owner = this;
                if (link.IsOpen)
                {
                    Connected();
                }
                else
                {
                    link.Connect();
                }
            }

            internal void Connected()
            {
                if (_ticket != null)
                {
                    if (_ticket.Length > 0)
                    {
                        _loggingIn = true;
                        LOGIN
                        return;
                    }
                }

                Begin();
            }

            internal void Begin()
            {
                Offset = 0;
                Encode();
                _link?.Send(Buffer, 0, Offset);
            }

            protected abstract void Encode();

            protected void Put(byte value)
            {
                Buffer[Offset++] = value;
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

                if (_loggingIn)
                {
                    _loggingIn = false;
                    Begin();
                }
            }

            OTHER_WRITER
        }

        public sealed class Ping : Request
        {
            protected override void Encode()
            {
                ENCODE
                Put(1);
            }
        }

        public sealed class Link
        {
            public Request? Owner;
            public bool IsOpen;
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
            RECEIVE_ARGS

            public Link(Socket socket)
            {
                _socket = socket;
                _args.Completed += OnCompleted;
                SUBSCRIBE_RECEIVE
            }

            private void OnCompleted(object? sender, SocketAsyncEventArgs e)
            {
                switch (e.LastOperation)
                {
                    case SocketAsyncOperation.Connect:
                        IsOpen = true;
                        Owner?.Connected();
                        break;
                    case SocketAsyncOperation.Send:
                        Owner?.Sent();
                        break;
                    case SocketAsyncOperation.Receive:
                        Owner?.Received(e.BytesTransferred);
                        break;
                }
            }

            public void Connect()
            {
                if (!_socket.ConnectAsync(_args))
                {
                    Owner?.Connected();
                }
            }

            public void Send(byte[] buffer, int offset, int count)
            {
                _args.SetBuffer(buffer, offset, count);
                if (!_socket.SendAsync(_args))
                {
                    Owner?.Sent();
                }
            }

            public void Receive(byte[] buffer, int offset, int count)
            {
                RECEIVE_ON.SetBuffer(buffer, offset, count);
                if (!_socket.ReceiveAsync(RECEIVE_ON))
                {
                    Owner?.Received(RECEIVE_ON.BytesTransferred);
                }
            }
        }
        """;

    private const string WriteThenSend = "Offset = _ticket.Length;\n                _link?.Send(Buffer, 0, Offset);";

    private const string Received = "Offset += count;\n        if (Offset < 8)";

    private const string ReceivedReported = "{|TALLY003:Offset += count|};\n        if (Offset < 8)";

    private static string OneEventArgs(string login, string otherWriter = "", string encode = "") => Request
        .Replace("LOGIN", login)
        .Replace("OTHER_WRITER", otherWriter)
        .Replace("RECEIVE_ARGS", string.Empty)
        .Replace("SUBSCRIBE_RECEIVE", string.Empty)
        .Replace("RECEIVE_ON", "_args")
        .Replace("ENCODE", encode);

    [Fact]
    public Task OffsetSetInTheBranchBeforeTheSendThatBranchStarts_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs(WriteThenSend));

    [Fact]
    public Task OffsetSetInTheBranchAfterTheSendThatBranchStarted_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("_link?.Send(Buffer, 0, 8);\n                Offset = _ticket.Length;")
            .Replace(Received, ReceivedReported));

    [Fact]
    public Task OffsetSetInTheOtherBranchOfTheIfThatStartsTheSend_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("if (_ticket.Length > 8)\n                {\n                    _link?.Send(Buffer, 0, 8);\n                }\n                else\n                {\n                    Offset = _ticket.Length;\n                }")
            .Replace(Received, ReceivedReported));

    [Fact]
    public Task OffsetSetInALoopThatStartsASendOnEachTurn_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs("for (var i = 0; i < _ticket.Length; i++)\n                {\n                    Offset = i;\n                    _link?.Send(Buffer, 0, Offset);\n                }")
            .Replace(Received, ReceivedReported));

    [Fact]
    public Task OffsetSetInTheBranchBeforeTheSendOnALinkWithASendAndAReceiveEventArgs_IsReported() =>
        Verify.VerifyAnalyzerAsync(Request
            .Replace("LOGIN", WriteThenSend)
            .Replace("OTHER_WRITER", string.Empty)
            .Replace("RECEIVE_ARGS", "private readonly SocketAsyncEventArgs _receiveArgs = new SocketAsyncEventArgs();")
            .Replace("SUBSCRIBE_RECEIVE", "_receiveArgs.Completed += OnCompleted;")
            .Replace("RECEIVE_ON", "_receiveArgs")
            .Replace("ENCODE", string.Empty)
            .Replace("Buffer[Offset++] = value;", "Buffer[{|TALLY003:Offset++|}] = value;")
            .Replace(Received, ReceivedReported));

    // The step writes the offset through a parameter: every caller hands in 'this', but the rule takes only writes
    // through 'this' as the step's (docs/detection-model.md, "The step before a completion", in a branch).
    private const string Header = """

        public sealed class Header
        {
            public void WriteTo(Request request)
            {
                {|TALLY003:request.Offset += 2|};
            }
        }
        """;

    [Fact]
    public Task HeaderWrittenThroughTheRequestItsOwnStepHandsIn_IsReported() =>
        Verify.VerifyAnalyzerAsync(OneEventArgs(WriteThenSend, "private readonly Header _header = new Header();\n\n    protected void PutHeader() => _header.WriteTo(this);", "PutHeader();").Replace(Received, ReceivedReported) + Header);
}
