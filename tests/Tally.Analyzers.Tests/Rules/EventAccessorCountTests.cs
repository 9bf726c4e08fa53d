using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Custom <c>add</c>/<c>remove</c> accessors of an event that count subscribers (hooking an underlying source at the
/// first, unhooking it at the last). The compiler's accessors of a field-like event are thread-safe, so callers may
/// subscribe from any thread; accessors written by hand replace them, and a plain count in them loses a subscriber
/// when two threads subscribe at once. That is a convention of the language, not a declaration of the type: the
/// finding is inferred (hidden by default). The handler list combined in the accessors (<c>_handlers += value</c>), an
/// update outside the accessors, or a count in accessors of a private event is not reported by it.
/// </summary>
public class EventAccessorCountTests
{
    private const string Relay = """
        using System;

        internal sealed class Relay<T> where T : EventArgs
        {
            private readonly Action _hook;
            private readonly Action _unhook;
            private EventHandler<T>? _handlers;
            private int _subscribers;

            public Relay(Action hook, Action unhook) { _hook = hook; _unhook = unhook; }

            public event EventHandler<T> Changed
            {
                add
                {
                    _handlers += value;
                    if (_subscribers == 0) _hook();
                    _subscribers++;
                }
                remove
                {
                    _handlers -= value;
                    _subscribers--;
                    if (_subscribers == 0) _unhook();
                }
            }

            public void Raise(object sender, T args) => _handlers?.Invoke(sender, args);
        }

        public sealed class Feed
        {
            private readonly Relay<EventArgs> _ready;

            public Feed() { _ready = new Relay<EventArgs>(() => { }, () => { }); }

            public event EventHandler<EventArgs> Ready
            {
                add { _ready.Changed += value; }
                remove { _ready.Changed -= value; }
            }
        }
        """;

    [Fact]
    public async Task SubscriberCountInHandWrittenAccessorsOfAPublicEvent_IsAnInferredFinding()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Relay);

        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'_subscribers' is updated with '_subscribers++'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'_subscribers' is updated with '_subscribers--'"));
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("TALLY005", d.Id));
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task HandlerListCombinedInHandWrittenAccessors_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Relay.Replace("_subscribers++;", string.Empty).Replace("_subscribers--;", string.Empty));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task SubscriberCountInAccessorsOfAPrivateEvent_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Relay.Replace("public event EventHandler<T> Changed", "private event EventHandler<T> Changed")
            .Replace("public void Raise(object sender, T args)", "public void Subscribe(EventHandler<T> h) { Changed += h; }\n    public void Raise(object sender, T args)")
            .Replace("add { _ready.Changed += value; }", "add { _ready.Subscribe(value); }")
            .Replace("remove { _ready.Changed -= value; }", "remove { }"));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task CountKeptByAnOrdinaryMethodOfATypeWithHandWrittenAccessors_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Collections.Generic;

            public sealed class Meter
            {
                private readonly List<EventHandler> _handlers = new List<EventHandler>();
                private int _ticks;

                public event EventHandler Tick
                {
                    add { _handlers.Add(value); }
                    remove { _handlers.Remove(value); }
                }

                public void Step()
                {
                    _ticks++;
                    foreach (var handler in _handlers) handler(this, EventArgs.Empty);
                }
            }
            """);

        Assert.Empty(diagnostics);
    }
    [Fact]
    public async Task SubscriberCountInHandWrittenAccessorsOfAControllersEvent_IsNotReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using Microsoft.AspNetCore.Mvc;

            public class StatusController : Controller
            {
                private EventHandler? _handlers;
                private int _subscribers;

                public event EventHandler Changed
                {
                    add { _handlers += value; _subscribers++; }
                    remove { _handlers -= value; _subscribers--; }
                }

                public IActionResult Index() { _handlers?.Invoke(this, EventArgs.Empty); return View(); }
            }
            """, new TestOptions { AspNetCore = true });

        Assert.Empty(diagnostics);
    }
}
