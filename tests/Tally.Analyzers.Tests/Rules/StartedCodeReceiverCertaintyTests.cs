using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Copies started together write one object when the update is in the started code itself only if the started code's
/// own object is one in every start: a lambda's (the enclosing code's), or a method group's or unawaited call's
/// receiver that is <c>this</c>, a static or a readonly field. A method group or unawaited call on the loop's item
/// starts each copy on an object of its own: the overlap is inferred (hidden by default), as it is when the copies reach
/// the update through calls.
/// </summary>
public class StartedCodeReceiverCertaintyTests
{
    [Fact]
    public async Task MethodGroupOfTheLoopItemUpdatingItsOwnCounter_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Mailbox
            {
                private int _delivered;
                public void Deliver() { _delivered++; }
                public int Delivered => _delivered;
            }

            public class PostOffice
            {
                public void DeliverAll(List<Mailbox> boxes)
                {
                    foreach (var box in boxes)
                    {
                        Task.Run(box.Deliver);
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task UnawaitedAsyncCallOnEachConnectionUpdatingItsOwnCounter_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Connection
            {
                private int _frames;
                public async Task PumpAsync()
                {
                    await Task.Yield();
                    _frames++;
                }
                public int Frames => _frames;
            }

            public class Multiplexer
            {
                public void StartAll(List<Connection> connections)
                {
                    foreach (var connection in connections)
                    {
                        _ = connection.PumpAsync();
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task ThreadPerWorkerSlotRunningAnArrayElementsMethod_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Executor
            {
                private int _commands;
                public void Run(object state) { _commands++; }
                public int Commands => _commands;
            }

            public class ExecutorPool
            {
                private readonly Executor[] _executors = new Executor[4];
                public void Start()
                {
                    for (var i = 0; i < _executors.Length; i++)
                    {
                        ThreadPool.QueueUserWorkItem(_executors[i].Run, null);
                    }
                }
            }
            """);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task MethodGroupOnThisStartedInALoop_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public class Crawler
            {
                private int _pages;
                public void Start(int workers)
                {
                    for (var i = 0; i < workers; i++)
                    {
                        Task.Run(Crawl);
                    }
                }
                private void Crawl() { _pages++; }
                public int Pages => _pages;
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task UnawaitedAsyncCallOnAReadonlyFieldInALoop_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public class Uploader
            {
                private int _sent;
                public async Task SendAsync()
                {
                    await Task.Yield();
                    _sent++;
                }
                public int Sent => _sent;
            }

            public class Batch
            {
                private readonly Uploader _uploader = new Uploader();
                public void SendAll(int parts)
                {
                    for (var i = 0; i < parts; i++)
                    {
                        _ = _uploader.SendAsync();
                    }
                }
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }

    [Fact]
    public async Task LambdaStartedPerLoopItemUpdatingTheEnclosingObject_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Resizer
            {
                private int _resized;
                public void ResizeAll(List<string> paths)
                {
                    foreach (var path in paths)
                    {
                        Task.Run(() =>
                        {
                            if (path.Length > 0)
                            {
                                _resized++;
                            }
                        });
                    }
                }
                public int Resized => _resized;
            }
            """);

        CertaintyAssert.SingleCertain(diagnostics);
    }
}
