using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Objects reached only through thread-local storage (fourth fresh sample, family T): a pool held by a
/// <c>[ThreadStatic]</c> field or a <c>ThreadLocal&lt;T&gt;</c> is one object per thread, so its own methods' updates
/// run on one thread per object. Reported when the object can reach another thread: a shared object stored into the
/// thread-local field, the object copied out or passed on.
/// </summary>
public class ThreadLocalObjectTests
{
    private const string Pool = """
        using System;
        using System.Net.Sockets;
        using System.Threading;

        internal sealed class Pool<T>
        {
            private readonly T[] _items;
            private readonly Func<T> _make;

            public Pool(int max, Func<T> make)
            {
                _items = new T[max];
                _make = make;
            }

            public int Count { get; private set; }

            public T Take() => Count > 0 ? _items[MARK_TAKE] : _make();

            public void Give(T item)
            {
                if (Count < _items.Length)
                {
                    _items[MARK_GIVE] = item;
                }
            }
        }

        public sealed class Receiver
        {
            private readonly Socket _socket;
            private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();

            public Receiver(Socket socket)
            {
                _socket = socket;
                _args.Completed += OnCompleted;
            }

            public void Start()
            {
                _args.SetBuffer(Buffers.Rent(), 0, 256);
                if (!_socket.ReceiveAsync(_args)) OnCompleted(null, _args);
            }

            public void Send(byte[] data)
            {
                var buffer = Buffers.Rent();
                Array.Copy(data, buffer, Math.Min(data.Length, buffer.Length));
                _socket.Send(buffer);
                Buffers.Return(buffer);
            }

            private void OnCompleted(object sender, SocketAsyncEventArgs e)
            {
                Buffers.Return(e.Buffer);
                Start();
            }
        }

        """;

    private static string PoolWith(string buffers, bool reported)
        => Pool.Replace("MARK_TAKE", reported ? "{|TALLY003:--Count|}" : "--Count").Replace("MARK_GIVE", reported ? "{|TALLY003:Count++|}" : "Count++") + buffers;

    [Fact]
    public Task PoolHeldByAThreadStaticFieldAndUsedByASocketHandlerAndAPublicMethod_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                [ThreadStatic]
                private static Pool<byte[]> s_pool;

                public static byte[] Rent()
                {
                    if (s_pool == null)
                    {
                        s_pool = new Pool<byte[]>(8, () => new byte[256]);
                    }

                    return s_pool.Take();
                }

                public static void Return(byte[] buffer) => s_pool?.Give(buffer);
            }
            """, reported: false));

    [Fact]
    public Task PoolMadeLazilyByAPrivatePropertyOverAThreadStaticField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                [ThreadStatic]
                private static Pool<byte[]> s_pool;

                private static Pool<byte[]> Current => s_pool ??= new Pool<byte[]>(8, () => new byte[256]);

                public static byte[] Rent() => Current.Take();

                public static void Return(byte[] buffer) => Current.Give(buffer);
            }
            """, reported: false));

    [Fact]
    public Task PoolHeldByAThreadLocalWithAFactory_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                private static readonly ThreadLocal<Pool<byte[]>> s_pool = new ThreadLocal<Pool<byte[]>>(() => new Pool<byte[]>(8, () => new byte[256]));

                public static byte[] Rent() => s_pool.Value.Take();

                public static void Return(byte[] buffer) => s_pool.Value.Give(buffer);
            }
            """, reported: false));

    [Fact]
    public Task ThreadStaticFieldGivenASharedPool_IsReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                private static readonly Pool<byte[]> s_shared = new Pool<byte[]>(64, () => new byte[256]);

                [ThreadStatic]
                private static Pool<byte[]> s_pool;

                public static byte[] Rent()
                {
                    if (s_pool == null)
                    {
                        s_pool = s_shared;
                    }

                    return s_pool.Take();
                }

                public static void Return(byte[] buffer) => s_pool?.Give(buffer);
            }
            """, reported: true));

    [Fact]
    public Task ThreadStaticPoolCopiedIntoASharedField_IsReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                [ThreadStatic]
                private static Pool<byte[]> s_pool;

                public static Pool<byte[]> LastMade;

                public static byte[] Rent()
                {
                    if (s_pool == null)
                    {
                        s_pool = new Pool<byte[]>(8, () => new byte[256]);
                        LastMade = s_pool;
                    }

                    return s_pool.Take();
                }

                public static void Return(byte[] buffer) => s_pool?.Give(buffer);

                public static void Drain() => LastMade?.Give(new byte[256]);
            }
            """, reported: true));

    [Fact]
    public Task ThreadLocalTrackingAllValues_IsReported() =>
        Verify.VerifyAnalyzerAsync(PoolWith("""
            internal static class Buffers
            {
                private static readonly ThreadLocal<Pool<byte[]>> s_pool = new ThreadLocal<Pool<byte[]>>(() => new Pool<byte[]>(8, () => new byte[256]), true);

                public static byte[] Rent() => s_pool.Value.Take();

                public static void Return(byte[] buffer) => s_pool.Value.Give(buffer);

                public static void Trim()
                {
                    foreach (var pool in s_pool.Values) pool.Give(new byte[256]);
                }
            }
            """, reported: true));
}
