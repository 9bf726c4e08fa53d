namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 1 (clean): a Select-with-index operator in the style of Rx. Its sink uses Interlocked for disposal, and
/// updates its index in <c>OnNext</c>; the observer contract (and the source here, one producer loop) never calls
/// <c>OnNext</c> of one observer concurrently, so the index has one writer at a time. Expected: nothing reported.
/// </summary>
internal static class RxOperatorIndexCase
{
    public static CorpusCase Case { get; } = new("RxOperatorIndex", """
        using System;
        using System.Threading;

        namespace Corpus.Reactive
        {
            public sealed class SelectIndexed<TSource, TResult> : IObservable<TResult>
            {
                private readonly IObservable<TSource> _source;
                private readonly Func<TSource, int, TResult> _selector;

                public SelectIndexed(IObservable<TSource> source, Func<TSource, int, TResult> selector)
                {
                    _source = source;
                    _selector = selector;
                }

                public IDisposable Subscribe(IObserver<TResult> observer)
                {
                    var sink = new Sink(observer, _selector);
                    sink.Upstream = _source.Subscribe(sink);
                    return sink;
                }

                private sealed class Sink : IObserver<TSource>, IDisposable
                {
                    private readonly IObserver<TResult> _downstream;
                    private readonly Func<TSource, int, TResult> _selector;
                    private int _index;
                    private int _disposed;

                    public Sink(IObserver<TResult> downstream, Func<TSource, int, TResult> selector)
                    {
                        _downstream = downstream;
                        _selector = selector;
                    }

                    public IDisposable? Upstream { get; set; }

                    public void OnNext(TSource value)
                    {
                        if (Volatile.Read(ref _disposed) != 0)
                        {
                            return;
                        }

                        TResult result;
                        try
                        {
                            result = _selector(value, _index);
                            _index++;
                        }
                        catch (Exception error)
                        {
                            OnError(error);
                            return;
                        }

                        _downstream.OnNext(result);
                    }

                    public void OnError(Exception error)
                    {
                        _downstream.OnError(error);
                        Dispose();
                    }

                    public void OnCompleted()
                    {
                        _downstream.OnCompleted();
                        Dispose();
                    }

                    public void Dispose()
                    {
                        if (Interlocked.Exchange(ref _disposed, 1) == 0)
                        {
                            Upstream?.Dispose();
                        }
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OwnedRxOperatorIndex,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.Reactive
            {
                /// <summary>Emits the lines of a source from one background loop, one OnNext at a time.</summary>
                public sealed class LineSource : IObservable<string>
                {
                    private readonly IEnumerable<string> _lines;

                    public LineSource(IEnumerable<string> lines) => _lines = lines;

                    public IDisposable Subscribe(IObserver<string> observer)
                    {
                        var stop = new Stop();
                        Task.Run(() =>
                        {
                            foreach (string line in _lines)
                            {
                                if (stop.Requested)
                                {
                                    return;
                                }

                                observer.OnNext(line);
                            }

                            observer.OnCompleted();
                        });
                        return stop;
                    }

                    private sealed class Stop : IDisposable
                    {
                        public volatile bool Requested;

                        public void Dispose() => Requested = true;
                    }
                }

                public sealed class Printer : IObserver<string>
                {
                    public void OnNext(string value) => Console.WriteLine(value);

                    public void OnError(Exception error) => Console.Error.WriteLine(error);

                    public void OnCompleted()
                    {
                    }
                }

                public static class Numbering
                {
                    public static IDisposable Print(IEnumerable<string> lines) =>
                        new SelectIndexed<string, string>(new LineSource(lines), (line, i) => $"{i}: {line}").Subscribe(new Printer());
                }
            }
            """,
        },
    };
}
