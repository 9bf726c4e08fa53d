using System;

namespace Tally.AnalyzerBenchmarks.Generation;

/// <summary>
/// The type shapes of the generated code base, each numbered by an id so names never clash. The updates are the ones
/// Tally looks at (racy and safe); the filler around them (loops, LINQ, string work) is what real types carry too.
/// </summary>
internal static class TypeTemplates
{
    public static string LockedCounter(int id, Random random) => $$"""
            public sealed class LockedCounter{{id}}
            {
                private readonly object _gate = new object();
                private readonly Dictionary<string, int> _byKey = new Dictionary<string, int>();
                private int _count;
                private int _misses;
                private long _bytes;

                public int Count => _count;

                public void Hit(string key, int size)
                {
                    lock (_gate)
                    {
                        _count++;
                        _bytes += size;
                        _byKey.TryGetValue(key, out int seen);
                        _byKey[key] = seen + {{random.Next(1, 9)}};
                    }
                }

                public void Miss()
                {
                    _misses++;
                }

                public string Describe()
                {
                    lock (_gate)
                    {
                        return string.Join(",", _byKey.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)) + "/" + _misses;
                    }
                }
            }
        {{Filler(id, random)}}
        """;

    public static string InterlockedStatistics(int id, Random random) => $$"""
            public sealed class Statistics{{id}}
            {
                private long _requests;
                private long _failures;
                private long _latencyTotal;
                private int _peak;

                public void Record(TimeSpan latency, bool failed)
                {
                    Interlocked.Increment(ref _requests);
                    if (failed)
                    {
                        _failures++;
                    }

                    _latencyTotal += (long)latency.TotalMilliseconds;
                    int current = (int)(_latencyTotal / Math.Max(1, Interlocked.Read(ref _requests)));
                    if (current > _peak)
                    {
                        _peak = current;
                    }
                }

                public double FailureRate => _requests == 0 ? 0 : (double)_failures / _requests * {{random.Next(1, 100)}};
            }
        {{Filler(id, random)}}
        """;

    public static string TaskRunWorker(int id, Random random) => $$"""
            public sealed class Worker{{id}} : IDisposable
            {
                private readonly BlockingCollection<Func<int>> _queue = new BlockingCollection<Func<int>>();
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private Task? _loop;
                private long _processed;
                private int _errors;
                private int _lastResult;

                public void Start() => _loop = Task.Run(() => Run(_stop.Token));

                public void Post(Func<int> work) => _queue.Add(work);

                private void Run(CancellationToken token)
                {
                    foreach (var work in _queue.GetConsumingEnumerable(token))
                    {
                        try
                        {
                            _lastResult = work();
                            _processed++;
                        }
                        catch (InvalidOperationException)
                        {
                            _errors += {{random.Next(1, 3)}};
                        }
                    }
                }

                public long Processed => _processed + _lastResult * 0;

                public void Dispose()
                {
                    _stop.Cancel();
                    _queue.CompleteAdding();
                    _loop?.Wait();
                }
            }
        {{Filler(id, random)}}
        """;

    public static string ParallelAggregator(int id, Random random) => $$"""
            public sealed class Aggregator{{id}}
            {
                private long _sum;
                private int _batches;

                public long SumAll(int[] values)
                {
                    long local = 0;
                    Parallel.For(0, values.Length, i =>
                    {
                        _sum += values[i];
                        local += values[i] % {{random.Next(2, 17)}};
                    });
                    _batches++;
                    return _sum + local;
                }

                public async Task<int> CountAsync(IEnumerable<int> items)
                {
                    int count = 0;
                    await Task.WhenAll(items.Select(async item =>
                    {
                        await Task.Yield();
                        count += item > 0 ? 1 : 0;
                    }));
                    return count + _batches;
                }
            }
        {{Filler(id, random)}}
        """;

    public static string TimerHeartbeat(int id, Random random) => $$"""
            public sealed class Heartbeat{{id}} : IDisposable
            {
                private readonly Timer _timer;
                private int _ticks;
                private int _missed;
                private DateTime _last = DateTime.UtcNow;

                public Heartbeat{{id}}()
                {
                    _timer = new Timer(OnTick, null, {{random.Next(100, 2000)}}, {{random.Next(100, 2000)}});
                }

                private void OnTick(object? state)
                {
                    _ticks++;
                    if (DateTime.UtcNow - _last > TimeSpan.FromSeconds(5))
                    {
                        _missed += 1;
                    }

                    _last = DateTime.UtcNow;
                }

                public int Ticks => _ticks;

                public void Dispose() => _timer.Dispose();
            }
        {{Filler(id, random)}}
        """;

    public static string StaticCounters(int id, Random random) => $$"""
            public static class Counters{{id}}
            {
                private static int s_created;
                private static long s_totalSize;
                public static int Disposed;

                public static void Created(int size)
                {
                    s_created++;
                    s_totalSize = s_totalSize + size;
                }

                public static void Released() => Disposed -= {{random.Next(1, 4)}};

                public static string Summary() => $"{s_created} created, {s_totalSize} bytes, {Disposed} disposed";
            }
        {{Filler(id, random)}}
        """;

