using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A delegate posted to a UI thread (<c>ISynchronizeInvoke.BeginInvoke</c>/<c>Invoke</c>, a WPF or Avalonia
/// <c>Dispatcher</c>, <c>SynchronizationContext.Post</c>/<c>Send</c>), directly or through a method that only posts
/// the delegate it is handed, runs on that thread: the thread that posted it does not run it (fresh24, iSpy's media
/// panel: a page reset under a lock in a method posted with <c>BeginInvoke</c> was a certain TALLY001 beside the click
/// handlers that step it). Reported twins: posted code racing a write of the posting thread itself, and a helper that
/// also runs the delegate it posts.
/// </summary>
public class UiThreadPostTests
{
    private const string Dispatcher = """
        namespace System.Windows.Threading
        {
            public sealed class Dispatcher
            {
                public void Invoke(System.Action callback) => callback();
                public void BeginInvoke(System.Action callback) => callback();
            }
        }
        """;

    private static TestOptions WithDispatcher => new TestOptions { AdditionalSources = new[] { Dispatcher } };

    [Fact]
    public async Task FieldResetUnderALockInAMethodPostedWithBeginInvoke_IsOnlyInferredBesideClickHandlers()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.ComponentModel;

            public sealed class MediaPanel
            {
                private static readonly object ThreadLock = new object();
                public static int Page;
                private readonly List<string> _files = new List<string>();
                private readonly ISynchronizeInvoke _ui;

                public MediaPanel(ISynchronizeInvoke ui) { _ui = ui; }

                public void StartLoader() => new System.Threading.Thread(LoadFiles).Start();

                private void LoadFiles()
                {
                    lock (ThreadLock)
                    {
                        _files.Add("clip.mp4");
                    }

                    _ui.BeginInvoke(new System.Action(Render), null);
                }

                private void Render()
                {
                    lock (ThreadLock)
                    {
                        if (Page * 100 > _files.Count - 1)
                        {
                            Page = 0;
                        }
                    }
                }

                public void NextClick()
                {
                    Page++;
                    if (Page * 100 >= _files.Count)
                    {
                        Page--;
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task MethodHandedToAHelperThatOnlyPostsIt_IsOnlyInferredBesideClickHandlers()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.ComponentModel;

            public sealed class MediaPanel
            {
                private static readonly object ThreadLock = new object();
                public static int Page;

                public void StartLoader() => new System.Threading.Thread(LoadFiles).Start();

                private void LoadFiles() => UiSync.Execute(Render);

                private void Render()
                {
                    lock (ThreadLock)
                    {
                        Page = 0;
                    }
                }

                public void NextClick() => Page++;

                private static class UiSync
                {
                    private static ISynchronizeInvoke? _sync;

                    public static void Init(ISynchronizeInvoke sync) => _sync = sync;

                    public static void Execute(Action action)
                    {
                        try { _sync!.BeginInvoke(action, null); }
                        catch (InvalidOperationException) { }
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public Task LambdasPostedFromAThreadWithADispatcherOrASynchronizationContext_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Windows.Threading;

            public sealed class Monitor
            {
                private readonly Dispatcher _dispatcher = new Dispatcher();
                private readonly SynchronizationContext _context = SynchronizationContext.Current!;
                private int _shown;
                private int _alerts;

                public void Start() => new Thread(Poll).Start();

                private void Poll()
                {
                    while (true)
                    {
                        _dispatcher.Invoke(() => _shown++);
                        _context.Post(_ => _alerts++, null);
                    }
                }

                public void ClearClick()
                {
                    _shown = 0;
                    _alerts--;
                }
            }
            """, WithDispatcher);

    [Fact]
    public Task PostedCodeRacingAWriteOfThePostingThread_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Windows.Threading;

            public sealed class Monitor
            {
                private readonly Dispatcher _dispatcher = new Dispatcher();
                private int _shown;

                public void Start() => new Thread(Poll).Start();

                private void Poll()
                {
                    while (true)
                    {
                        {|TALLY003:_shown++|};
                        _dispatcher.BeginInvoke(() => {|TALLY003:_shown++|});
                    }
                }
            }
            """, WithDispatcher);

    [Fact]
    public Task MethodHandedToAHelperThatAlsoRunsIt_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.ComponentModel;

            public sealed class Panel
            {
                private static ISynchronizeInvoke? _sync;
                private int _page;

                public void StartLoader() => new System.Threading.Thread(Load).Start();

                private void Load() => Execute(Next);

                private void Next() => {|TALLY003:_page++|};

                public void NextClick() => {|TALLY003:_page++|};

                private static void Execute(Action action)
                {
                    if (_sync == null)
                    {
                        action();
                        return;
                    }

                    _sync.BeginInvoke(action, null);
                }
            }
            """);
}
