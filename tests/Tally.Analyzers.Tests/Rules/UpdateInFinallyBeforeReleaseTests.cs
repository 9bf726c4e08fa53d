using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An update in a <c>finally</c>, before the <c>finally</c> releases the lock taken before its <c>try</c>, holds the
/// lock like the <c>try</c> body (fresh16, CryptoExchange.Net's rate-limit gate): <c>_gate.Wait(); try { ... } finally
/// { _count--; _gate.Release(); }</c>. Only a release that every path through the <c>finally</c> reaches counts: a
/// release under <c>if (release)</c>, cleared in a catch because a callee gave the gate up, leaves the update unlocked,
/// as do an update after the release and a <c>try</c> the acquire does not precede.
/// </summary>
public class UpdateInFinallyBeforeReleaseTests
{
    [Fact]
    public Task UpdateInFinallyBeforeReleasingTheSemaphoreWaitedForBeforeTheTry_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Throttle
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _passed;

                public void Pass(CancellationToken ct)
                {
                    _gate.Wait(ct);
                    try
                    {
                        Thread.Sleep(10);
                    }
                    finally
                    {
                        _passed++;
                        _gate.Release();
                    }
                }

                public void Reset()
                {
                    _gate.Wait();
                    _passed = _passed / 2;
                    _gate.Release();
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyBeforeReleasingTheSemaphoreAwaitedBeforeTheTry_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class RequestGate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _waiting;

                public async Task<bool> PassAsync(TimeSpan delay, CancellationToken ct)
                {
                    await _semaphore.WaitAsync(ct).ConfigureAwait(false);
                    _waiting++;
                    try
                    {
                        await Task.Delay(delay, ct).ConfigureAwait(false);
                        return true;
                    }
                    finally
                    {
                        _waiting--;
                        _semaphore.Release();
                    }
                }

                public int Waiting => _waiting;
            }
            """);

    [Fact]
    public Task UpdatesInTheBodyAndInTheFinallyBeforeTheRelease_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public sealed class Gate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _inside;

                public bool Pass(TimeSpan wait, CancellationToken ct)
                {
                    _semaphore.Wait(ct);
                    try
                    {
                        _inside++;
                        Thread.Sleep(wait);
                        return true;
                    }
                    finally
                    {
                        _inside--;
                        _semaphore.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyBeforeExitingASpinLockEnteredBeforeTheTry_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Slots
            {
                private SpinLock _spin = new SpinLock(false);
                private int _used;

                public void Use()
                {
                    bool taken = false;
                    _spin.Enter(ref taken);
                    try
                    {
                        _used++;
                    }
                    finally
                    {
                        _used--;
                        _spin.Exit();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyBeforeAReleaseOnlyIfACatchDidNotGiveTheGateUp_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class RateLimitGate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _waitingCount;

                public async Task<bool> ProcessAsync(TimeSpan delay, CancellationToken ct)
                {
                    await _semaphore.WaitAsync(ct).ConfigureAwait(false);
                    bool release = true;
                    _waitingCount++;
                    try
                    {
                        return await CheckAsync(delay, ct).ConfigureAwait(false);
                    }
                    catch (TaskCanceledException)
                    {
                        release = false;
                        return false;
                    }
                    finally
                    {
                        {|TALLY001:_waitingCount--|};
                        if (release)
                            _semaphore.Release();
                    }
                }

                private async Task<bool> CheckAsync(TimeSpan delay, CancellationToken ct)
                {
                    if (delay == TimeSpan.Zero)
                        return true;
                    _semaphore.Release();
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                    await _semaphore.WaitAsync(ct).ConfigureAwait(false);
                    return await CheckAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyAfterTheRelease_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public sealed class Gate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _inside;

                public bool Pass(TimeSpan wait, CancellationToken ct)
                {
                    _semaphore.Wait(ct);
                    try
                    {
                        _inside++;
                        Thread.Sleep(wait);
                        return true;
                    }
                    finally
                    {
                        _semaphore.Release();
                        {|TALLY001:_inside--|};
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyOfATryThatTheWaitIsInside_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public sealed class Gate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _inside;

                public bool Pass(TimeSpan wait, CancellationToken ct)
                {
                    try
                    {
                        _semaphore.Wait(ct);
                        _inside++;
                        Thread.Sleep(wait);
                        return true;
                    }
                    finally
                    {
                        {|TALLY001:_inside--|};
                        _semaphore.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyAfterACatchThatReleasedTheGate_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Gate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _inside;

                public async Task<bool> PassAsync(TimeSpan wait, CancellationToken ct)
                {
                    await _semaphore.WaitAsync(ct).ConfigureAwait(false);
                    _inside++;
                    try
                    {
                        await Task.Delay(wait, ct).ConfigureAwait(false);
                        return true;
                    }
                    catch (TaskCanceledException)
                    {
                        _semaphore.Release();
                        throw;
                    }
                    finally
                    {
                        {|TALLY001:_inside--|};
                        _semaphore.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInFinallyAfterATimedWaitWhoseResultIsDropped_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public sealed class Gate
            {
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _inside;

                public bool Pass(TimeSpan wait)
                {
                    _semaphore.Wait(100);
                    try
                    {
                        {|TALLY005:_inside++|};
                        Thread.Sleep(wait);
                        return true;
                    }
                    finally
                    {
                        {|TALLY005:_inside--|};
                        _semaphore.Release();
                    }
                }
            }
            """);
}