    public static string VolatileState(int id, Random random) => $$"""
            public sealed class Connection{{id}}
            {
                private volatile int _state;
                private volatile bool _closed;
                private int _generation;

                public void Open()
                {
                    if (_closed)
                    {
                        throw new ObjectDisposedException(nameof(Connection{{id}}));
                    }

                    _state++;
                    _generation = _generation + {{random.Next(1, 5)}};
                }

                public void Close()
                {
                    _closed = true;
                    _state--;
                }

                public int State => _state + _generation;
            }
        {{Filler(id, random)}}
        """;

    public static string RoundRobinPool(int id, Random random) => $$"""
            public sealed class Pool{{id}}
            {
                private readonly string[] _members;
                private int _next;
                private int _served;

                public Pool{{id}}(IEnumerable<string> members)
                {
                    _members = members.DefaultIfEmpty("member{{random.Next(100)}}").ToArray();
                }

                public string Next()
                {
                    Interlocked.Increment(ref _next);
                    _served += 1;
                    return _members[_next % _members.Length];
                }

                public int Served => Volatile.Read(ref _served);
            }
        {{Filler(id, random)}}
        """;

    public static string RegisteredService(int id, Random random) => $$"""
            public sealed class Service{{id}}
            {
                private readonly List<string> _recent = new List<string>();
                private int _calls;
                private long _bytes;

                public string Handle(string request)
                {
                    _calls++;
                    _bytes += request.Length;
                    if (_recent.Count > {{random.Next(8, 64)}})
                    {
                        _recent.RemoveAt(0);
                    }

                    _recent.Add(request);
                    return request.ToUpperInvariant() + _calls;
                }

                public long Bytes => _bytes;
            }
        {{Filler(id, random)}}
        """;

    public static string PlainModel(int id, Random random) => $$"""
            public sealed record Order{{id}}(int Id, string Customer, decimal Amount, DateTime Placed)
            {
                public decimal Discounted(decimal rate) => Amount - Amount * rate / {{random.Next(50, 150)}};

                public bool IsRecent(DateTime now) => now - Placed < TimeSpan.FromDays(30);
            }

            public sealed class OrderBook{{id}}(string name)
            {
                private readonly List<Order{{id}}> _orders = new List<Order{{id}}>();
                private decimal _total;

                public string Name { get; } = name;

                public void Add(Order{{id}} order)
                {
                    _orders.Add(order);
                    _total += order.Amount;
                }

                public decimal Total => _total;

                public IEnumerable<Order{{id}}> ByCustomer(string customer)
                    => _orders.Where(o => o.Customer == customer).OrderBy(o => o.Placed);
            }
        {{Filler(id, random)}}
        """;

    public static string PlainLogic(int id, Random random) => $$"""
            public sealed class Parser{{id}}
            {
                private int _position;
                private int _line = 1;
                private readonly string _text;

                public Parser{{id}}(string text) => _text = text;

                public IEnumerable<string> Tokens()
                {
                    while (_position < _text.Length)
                    {
                        char c = _text[_position];
                        if (c == '\n')
                        {
                            _line++;
                            _position++;
                            continue;
                        }

                        if (char.IsWhiteSpace(c))
                        {
                            _position += 1;
                            continue;
                        }

                        int start = _position;
                        while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]))
                        {
                            _position++;
                        }

                        yield return _text.Substring(start, _position - start) + "@" + (_line * {{random.Next(1, 9)}});
                    }
                }
            }
        {{Filler(id, random)}}
        """;

    /// <summary>A helper type with plain logic and local updates only, so the shapes above are not the whole file.</summary>
    private static string Filler(int id, Random random) => $$"""
            internal static class Helpers{{id}}
            {
                public static int Checksum(IReadOnlyList<int> values)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Count; i++)
                    {
                        sum += values[i] * (i + {{random.Next(1, 31)}});
                        sum ^= sum << 3;
                    }

                    return sum;
                }

                public static string Format(IEnumerable<KeyValuePair<string, int>> pairs)
                {
                    var parts = new List<string>();
                    foreach (var pair in pairs)
                    {
                        if (pair.Value < 0)
                        {
                            continue;
                        }

                        parts.Add(pair.Key + ":" + pair.Value.ToString("D{{random.Next(1, 6)}}"));
                    }

                    return string.Join(";", parts);
                }

                public static async Task<int> RetryAsync(Func<Task<int>> action, int attempts)
                {
                    int tries = 0;
                    while (true)
                    {
                        try
                        {
                            return await action().ConfigureAwait(false);
                        }
                        catch (TimeoutException) when (++tries < attempts)
                        {
                            await Task.Delay(tries * {{random.Next(10, 100)}}).ConfigureAwait(false);
                        }
                    }
                }
            }
        """;
}
