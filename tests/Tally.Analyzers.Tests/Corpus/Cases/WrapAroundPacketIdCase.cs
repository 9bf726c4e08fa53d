namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh-sample shape miss (reported): a publish/subscribe client takes packet ids with a conditional
/// wrap-around (<c>_id = (_id % ushort.MaxValue != 0) ? (ushort)(_id + 1) : (ushort)1</c>) from its public
/// <c>Publish</c> and <c>Subscribe</c>, while its receive thread and the publishing threads share a locked in-flight
/// queue. Two publishers can take the same id, and acknowledgements are matched by id. Expected: the update reported.
/// </summary>
internal static class WrapAroundPacketIdCase
{
    public static CorpusCase Case { get; } = new("WrapAroundPacketId", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Mqtt
        {
            public sealed class PubSubClient
            {
                private readonly Queue<OutgoingPacket> _inflight = new Queue<OutgoingPacket>();
                private readonly IPacketChannel _channel;
                private ushort _packetId;
                private volatile bool _running = true;

                public PubSubClient(IPacketChannel channel)
                {
                    _channel = channel;
                    new Thread(ReceiveLoop) { IsBackground = true }.Start();
                }

                public ushort Publish(string topic, byte[] payload)
                {
                    var packet = new OutgoingPacket(NextPacketId(), topic, payload);
                    lock (_inflight)
                    {
                        _inflight.Enqueue(packet);
                    }

                    _channel.Send(packet);
                    return packet.Id;
                }

                public ushort Subscribe(string topic)
                {
                    var packet = new OutgoingPacket(NextPacketId(), topic, new byte[0]);
                    _channel.Send(packet);
                    return packet.Id;
                }

                public void Stop() => _running = false;

                private ushort NextPacketId()
                {
                    {|TALLY005:_packetId = ((_packetId % ushort.MaxValue) != 0) ? (ushort)(_packetId + 1) : (ushort)1|};
                    return _packetId;
                }

                private void ReceiveLoop()
                {
                    while (_running)
                    {
                        var acknowledged = _channel.ReceiveAck();
                        lock (_inflight)
                        {
                            if (_inflight.Count > 0 && _inflight.Peek().Id == acknowledged)
                            {
                                _inflight.Dequeue();
                            }
                        }
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ConditionalWrapAroundShape,
        MoreFiles = new[]
        {
            """
            namespace Corpus.Mqtt
            {
                public sealed class OutgoingPacket
                {
                    public OutgoingPacket(ushort id, string topic, byte[] payload)
                    {
                        Id = id;
                        Topic = topic;
                        Payload = payload;
                    }

                    public ushort Id { get; }

                    public string Topic { get; }

                    public byte[] Payload { get; }
                }

                public interface IPacketChannel
                {
                    void Send(OutgoingPacket packet);

                    ushort ReceiveAck();
                }
            }
            """,
        },
    };
}
