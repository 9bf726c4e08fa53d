using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A private method that only the constructors of its class call, on the object being made, is part of construction:
/// its own writes of the object's fields are made before anyone else can see the object, like the constructor's. The
/// shape of BTDB's file collections (held-out sample fresh15, family E): the constructor calls a private loader that
/// raises the generation to the highest found on disk, and a public method later steps it with
/// <c>Interlocked.Increment</c>. A helper that anything else can run (an ordinary method, another object, a delegate,
/// code started in the constructor, the rest of an async method) stays reported.
/// </summary>
public class ConstructorOnlyHelperTests
{
    private const string Next = """

            public long NextGeneration() => Interlocked.Increment(ref _generation);
        }
        """;

    private const string Head = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public class FileSet
        {
            private long _generation;

        """;

    [Fact]
    public Task AFieldRaisedInAPrivateHelperThatOnlyTheConstructorCallsIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(IEnumerable<long> generationsOnDisk)
                {
                    Load(generationsOnDisk);
                }

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        if (_generation < generation) _generation = generation;
                    }
                }
            """ + Next);

    [Fact]
    public Task AHelperReachedOnThisThroughAnotherConstructorOnlyHelperFromTwoConstructorsIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(IEnumerable<long> generationsOnDisk)
                {
                    this.Open(generationsOnDisk);
                }

                public FileSet() : this(new long[0])
                {
                    Open(new long[] { 1 });
                }

                private void Open(IEnumerable<long> generationsOnDisk) => this.Load(generationsOnDisk);

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        _generation += generation;
                    }
                }
            """ + Next);

    [Fact]
    public Task AHelperRunOnAJustMadeObjectWhoseConstructorStartedAThreadIsReported() =>
        // Why the exemption is not the wider initialisation-step test (RunsOnlyWhileMade): a call on an object its caller
        // has just made still races with what that object's constructor started.
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public class Connection
            {
                private int _received;

                public Connection() { new Thread(Receive).Start(); }

                internal void Replay(int backlog) { {|TALLY003:_received += backlog|}; }

                private void Receive()
                {
                    while (true) { _received++; }
                }
            }

            public static class Session
            {
                public static Connection Open(int backlog)
                {
                    var connection = new Connection();
                    connection.Replay(backlog);
                    return connection;
                }
            }
            """);

    [Fact]
    public Task AHelperAlsoCalledFromAnOrdinaryMethodIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(IEnumerable<long> generationsOnDisk) => Load(generationsOnDisk);

                public void Reload(IEnumerable<long> generationsOnDisk) => Load(generationsOnDisk);

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        {|TALLY001:_generation += generation|};
                    }
                }
            """ + Next);

    [Fact]
    public Task AHelperCalledOnAnotherObjectIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(FileSet other, IEnumerable<long> generationsOnDisk) => other.Load(generationsOnDisk);

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        {|TALLY001:_generation += generation|};
                    }
                }
            """ + Next);

    [Fact]
    public Task AHelperTheConstructorAlsoKeepsAsADelegateIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public Action<IEnumerable<long>> Loader;

                public FileSet(IEnumerable<long> generationsOnDisk)
                {
                    Load(generationsOnDisk);
                    Loader = Load;
                }

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        {|TALLY001:_generation += generation|};
                    }
                }
            """ + Next);

    [Fact]
    public Task AHelperTheConstructorRunsOnATaskIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(IEnumerable<long> generationsOnDisk) => Task.Run(() => Load(generationsOnDisk));

                private void Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        {|TALLY001:_generation += generation|};
                    }
                }
            """ + Next);

    [Fact]
    public Task TheWritesOfATaskThatAConstructorOnlyHelperStartsAreReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(IEnumerable<long> generationsOnDisk) => Start(generationsOnDisk);

                private void Start(IEnumerable<long> generationsOnDisk)
                {
                    Task.Run(() =>
                    {
                        foreach (var generation in generationsOnDisk)
                        {
                            {|TALLY001:_generation += generation|};
                        }
                    });
                }
            """ + Next);

    [Fact]
    public Task AnAsyncHelperThatOnlyTheConstructorCallsIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                public FileSet(Func<Task<long[]>> read) => _ = LoadAsync(read);

                private async Task LoadAsync(Func<Task<long[]>> read)
                {
                    foreach (var generation in await read())
                    {
                        {|TALLY001:_generation += generation|};
                    }
                }
            """ + Next);

    [Fact]
    public Task AnIteratorHelperThatOnlyTheConstructorCallsIsReported() =>
        Verify.VerifyAnalyzerAsync(Head + """
                private readonly IEnumerable<long> _loaded;

                public FileSet(IEnumerable<long> generationsOnDisk) => _loaded = Load(generationsOnDisk);

                public long Count() => System.Linq.Enumerable.Count(_loaded);

                private IEnumerable<long> Load(IEnumerable<long> generationsOnDisk)
                {
                    foreach (var generation in generationsOnDisk)
                    {
                        {|TALLY001:_generation += generation|};
                        yield return generation;
                    }
                }
            """ + Next);
}
