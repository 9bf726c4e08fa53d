using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Family A of the real-code samples (SSH.NET's download reader): TALLY001's "the same field is updated under a lock
/// elsewhere" when no concurrent start reaches either writer. The lock the second writer takes says whom its function
/// runs beside; when it is shared with a thread the type starts (a read-ahead loop) that never writes the field, it is
/// no evidence that the field is shared. Reported twins: the read-ahead also rewinds the position, the reader is a
/// public type (its public method runs beside itself), no other function takes the lock, two tasks share one reader.
/// </summary>
public class OwnLockPartnersTests
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
}
