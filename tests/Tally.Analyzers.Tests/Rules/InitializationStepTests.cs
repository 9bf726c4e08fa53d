using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An initialisation step (an options interface's <c>Activate</c>) that every caller in the compilation runs on an
/// object it has just made, before handing it out, runs on an object no other thread can see, like a constructor. The
/// shape of log4net's rolling file appender (fresh sample, family B): the base class writes under its own lock and calls
/// a protected abstract method there, whose override rolls files over and counts backups; the activation step, run by
/// the configurator on an appender it has just created by reflection and seen through a type test, rolls over too,
/// without that lock. The two never overlap, so neither count is reported. (The rolling sink also takes a lock of its
/// own around the roll-over, as log4net's rolling mutex does: that is what makes the locked writer evidence that the
/// count is shared, TALLY001.)
/// </summary>
public class InitializationStepTests
{
    private const string Sink = """
        using System;

        public interface IActivatable
        {
            void Activate();
        }

        public abstract class SinkBase : IActivatable
        {
            private readonly object _sync = new object();

            public void Write(string line)
            {
                lock (_sync)
                {
                    Emit(line);
                }
            }

            public virtual void Activate()
            {
            }

            protected abstract void Emit(string line);
        }

        public class RollingSink : SinkBase
        {
            private readonly object _rollSync = new object();
            private int _pending;

            public int Backups { get; set; }

            public int MaxBackups { get; set; } = 3;

            public override void Activate()
            {
                base.Activate();
                Prepare();
            }

            protected void Prepare()
            {
                Roll();
            }

            protected override void Emit(string line)
            {
                lock (_rollSync)
                {
                    _pending += line.Length;
                    if (_pending > 4096)
                    {
                        _pending = 0;
                        RollOver();
                    }
                }
            }

            protected void RollOver()
            {
                Roll();
                Backups++;
            }

            protected virtual void Roll()
            {
                if (Backups == MaxBackups)
                {
                    {|TALLY001:Backups--|};
                }

                {|TALLY001:Backups++|};
            }
        }

        public static class Checks
        {
            public static T Checked<T>(this T value) where T : class => value ?? throw new ArgumentNullException(nameof(value));
        }

        public static class SinkLoader
        {
            public static object Load(Type type)
            {
                object made;
                try
                {
                    made = Activator.CreateInstance(type).Checked();
                }
                catch (MissingMethodException)
                {
                    made = new RollingSink();
                }

                if (made is IActivatable step)
                {
                    step.Activate();
                }

                return made;
            }
        }
        """;

    private static string Clean(string source) => source
        .Edit("{|TALLY001:Backups--|}", "Backups--")
        .Edit("{|TALLY001:Backups++|}", "Backups++");

    [Fact]
    public Task ActivationRunOnlyOnObjectsJustMadeByReflection_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Clean(Sink));

    [Fact]
    public Task ActivationAlsoRunOnASinkHeldInAField_IsReported() =>
        Verify.VerifyAnalyzerAsync(Sink + """

            public sealed class SinkHost
            {
                private readonly IActivatable _sink;

                public SinkHost(IActivatable sink) => _sink = sink;

                public void Reload() => _sink.Activate();
            }
            """);

    [Fact]
    public Task ActivationOfAnObjectTheLoaderTookFromACache_IsReported() =>
        Verify.VerifyAnalyzerAsync(Sink
            .Edit("made = Activator.CreateInstance(type).Checked();", "made = SinkCache.Find(type);")
            + """

            public static class SinkCache
            {
                private static readonly System.Collections.Generic.Dictionary<Type, object> s_made = new System.Collections.Generic.Dictionary<Type, object>();

                public static object Find(Type type) => s_made[type];
            }
            """);

    [Fact]
    public Task ATypeTestOfAnObjectOfAnUnrelatedClass_DoesNotReachTheSink() =>
        Verify.VerifyAnalyzerAsync(Clean(Sink) + """

            public class Channel
            {
            }

            public static class ChannelSetup
            {
                public static void Configure(Channel channel)
                {
                    if (channel is IActivatable step)
                    {
                        step.Activate();
                    }
                }
            }
            """);

    [Fact]
    public Task ATypeTestOfASharedSinkBase_ReachesTheSink() =>
        Verify.VerifyAnalyzerAsync(Sink + """

            public static class SinkSetup
            {
                public static void Configure(SinkBase sink)
                {
                    if (sink is IActivatable step)
                    {
                        step.Activate();
                    }
                }
            }
            """);

    [Fact]
    public Task APublicMethodOfItsOwnCalledOnANewObject_IsStillReported() =>
        Verify.VerifyAnalyzerAsync(Sink
            .Edit("public override void Activate()", "public void Start()")
            .Edit("base.Activate();", string.Empty)
            .Edit("step.Activate();", "new RollingSink().Start();"));

    [Fact]
    public Task AProtectedAbstractMethodTheBaseCallsOnlyUnderItsLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Clean(Sink).Edit("""
                protected void Prepare()
                {
                    Roll();
                }
            """, """
                protected void Prepare()
                {
                }
            """));

    [Fact]
    public Task AProtectedAbstractMethodAlsoReachedFromAPublicMethodOutsideTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(Sink.Edit("protected void RollOver()", """
            public void ForceRoll() => Roll();

                protected void RollOver()
            """));
}
