using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A usage contract "one caller at a time", stated in code (a <c>&lt;threadsafety instance="false"/&gt;</c> comment, an
/// attribute), in configuration (<c>tally.one_caller_types</c>), or known (streams): the application's calls on one
/// instance never overlap, so a synchronous member that locks and an asynchronous one that cannot are not two writers
/// at once. The shape of a remote file stream whose <c>Read</c> takes its lock and whose <c>ReadAsync</c> does not.
/// Code the type starts itself, callbacks, static fields and objects another type keeps stay reported.
/// </summary>
public class OneCallerContractTests
{
    private const string Transfer = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace App
        {
            /// <summary>A remote file opened for reading.</summary>
            /// <threadsafety static="true" instance="false"/>
            public class RemoteFile
            {
                private readonly object _gate = new object();
                private long _position;

                public int Read(int count)
                {
                    lock (_gate)
                    {
                        _position += count;
                        return count;
                    }
                }

                public async Task<int> ReadAsync(int count)
                {
                    await Task.Yield();
                    _position += count;
                    return count;
                }
            }
        }
        """;

    private const string Attribute = """
        namespace App
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class OneCallerAtATimeAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ThreadSafeAttribute : System.Attribute { }
        }
        """;

    private static string Reported(string source) => source.Edit("await Task.Yield();\n            _position += count;", "await Task.Yield();\n            {|TALLY001:_position += count|};");

    private static string Undocumented(string source) => source.Edit("    /// <threadsafety static=\"true\" instance=\"false\"/>\n", string.Empty);

    [Fact]
    public Task AsyncReadBesideTheLockedReadOfATypeDocumentedNotThreadSafePerInstance_IsNotReported() => Verify.VerifyAnalyzerAsync(Transfer);

    [Fact]
    public Task AsyncReadBesideTheLockedReadOfAnUndocumentedType_IsReported() => Verify.VerifyAnalyzerAsync(Reported(Undocumented(Transfer)));

    [Fact]
    public Task ThreadSafetyCommentThatAllowsInstanceUse_IsReported() => Verify.VerifyAnalyzerAsync(Reported(Transfer
        .Edit("instance=\"false\"", "instance=\"true\"")));

    [Fact]
    public Task ThreadSafetyCommentOnABaseClass_CoversTheDerivedClass() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("public class RemoteFile", "public abstract class FileBase { }\n\n    public class RemoteFile : FileBase")
        .Edit("    /// <threadsafety static=\"true\" instance=\"false\"/>\n    public abstract class FileBase", "    public abstract class FileBase")
        .Edit("    /// <summary>A remote file opened for reading.</summary>\n", "    /// <threadsafety instance='false'/>\n"));

    [Fact]
    public Task TypeMarkedWithTheOneCallerAttribute_IsNotReported() => Verify.VerifyAnalyzerAsync(
        Undocumented(Transfer).Edit("public class RemoteFile", "[OneCallerAtATime]\n    public class RemoteFile"),
        new TestOptions { AdditionalSources = new[] { Attribute } });

    [Fact]
    public Task OneCallerAttributeNotNamedInTheOptions_IsReported() => Verify.VerifyAnalyzerAsync(
        Reported(Undocumented(Transfer)).Edit("public class RemoteFile", "[OneCallerAtATime]\n    public class RemoteFile"),
        new TestOptions { AdditionalSources = new[] { Attribute }, EditorConfig = "tally.one_caller_attributes = UsedByOneCaller" });

    [Fact]
    public Task TypeNamedInTheConfiguredOneCallerTypes_IsNotReported() => Verify.VerifyAnalyzerAsync(
        Undocumented(Transfer), new TestOptions { EditorConfig = "tally.one_caller_types = App.RemoteFile" });

    [Fact]
    public Task TypeWhoseInterfaceIsNamedInTheConfiguredOneCallerTypes_IsNotReported() => Verify.VerifyAnalyzerAsync(
        Undocumented(Transfer).Edit("public class RemoteFile", "public interface ITransfer { }\n\n    public class RemoteFile : ITransfer"),
        new TestOptions { EditorConfig = "tally.one_caller_types = ITransfer" });

    [Fact]
    public Task DocumentedTypeWithDocCommentsSwitchedOff_IsReported() => Verify.VerifyAnalyzerAsync(
        Reported(Transfer), new TestOptions { EditorConfig = "tally.one_caller_evidence = attribute, configured, enumerator, stream" });

    [Fact]
    public Task DocumentedTypeAlsoMarkedThreadSafe_IsReported() => Verify.VerifyAnalyzerAsync(
        Reported(Transfer).Edit("public class RemoteFile", "[ThreadSafe]\n    public class RemoteFile"),
        new TestOptions { AdditionalSources = new[] { Attribute } });

    [Fact]
    public Task DocumentedTypeImplementingASharedContract_IsReported() => Verify.VerifyAnalyzerAsync(
        Reported(Transfer).Edit("public class RemoteFile", "public interface IShared { }\n\n    public class RemoteFile : IShared"),
        new TestOptions { EditorConfig = "tally.shared_contracts = App.IShared" });

    [Fact]
    public Task ReadAheadLoopTheTypeStartsItself_IsStillReported() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("await Task.Yield();\n            _position += count;", "await Task.Yield();\n            {|TALLY001:_position += count|};")
        .Edit("private long _position;", "private long _position;\n\n        public void StartReadAhead() => Task.Run(() => Fill());\n\n        private void Fill() { {|TALLY001:_position += 4096|}; }"));

    [Fact]
    public Task TimerCallbackOfTheType_IsStillReported() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("await Task.Yield();\n            _position += count;", "await Task.Yield();\n            {|TALLY001:_position += count|};")
        .Edit("private long _position;", "private long _position;\n        private readonly Timer _timer;\n\n        public RemoteFile() { _timer = new Timer(_ => Tick(), null, 1000, 1000); }\n\n        private void Tick() { {|TALLY001:_position++|}; }"));

    [Fact]
    public Task CallbackHandedToAnotherObject_IsStillReported() => Verify.VerifyAnalyzerAsync(Reported(Transfer)
        .Edit("private long _position;", "private long _position;\n\n        public void Subscribe(Feed feed) => feed.OnData(OnData);\n\n        private void OnData(int count) { {|TALLY001:_position += count|}; }")
        .Edit("namespace App\n{", "namespace App\n{\n    public class Feed\n    {\n        public void OnData(System.Action<int> handler) { }\n    }\n"));

    [Fact]
    public Task StaticFieldOfADocumentedType_IsStillReported() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("private long _position;", "private static long s_opened;\n        private long _position;")
        .Edit("await Task.Yield();\n            _position += count;", "await Task.Yield();\n            {|TALLY004:s_opened++|};\n            _position += count;"));

    [Fact]
    public Task ObjectAnotherTypeKeepsInAFieldAndCalls_IsStillReported() => Verify.VerifyAnalyzerAsync(Reported(Transfer)
        .Edit("namespace App\n{", "namespace App\n{\n    public class Downloader\n    {\n        private readonly RemoteFile _file = new RemoteFile();\n\n        public Task<int> NextAsync() => _file.ReadAsync(16);\n    }\n"));

    [Fact]
    public Task ObjectAnotherTypeMakesForEachCall_IsNotReported() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("namespace App\n{", "namespace App\n{\n    public static class Downloads\n    {\n        public static async Task<int> FirstAsync()\n        {\n            var file = new RemoteFile();\n            return await file.ReadAsync(16) + file.Read(16);\n        }\n    }\n"));

    [Fact]
    public Task ObjectMadeLocallyAndReadByTwoStartedTasks_IsStillReported() => Verify.VerifyAnalyzerAsync(Transfer
        .Edit("await Task.Yield();\n            _position += count;", "await Task.Yield();\n            {|TALLY001:_position += count|};")
        .Edit("namespace App\n{", "namespace App\n{\n    public static class Downloads\n    {\n        public static Task BothAsync()\n        {\n            var file = new RemoteFile();\n            return Task.WhenAll(Task.Run(() => file.ReadAsync(16)), Task.Run(() => file.ReadAsync(16)));\n        }\n    }\n"));

    [Fact]
    public Task OneCallerAtATimeFromTheLibrary_StatesTheContract() => Verify.VerifyAnalyzerAsync(
        Undocumented(Transfer).Edit("public class RemoteFile", "[Tally.OneCallerAtATime]\n    public class RemoteFile"), TallyLibrary.With());

    [Fact]
    public Task StreamSubclassWhoseSyncReadLocksAndAsyncReadCannot_IsNotReported() => Verify.VerifyAnalyzerAsync(StreamSource);

    [Fact]
    public Task StreamSubclassWithStreamsSwitchedOff_IsReported() => Verify.VerifyAnalyzerAsync(
        StreamSource.Edit("await Task.Yield();\n        _position += count;", "await Task.Yield();\n        {|TALLY001:_position += count|};"),
        new TestOptions { EditorConfig = "tally.one_caller_evidence = doc_comment, attribute, configured, enumerator" });

    private const string StreamSource = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ChunkStream : Stream
        {
            private readonly object _gate = new object();
            private long _position;

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _position; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override int Read(byte[] buffer, int offset, int count)
            {
                lock (_gate)
                {
                    _position += count;
                    return count;
                }
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                _position += count;
                return count;
            }
        }
        """;
}
