using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Family A of the real-code samples (LiteNetLib's peer and channel): TALLY005's synchronisation in the update's own
/// function says whom that function runs beside, as a caller's does (<see cref="SynchronizationPartnersTests"/>). When
/// a partner sharing the object runs on a thread the compilation starts (the receive loop) and writes nothing the update
/// writes, the start explains the lock and the update's other state is one thread's. Reported twins: the receive loop
/// also resets the count (LiteNetLib's true MTU-probe race), and a listener whose partners are all ordinary code
/// (Quartz's historical <c>numJobsFired</c>: the lock then says ordinary code runs on several threads at once).
/// </summary>
public class OwnSynchronizationPartnersTests
{
    [Fact]
    public Task TickCountingBesideTheInterlockedStampTheReceiveLoopResets_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Link
            {
                private long _lastHeard;
                private float _pingTimer;
                private int _probes;

                internal void OnDatagram() { Interlocked.Exchange(ref _lastHeard, 0); }

                internal void Tick(float elapsed)
                {
                    Interlocked.Add(ref _lastHeard, 1);
                    _pingTimer += elapsed;
                    _probes++;
                }
            }

            public sealed class Host
            {
                private readonly Link _link = new Link();

                public Host() { new Thread(Receive).Start(); }

                public void Update(float elapsed) { _link.Tick(elapsed); }

                private void Receive()
                {
                    while (true) { _link.OnDatagram(); }
                }
            }
            """);

    [Fact]
    public Task TickCountingWhatTheReceiveLoopAlsoResets_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Link
            {
                private long _lastHeard;
                private float _pingTimer;
                private int _probes;

                internal void OnDatagram() { Interlocked.Exchange(ref _lastHeard, 0); _probes = 0; }

                internal void Tick(float elapsed)
                {
                    Interlocked.Add(ref _lastHeard, 1);
                    _pingTimer += elapsed;
                    {|TALLY005:_probes++|};
                }
            }

            public sealed class Host
            {
                private readonly Link _link = new Link();

                public Host() { new Thread(Receive).Start(); }

                public void Update(float elapsed) { _link.Tick(elapsed); }

                private void Receive()
                {
                    while (true) { _link.OnDatagram(); }
                }
            }
            """);

    [Fact]
    public Task ListenerCountingBesideALockOnlyOrdinaryCallersShare_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public interface IRunListener
            {
                void Starting(string id);
                void Finished(string id);
            }

            internal sealed class RunningSet : IRunListener
            {
                private readonly Dictionary<string, int> _running = new Dictionary<string, int>();
                private int _started;

                public int Started => _started;

                public void Starting(string id)
                {
                    {|TALLY005:_started++|};
                    lock (_running) { _running[id] = 1; }
                }

                public void Finished(string id)
                {
                    lock (_running) { _running.Remove(id); }
                }
            }

            public static class Listeners
            {
                public static IRunListener Create() => new RunningSet();
            }
            """);
}
