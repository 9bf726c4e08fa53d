using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A count set just before a fork-join dispatch whose workers take from it with Interlocked: the shape of BepuPhysics'
/// pose integrator (sample fresh9, pattern P5, family E). The dispatching method (or a private helper only it calls, before
/// the dispatch) sets the job count, then hands the workers to a call that returns only when they are done:
/// <c>Parallel.For</c>, or a dispatcher interface whose one implementation signals its threads and waits. The atomic
/// writes say the workers overlap each other, not that the setting overlaps them. A dispatch that does not join (an
/// implementation that does not wait), a dispatch started on a task or made by a worker, a write that can run while the
/// workers do, a helper also run from elsewhere and a worker also called directly stay reported.
/// </summary>
public class WriteBeforeJoinedDispatchTests
{
    private const string Pool = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IWorkerPool
        {
            int Count { get; }

            void RunWorkers(Action<int> worker, int count);
        }

        public sealed class SignalledPool : IWorkerPool
        {
            private readonly AutoResetEvent[] _go;
            private readonly CountdownEvent _done = new CountdownEvent(1);
            private volatile Action<int> _body;

            public SignalledPool(int threads)
            {
                _go = new AutoResetEvent[threads];
                for (var i = 0; i < threads; i++)
                {
                    _go[i] = new AutoResetEvent(false);
                    new Thread(Loop) { IsBackground = true }.Start(i);
                }
            }

            public int Count => _go.Length;

            private void Loop(object state)
            {
                var index = (int)state;
                while (true)
                {
                    _go[index].WaitOne();
                    _body(index);
                    _done.Signal();
                }
            }

            public void RunWorkers(Action<int> worker, int count)
            {
                if (count <= 1)
                {
                    worker(0);
                    return;
                }

                _body = worker;
                _done.Reset(count);
                for (var i = 0; i < count; i++)
                {
                    _go[i].Set();
                }

                _done.Wait();
                _body = null;
            }
        }

        """;

    private const string Jobs = """
            private int _jobsLeft;
            private int _jobSize;

            private bool TryTake(out int job)
            {
                job = Interlocked.Decrement(ref _jobsLeft);
                return job >= 0;
            }

            private void Step(int worker)
            {
                while (TryTake(out var job))
                {
                }
            }

        """;

    [Fact]
    public Task ACountSetByAPrivateHelperBeforeTheWorkersHeldInAFieldAreHandedToAWaitingPoolIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
                private readonly Action<int> _step;

                public Integrator() => _step = Step;

            """ + Jobs + """
                private void Prepare(int items, int workers)
                {
                    _jobSize = Math.Max(1, items / (workers * 2));
                    _jobsLeft = items / _jobSize;
                    if (_jobSize * _jobsLeft < items)
                        ++_jobsLeft;
                }

                public void Integrate(int items, IWorkerPool pool)
                {
                    if (pool != null)
                    {
                        Prepare(items, pool.Count);
                        pool.RunWorkers(_step, pool.Count);
                    }
                }

                public void Predict(int items, IWorkerPool pool)
                {
                    Prepare(items, pool.Count);
                    pool.RunWorkers(_step, pool.Count);
                }
            }
            """);

    [Fact]
    public Task ACountRaisedByTheDispatchingMethodBeforeParallelForIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, int workers)
                {
                    _jobsLeft = 0;
                    _jobsLeft += items;
                    Parallel.For(0, workers, Step);
                }
            }
            """);

    [Fact]
    public Task ACountRaisedBeforeParallelInvokeOfLambdasCallingTheWorkerIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items)
                {
                    _jobsLeft = 0;
                    _jobsLeft += items;
                    Parallel.Invoke(() => Step(0), () => Step(1));
                }
            }
            """);

    [Fact]
    public Task ACountRaisedBeforeTheWorkerMethodIsHandedToTheWaitingPoolIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, IWorkerPool pool)
                {
                    _jobsLeft = 0;
                    _jobsLeft += items;
                    pool.RunWorkers(Step, pool.Count);
                }
            }
            """);

    [Fact]
    public Task ACountRaisedBeforeAPoolOneImplementationOfWhichDoesNotWaitIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class QueuedPool : IWorkerPool
            {
                public int Count => Environment.ProcessorCount;

                public void RunWorkers(Action<int> worker, int count)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var index = i;
                        ThreadPool.QueueUserWorkItem(_ => worker(index));
                    }
                }
            }

            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, IWorkerPool pool)
                {
                    _jobsLeft = 0;
                    {|TALLY001:_jobsLeft += items|};
                    pool.RunWorkers(Step, pool.Count);
                }
            }
            """);

    [Fact]
    public Task ACountRaisedBeforeADispatchThatIsItselfStartedOnATaskIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, int workers)
                {
                    Task.Run(() =>
                    {
                        _jobsLeft = 0;
                        {|TALLY001:_jobsLeft += items|};
                        Parallel.For(0, workers, Step);
                    });
                }
            }
            """);

    [Fact]
    public Task ACountRaisedBeforeADispatchInsideAWorkerOfTheWaitingPoolIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, IWorkerPool pool)
                {
                    pool.RunWorkers(worker =>
                    {
                        _jobsLeft = 0;
                        {|TALLY001:_jobsLeft += items|};
                        Parallel.For(0, 2, Step);
                    }, pool.Count);
                }
            }
            """);

    [Fact]
    public Task ACountRaisedAfterTheDispatchIsStartedIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, int workers)
                {
                    var running = Task.Run(() => Parallel.For(0, workers, Step));
                    {|TALLY001:_jobsLeft += items|};
                    running.Wait();
                }
            }
            """);

    [Fact]
    public Task ACountRaisedByAHelperAlsoCalledOutsideTheDispatchIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
                private readonly Action<int> _step;

                public Integrator() => _step = Step;

            """ + Jobs + """
                private void Prepare(int items)
                {
                    _jobsLeft = 0;
                    {|TALLY001:_jobsLeft += items|};
                }

                public void Integrate(int items, IWorkerPool pool)
                {
                    Prepare(items);
                    pool.RunWorkers(_step, pool.Count);
                }

                public void Reset(int items) => Prepare(items);
            }
            """);

    [Fact]
    public Task ACountRaisedAfterTheWorkerIsAlsoCalledDirectlyIsReported() =>
        Verify.VerifyAnalyzerAsync(Pool + """
            public sealed class Integrator
            {
            """ + Jobs + """
                public void Integrate(int items, int workers)
                {
                    _jobsLeft = 0;
                    {|TALLY001:_jobsLeft += items|};
                    Parallel.For(0, workers, Step);
                }

                public void Drain() => Step(0);
            }
            """);
}
