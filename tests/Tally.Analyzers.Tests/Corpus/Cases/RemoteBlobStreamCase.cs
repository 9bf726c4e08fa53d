namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fourth fresh sample, family D (clean): a remote blob opened as a <c>Stream</c>, documented
/// <c>&lt;threadsafety static="true" instance="false"/&gt;</c>. Its synchronous members take the stream's lock; its
/// asynchronous ones cannot hold it across <c>await</c> and move the same position and buffer offset without it. Two
/// writers overlap only if the application runs two operations on one stream at once, which the type's contract (and
/// every stream's) rules out; the client opens a stream per download. Expected: nothing reported.
/// </summary>
internal static class RemoteBlobStreamCase
{
    public static CorpusCase Case { get; } = new("RemoteBlobStream", """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Blobs
        {
            /// <summary>Reads and writes one remote blob through a block buffer.</summary>
            /// <threadsafety static="true" instance="false"/>
            public sealed class RemoteBlobStream : Stream
            {
                private readonly object _sync = new object();
                private readonly IBlobTransport _transport;
                private readonly string _name;
                private readonly byte[] _block;
                private int _blockOffset;
                private int _blockLength;
                private long _position;

                internal RemoteBlobStream(IBlobTransport transport, string name, int blockSize)
                {
                    _transport = transport;
                    _name = name;
                    _block = new byte[blockSize];
                }

                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => throw new NotSupportedException();

                public override long Position
                {
                    get => _position;
                    set => throw new NotSupportedException();
                }

                public override int Read(byte[] buffer, int offset, int count)
                {
                    lock (_sync)
                    {
                        if (_blockOffset == _blockLength)
                        {
                            _blockLength = _transport.Fetch(_name, _position, _block);
                            _blockOffset = 0;
                        }

                        var taken = Math.Min(count, _blockLength - _blockOffset);
                        Buffer.BlockCopy(_block, _blockOffset, buffer, offset, taken);
                        _blockOffset += taken;
                        _position += taken;
                        return taken;
                    }
                }

                public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                {
                    if (_blockOffset == _blockLength)
                    {
                        _blockLength = await _transport.FetchAsync(_name, _position, _block, cancellationToken).ConfigureAwait(false);
                        _blockOffset = 0;
                    }

                    var taken = Math.Min(count, _blockLength - _blockOffset);
                    Buffer.BlockCopy(_block, _blockOffset, buffer, offset, taken);
                    _blockOffset += taken;
                    _position += taken;
                    return taken;
                }

                public override void Write(byte[] buffer, int offset, int count)
                {
                    lock (_sync)
                    {
                        _transport.Store(_name, _position, buffer, offset, count);
                        _position += count;
                    }
                }

                public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                {
                    await _transport.StoreAsync(_name, _position, buffer, offset, count, cancellationToken).ConfigureAwait(false);
                    _position += count;
                }

                public override void Flush()
                {
                    lock (_sync)
                    {
                        _blockOffset = 0;
                        _blockLength = 0;
                    }
                }

                public override Task FlushAsync(CancellationToken cancellationToken)
                {
                    _blockOffset = 0;
                    _blockLength = 0;
                    return Task.CompletedTask;
                }

                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

                public override void SetLength(long value) => throw new NotSupportedException();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OneCallerDocumentedStream,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Blobs
            {
                public interface IBlobTransport
                {
                    int Fetch(string name, long position, byte[] block);

                    Task<int> FetchAsync(string name, long position, byte[] block, CancellationToken cancellationToken);

                    void Store(string name, long position, byte[] buffer, int offset, int count);

                    Task StoreAsync(string name, long position, byte[] buffer, int offset, int count, CancellationToken cancellationToken);
                }
            }
            """,
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Blobs
            {
                /// <summary>Thread-safe: every call opens its own stream.</summary>
                public sealed class BlobClient
                {
                    private readonly IBlobTransport _transport;

                    public BlobClient(IBlobTransport transport) => _transport = transport;

                    public RemoteBlobStream OpenRead(string name) => new RemoteBlobStream(_transport, name, 32 * 1024);

                    public async Task<byte[]> DownloadAsync(string name, CancellationToken cancellationToken)
                    {
                        using var stream = OpenRead(name);
                        using var copy = new MemoryStream();
                        var buffer = new byte[8192];
                        int read;
                        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            copy.Write(buffer, 0, read);
                        }

                        return copy.ToArray();
                    }

                    public void Upload(string name, byte[] data)
                    {
                        using var stream = OpenRead(name);
                        stream.Write(data, 0, data.Length);
                        stream.Flush();
                    }
                }
            }
            """,
        },
    };
}
