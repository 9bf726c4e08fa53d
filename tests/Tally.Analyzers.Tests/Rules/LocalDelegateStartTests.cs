using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A delegate kept in a local and then started (<c>ThreadStart run = ReceiveLoop; if (native) run = NativeReceiveLoop;
/// new Thread(run).Start();</c>): each value is started there, and the values are alternatives of one start, one thread.
/// Before, the method groups counted as handed to the starting method, i.e. as ordinary code any thread may call.
/// Each not-reported case has a reported twin.
/// </summary>
public class LocalDelegateStartTests
{
    private const string Receiver = """
        using System;
        using System.Threading;

        public sealed class Receiver
        {
            private readonly object _sendLock = new object();
            private Thread _thread;
            private int _sent;
            private long _received;

            public void Send(byte[] data)
            {
                lock (_sendLock)
                {
                    _sent++;
                }
            }

            private void Process(byte[] data) => {|#0:_received += data.Length|};

            private void ReceiveLoop()
            {
                while (true)
                {
                    Process(new byte[16]);
                }
            }

            private void NativeReceiveLoop()
            {
                while (true)
                {
                    Process(new byte[32]);
                }
            }

        """;

    [Fact]
    public Task AlternativeLoopsStartedOnceThroughALocal_AreNotReported() =>
        Verify.VerifyAnalyzerAsync((Receiver + """
                public void Start(bool native)
                {
                    if (_thread != null)
                    {
                        return;
                    }

                    ThreadStart run = ReceiveLoop;
                    if (native)
                    {
                        run = NativeReceiveLoop;
                    }

                    _thread = new Thread(run) { IsBackground = true };
                    _thread.Start();
                }
            }
            """).Replace("{|#0:", string.Empty).Replace("|};", ";"));

    [Fact]
    public Task LoopsStartedThroughALocalInALoop_AreReported() =>
        Verify.VerifyAnalyzerAsync(Receiver.Replace("{|#0:", "{|TALLY003:") + """
                public void Start(int threads)
                {
                    ThreadStart run = ReceiveLoop;
                    for (var i = 0; i < threads; i++)
                    {
                        new Thread(run).Start();
                    }
                }
            }
            """);

    [Fact]
    public Task LocalAlsoInvokedDirectly_KeepsTheLoopOrdinaryCode() =>
        Verify.VerifyAnalyzerAsync(Receiver.Replace("{|#0:", "{|TALLY005:") + """
                public void Start(bool inline)
                {
                    if (_thread != null)
                    {
                        return;
                    }

                    ThreadStart run = ReceiveLoop;
                    if (inline)
                    {
                        run();
                        return;
                    }

                    _thread = new Thread(run);
                    _thread.Start();
                }
            }
            """);

    [Fact]
    public Task TwoLocalsStartedAsTwoThreads_AreReported() =>
        Verify.VerifyAnalyzerAsync(Receiver.Replace("{|#0:", "{|TALLY003:") + """
                public void Start()
                {
                    if (_thread != null)
                    {
                        return;
                    }

                    ThreadStart first = ReceiveLoop;
                    ThreadStart second = NativeReceiveLoop;
                    _thread = new Thread(first);
                    _thread.Start();
                    new Thread(second).Start();
                }
            }
            """);
}
