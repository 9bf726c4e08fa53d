using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A reset is the holder's last write when the hand-back follows it on every path that keeps the object (third fresh
/// sample, family A: LiteNetLib's packets recycled after a "pool full" early return, Lidgren's messages enqueued only
/// while the pool has room). A path that skips the hand-back under a test of the pool alone drops the object, which ends
/// the holder's use of it as well. A test that reads the object itself (a reference count, a flag of the packet) decides
/// whether this holder is the last one, so the write stays a shared object's.
/// </summary>
public class PoolHandBackPathTests
{
    private const string Packets = """
        using System.Collections.Concurrent;
        using System.Threading;

        public sealed class Packet
        {
            public byte[] Raw = new byte[64];
            public Packet Next;
            public int Users;

            public void MarkReliable()
            {
                {|TALLY003:Raw[0] |= 0x80|};
            }
        }

        public sealed class Host
        {
            private readonly object _sync = new object();
            private readonly ConcurrentQueue<Packet> _packetPool = new ConcurrentQueue<Packet>();
            private Packet _poolHead;
            private int _poolCount;

            public void Start() => new Thread(Loop).Start();

            private void Loop()
            {
                while (true)
                {
                    var packet = Receive();
                    Give(packet);
                }
            }

            private Packet Receive() => new Packet();

            public void SendReliable(Packet packet)
            {
                packet.MarkReliable();
            }

            public void Give(Packet packet)
            {
                if (_poolCount >= 100)
                {
                    return;
                }

                packet.Raw[0] = 0;
                lock (_sync)
                {
                    packet.Next = _poolHead;
                    _poolHead = packet;
                    _poolCount++;
                }
            }
        }
        """;

    private static string Clean(string source) => source.Edit("{|TALLY003:Raw[0] |= 0x80|}", "Raw[0] |= 0x80");

    [Fact]
    public Task AFlagClearedAfterTheFullPoolsEarlyReturn_DoesNotPairWithItsSetters() =>
        Verify.VerifyAnalyzerAsync(Clean(Packets));

    [Fact]
    public Task AFlagClearedBeforeAnEarlyReturnThatReadsThePacket_IsStillAWriterOfThePacket() =>
        Verify.VerifyAnalyzerAsync(Packets.Edit("packet.Raw[0] = 0;", "packet.Raw[0] = 0;\n        if (packet.Next != null)\n        {\n            return;\n        }\n"));

    [Fact]
    public Task AFlagClearedBeforeAHandBackThatOnlyAFullPoolSkips_DoesNotPairWithItsSetters() =>
        Verify.VerifyAnalyzerAsync(Clean(Packets).Edit("lock (_sync)\n        {\n            packet.Next = _poolHead;\n            _poolHead = packet;\n            _poolCount++;\n        }", "if (_packetPool.Count < 100)\n        {\n            _packetPool.Enqueue(packet);\n        }"));

    [Fact]
    public Task AFlagClearedBeforeAHandBackThatDependsOnThePacket_IsStillAWriterOfThePacket() =>
        Verify.VerifyAnalyzerAsync(Packets.Edit("lock (_sync)\n        {\n            packet.Next = _poolHead;\n            _poolHead = packet;\n            _poolCount++;\n        }", "if (packet.Raw.Length < 100)\n        {\n            _packetPool.Enqueue(packet);\n        }"));

    [Fact]
    public Task AUserCountDroppedBeforeTheLastUserGivesThePacketBack_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class Packet
            {
                private static readonly ConcurrentBag<Packet> s_pool = new ConcurrentBag<Packet>();
                private int _users = 2;

                public void Release()
                {
                    {|TALLY003:_users--|};
                    if (_users > 0)
                    {
                        return;
                    }

                    s_pool.Add(this);
                }
            }

            public static class Fanout
            {
                public static void Send(Packet packet)
                {
                    Task.Run(() => packet.Release());
                    Task.Run(() => packet.Release());
                }
            }
            """);
}
