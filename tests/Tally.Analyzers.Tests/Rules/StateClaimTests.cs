using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// State claims (issue 9, the state hand-off): a private field checked and set under one lock
/// (<c>lock (_sync) { if (_busy) return; _busy = true; }</c>) hands the object to one claimant at a time, who keeps it
/// after the lock is released until it writes the free value back. Claimants exclude each other, and so does code that
/// holds the lock and saw the free value. Each shape has a not-reported twin and a reported one where the claim is
/// given back, written by someone who holds none, or taken under two locks.
/// </summary>
public class StateClaimTests
{
    [Fact]
    public Task UpdateInsideABusyFlagClaimOfAPeriodicTimer_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Poller
            {
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private bool _busy;
                private long _polls;

                public Poller() => _timer = new Timer(OnTick, null, 0, 100);

                private void OnTick(object? state)
                {
                    lock (_sync)
                    {
                        if (_busy) return;
                        _busy = true;
                    }

                    try { _polls++; }
                    finally { _busy = false; }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterTheClaimWasGivenBack_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Poller
            {
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private bool _busy;
                private long _polls;
                private long _ticks;

                public Poller() => _timer = new Timer(OnTick, null, 0, 100);

                private void OnTick(object? state)
                {
                    lock (_sync)
                    {
                        if (_busy) return;
                        _busy = true;
                    }

                    try { _polls++; }
                    finally { _busy = false; }
                    {|TALLY003:_ticks++|};
                }
            }
            """);

    [Fact]
    public Task ClaimWhoseFreeValueIsAlsoWrittenByCodeHoldingNoClaim_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Poller
            {
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private bool _busy;
                private long _polls;

                public Poller() => _timer = new Timer(OnTick, null, 0, 100);

                public void Reset() => _busy = false;

                private void OnTick(object? state)
                {
                    lock (_sync)
                    {
                        if (_busy) return;
                        _busy = true;
                    }

                    try { {|TALLY003:_polls++|}; }
                    finally { _busy = false; }
                }
            }
            """);

    [Fact]
    public Task ClaimsOfOneFieldUnderTwoLocks_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Uploader
            {
                private readonly object _first = new object();
                private readonly object _second = new object();
                private int _state;
                private long _bytes;

                public void Run(int n) => Parallel.For(0, n, i => { if (i % 2 == 0) First(i); else Second(i); });

                private void First(int n)
                {
                    lock (_first)
                    {
                        if (_state != 0) return;
                        _state = 1;
                    }

                    try { {|TALLY003:_bytes += n|}; }
                    finally { _state = 0; }
                }

                private void Second(int n)
                {
                    lock (_second)
                    {
                        if (_state != 0) return;
                        _state = 2;
                    }

                    try { {|TALLY003:_bytes += n|}; }
                    finally { _state = 0; }
                }
            }
            """);

    [Fact]
    public Task KeepAliveThatWorksUnderTheLockOnlyWhileTheStateIsFree_IsNotReportedBesideAnOperationThatClaimedIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public enum LinkState { Idle, Busy, Closed }

            public sealed class Link
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private LinkState _state;
                private int _framesSent;

                public Link() => _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite);

                public void Send(byte[] frame)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Idle) throw new InvalidOperationException("busy");
                        _state = LinkState.Busy;
                    }

                    try { WriteFrame(frame); }
                    finally
                    {
                        lock (_sync) { _state = LinkState.Idle; }
                    }
                }

                private void WriteFrame(byte[] frame) => _framesSent++;

                private void KeepAlive(object? state)
                {
                    if (!Monitor.TryEnter(_sync)) return;
                    try
                    {
                        if (_state != LinkState.Idle) return;
                        _framesSent++;
                    }
                    finally { Monitor.Exit(_sync); }
                }
            }
            """);

    [Fact]
    public Task KeepAliveThatDoesNotCheckTheState_IsReportedBesideAnOperationThatClaimedIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public enum LinkState { Idle, Busy, Closed }

            public sealed class Link
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private LinkState _state;
                private int _framesSent;

                public Link() => _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite);

                public void Send(byte[] frame)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Idle) throw new InvalidOperationException("busy");
                        _state = LinkState.Busy;
                    }

                    try { WriteFrame(frame); }
                    finally
                    {
                        lock (_sync) { _state = LinkState.Idle; }
                    }
                }

                private void WriteFrame(byte[] frame) => {|TALLY001:_framesSent++|};

                private void KeepAlive(object? state)
                {
                    lock (_sync)
                    {
                        if (_state == LinkState.Closed) return;
                        {|TALLY001:_framesSent++|};
                    }
                }
            }
            """);

    [Fact]
    public Task GatedCheckThatWaitsOnTheLockBeforeItsUpdate_IsReportedBesideAClaimant() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public enum LinkState { Idle, Busy }

            public sealed class Link
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private LinkState _state;
                private int _framesSent;

                public Link() => _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite);

                public void Send(byte[] frame)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Idle) throw new InvalidOperationException("busy");
                        _state = LinkState.Busy;
                    }

                    try { {|TALLY001:_framesSent++|}; }
                    finally
                    {
                        lock (_sync) { _state = LinkState.Idle; }
                    }
                }

                private void KeepAlive(object? state)
                {
                    lock (_sync)
                    {
                        if (_state != LinkState.Idle) return;
                        Monitor.Wait(_sync, 10);
                        {|TALLY001:_framesSent++|};
                    }
                }
            }
            """);
}
