using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Family A of the real-code samples ("an object one thread changes at a time", taken for shared because its type
/// synchronises other state): a lock or Interlocked field in the update's own function, or the lock a second writer of
/// the field takes, says whom that function runs beside (the other functions synchronising on the same object), as a
/// caller's synchronisation already did (<see cref="SynchronizationPartnersTests"/>). It is evidence that the field is
/// shared only when the function runs beside itself (the object is its alone, or it is a public method of a public type)
/// or a partner writes the field too. Reported twins: a partner that rewinds or resets the field, a public type, a lock no
/// other function takes, a reader two tasks share.
/// </summary>
public class OwnSynchronizationPartnersTests
{
    [Fact]
    public Task ReaderAdvancingItsPositionUnderTheLockItSharesWithThePrefetchThread_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public interface IBlockReader { byte[] Next(); }

            internal sealed class BlockReader : IBlockReader
            {
                private readonly object _gate = new object();
                private readonly Dictionary<ulong, byte[]> _blocks = new Dictionary<ulong, byte[]>();
                private ulong _position;
                private ulong _prefetchPosition;

                public BlockReader() { new Thread(Prefetch).Start(); }

                public byte[] Next()
                {
                    lock (_gate)
                    {
                        while (_blocks.Count == 0) { Monitor.Wait(_gate); }
                        if (_blocks.TryGetValue(_position, out var block))
                        {
                            _blocks.Remove(_position);
                            _position += (ulong)block.Length;
                            return block;
                        }
                    }

                    var missing = Load(_position);
                    _position += (ulong)missing.Length;
                    return missing;
                }

                private void Prefetch()
                {
                    while (true)
                    {
                        var block = Load(_prefetchPosition);
                        lock (_gate)
                        {
                            _blocks[_prefetchPosition] = block;
                            Monitor.PulseAll(_gate);
                        }

                        _prefetchPosition += (ulong)block.Length;
                    }
                }

                private static byte[] Load(ulong at) => new byte[16];
            }

            public static class Download
            {
                public static void Copy(IBlockReader reader) { while (reader.Next().Length > 0) { } }
            }
            """);

    [Fact]
    public Task ReaderWhosePrefetchThreadAlsoRewindsThePosition_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public interface IBlockReader { byte[] Next(); }

            internal sealed class BlockReader : IBlockReader
            {
                private readonly object _gate = new object();
                private readonly Dictionary<ulong, byte[]> _blocks = new Dictionary<ulong, byte[]>();
                private ulong _position;
                private ulong _prefetchPosition;

                public BlockReader() { new Thread(Prefetch).Start(); }

                public byte[] Next()
                {
                    lock (_gate)
                    {
                        while (_blocks.Count == 0) { Monitor.Wait(_gate); }
                        if (_blocks.TryGetValue(_position, out var block))
                        {
                            _blocks.Remove(_position);
                            _position += (ulong)block.Length;
                            return block;
                        }
                    }

                    var missing = Load(_position);
                    {|TALLY001:_position += (ulong)missing.Length|};
                    return missing;
                }

                private void Prefetch()
                {
                    while (true)
                    {
                        var block = Load(_prefetchPosition);
                        lock (_gate)
                        {
                            _blocks[_prefetchPosition] = block; if (block.Length == 0) { _position = 0; }
                            Monitor.PulseAll(_gate);
                        }

                        _prefetchPosition += (ulong)block.Length;
                    }
                }

                private static byte[] Load(ulong at) => new byte[16];
            }

            public static class Download
            {
                public static void Copy(IBlockReader reader) { while (reader.Next().Length > 0) { } }
            }
            """);

    [Fact]
    public Task PublicReaderOfAPublicType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public interface IBlockReader { byte[] Next(); }

            public sealed class BlockReader : IBlockReader
            {
                private readonly object _gate = new object();
                private readonly Dictionary<ulong, byte[]> _blocks = new Dictionary<ulong, byte[]>();
                private ulong _position;
                private ulong _prefetchPosition;

                public BlockReader() { new Thread(Prefetch).Start(); }

                public byte[] Next()
                {
                    lock (_gate)
                    {
                        while (_blocks.Count == 0) { Monitor.Wait(_gate); }
                        if (_blocks.TryGetValue(_position, out var block))
                        {
                            _blocks.Remove(_position);
                            _position += (ulong)block.Length;
                            return block;
                        }
                    }

                    var missing = Load(_position);
                    {|TALLY001:_position += (ulong)missing.Length|};
                    return missing;
                }

                private void Prefetch()
                {
                    while (true)
                    {
                        var block = Load(_prefetchPosition);
                        lock (_gate)
                        {
                            _blocks[_prefetchPosition] = block;
                            Monitor.PulseAll(_gate);
                        }

                        _prefetchPosition += (ulong)block.Length;
                    }
                }

                private static byte[] Load(ulong at) => new byte[16];
            }

            public static class Download
            {
                public static void Copy(IBlockReader reader) { while (reader.Next().Length > 0) { } }
            }
            """);

    [Fact]
    public Task ReaderWhoseLockNoOtherFunctionTakes_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public interface IBlockReader { byte[] Next(); }

            internal sealed class BlockReader : IBlockReader
            {
                private readonly object _gate = new object();
                private readonly Dictionary<ulong, byte[]> _blocks = new Dictionary<ulong, byte[]>();
                private ulong _position;
                private ulong _prefetchPosition;

                public BlockReader() { new Thread(Prefetch).Start(); }

                public byte[] Next()
                {
                    lock (_gate)
                    {
                        while (_blocks.Count == 0) { Monitor.Wait(_gate); }
                        if (_blocks.TryGetValue(_position, out var block))
                        {
                            _blocks.Remove(_position);
                            _position += (ulong)block.Length;
                            return block;
                        }
                    }

                    var missing = Load(_position);
                    {|TALLY001:_position += (ulong)missing.Length|};
                    return missing;
                }

                private void Prefetch()
                {
                    while (true)
                    {
                        var block = Load(_prefetchPosition);
                        _blocks[_prefetchPosition] = block;

                        _prefetchPosition += (ulong)block.Length;
                    }
                }

                private static byte[] Load(ulong at) => new byte[16];
            }

            public static class Download
            {
                public static void Copy(IBlockReader reader) { while (reader.Next().Length > 0) { } }
            }
            """);

    [Fact]
    public Task ReaderThatTwoTasksShare_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public interface IBlockReader { byte[] Next(); }

            internal sealed class BlockReader : IBlockReader
            {
                private readonly object _gate = new object();
                private readonly Dictionary<ulong, byte[]> _blocks = new Dictionary<ulong, byte[]>();
                private ulong _position;
                private ulong _prefetchPosition;

                public BlockReader() { new Thread(Prefetch).Start(); }

                public byte[] Next()
                {
                    lock (_gate)
                    {
                        while (_blocks.Count == 0) { Monitor.Wait(_gate); }
                        if (_blocks.TryGetValue(_position, out var block))
                        {
                            _blocks.Remove(_position);
                            _position += (ulong)block.Length;
                            return block;
                        }
                    }

                    var missing = Load(_position);
                    {|TALLY001:_position += (ulong)missing.Length|};
                    return missing;
                }

                private void Prefetch()
                {
                    while (true)
                    {
                        var block = Load(_prefetchPosition);
                        lock (_gate)
                        {
                            _blocks[_prefetchPosition] = block;
                            Monitor.PulseAll(_gate);
                        }

                        _prefetchPosition += (ulong)block.Length;
                    }
                }

                private static byte[] Load(ulong at) => new byte[16];
            }

            public sealed class Mirror
            {
                private readonly IBlockReader _reader = new BlockReader();

                public void Start()
                {
                    for (var i = 0; i < 2; i++) { System.Threading.Tasks.Task.Run(() => Copy()); }
                }

                private void Copy() { while (_reader.Next().Length > 0) { } }
            }
            """);

    [Fact]
    public Task TickCountingBesideTheInterlockedStampTheReceivePathResets_IsNotReported() =>
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
                public void Poll() { _link.OnDatagram(); }
                public void Update(float elapsed) { _link.Tick(elapsed); }
            }
            """);

    [Fact]
    public Task TickCountingWhatTheReceivePathAlsoResets_IsReported() =>
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
                public void Poll() { _link.OnDatagram(); }
                public void Update(float elapsed) { _link.Tick(elapsed); }
            }
            """);
}
