using System;
using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Static settings changed through public static setters (held-out family E, Dapper's allowed command behaviours).
/// The setter of a public static property is configuration, which code outside the compilation runs at start-up, like
/// <c>Main</c> (issue 9, false alarm 5: "a static setter meant for start-up"); an assignment to it in the compilation is
/// a call, so a setter run by the project's own run-time code is run-time code. At run time, updates that all force one
/// and the same constant bits (a fallback clearing two optimisation flags after a provider error, on whichever query
/// thread meets it) lose nothing when two run at once; updates forcing different bits (one thread sets A while another
/// clears B) do. See docs/detection-model.md, "Static settings".
/// </summary>
public class StaticSettingsTests
{
    private const string Settings = """
        using System;

        [Flags]
        public enum Behaviors { None = 0, SingleResult = 1, SingleRow = 2, Sequential = 4 }

        public static class MapperSettings
        {
            private const Behaviors Defaults = ~(Behaviors.SingleResult | Behaviors.SingleRow);

            internal static Behaviors Allowed { get; private set; } = Defaults;

            public static bool UseSingleResult
            {
                get => (Allowed & Behaviors.SingleResult) != 0;
                set => Set(Behaviors.SingleResult, value);
            }

            public static bool UseSingleRow
            {
                get => (Allowed & Behaviors.SingleRow) != 0;
                set => Set(Behaviors.SingleRow, value);
            }

            private static void Set(Behaviors behavior, bool enabled)
            {
                if (enabled) { {|TALLY004:Allowed |= behavior|}; }
                else { {|TALLY004:Allowed &= ~behavior|}; }
            }
        }
        """;

    private const string QueryFallback = """

        public static class Queries
        {
            public static int Run(Func<Behaviors, int> execute)
            {
                var behavior = Behaviors.SingleResult | Behaviors.SingleRow;
                try
                {
                    return execute(behavior & MapperSettings.Allowed);
                }
                catch (InvalidOperationException ex) when (MapperSettings.Disable(behavior, ex))
                {
                    return execute(MapperSettings.Allowed);
                }
            }
        }
        """;

    private const string Disable = """
            internal static bool Disable(Behaviors behavior, Exception ex)
            {
                if ((behavior & (Behaviors.SingleResult | Behaviors.SingleRow)) != 0 && ex.Message.Contains("Single"))
                {
                    Set(Behaviors.SingleResult | Behaviors.SingleRow, false);
                    return true;
                }

                return false;
            }

            private static void Set(Behaviors behavior, bool enabled)
        """;

    private static string Clean(string source) => source
        .Edit("{|TALLY004:Allowed |= behavior|}", "Allowed |= behavior")
        .Edit("{|TALLY004:Allowed &= ~behavior|}", "Allowed &= ~behavior");

    [Fact]
    public Task FlagsSetOnlyThroughPublicStaticSetters_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Clean(Settings));

    [Fact]
    public Task FlagsSetThroughSettersAndClearedTogetherByARunTimeFallback_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Clean(Settings).Edit("    private static void Set(Behaviors behavior, bool enabled)", Disable) + QueryFallback);

    [Fact]
    public Task FlagsClearedOneByOneByTwoRunTimeFallbacks_AreReported() =>
        Verify.VerifyAnalyzerAsync(Settings.Edit("    private static void Set(Behaviors behavior, bool enabled)", Disable.Replace(
            "Set(Behaviors.SingleResult | Behaviors.SingleRow, false);",
            "if (ex.Message.Contains(\"Row\")) { Set(Behaviors.SingleRow, false); } else { Set(Behaviors.SingleResult, false); }",
            StringComparison.Ordinal)) + QueryFallback);

    [Fact]
    public Task FlagsSetThroughAPublicStaticMethodTakingTheFlag_AreReported() =>
        Verify.VerifyAnalyzerAsync(Settings.Edit("    private static void Set(Behaviors behavior, bool enabled)", """
                public static void Allow(Behaviors behavior) => Set(behavior, true);

                private static void Set(Behaviors behavior, bool enabled)
            """));

    [Fact]
    public Task SettersTheProjectsOwnRunTimeCodeAssigns_AreReported() =>
        Verify.VerifyAnalyzerAsync(Settings + """

            public static class Tuning
            {
                public static void Apply(bool fast)
                {
                    MapperSettings.UseSingleRow = fast;
                    MapperSettings.UseSingleResult = fast;
                }
            }
            """);

    [Fact]
    public Task SettersAssignedFromParallelCode_AreReported() =>
        Verify.VerifyAnalyzerAsync(Settings
            .Edit("{|TALLY004:Allowed |= behavior|}", "{|TALLY003:Allowed |= behavior|}")
            .Edit("{|TALLY004:Allowed &= ~behavior|}", "{|TALLY003:Allowed &= ~behavior|}") + """

            public static class Tuning
            {
                public static void Apply() => System.Threading.Tasks.Parallel.For(0, 4, i =>
                {
                    MapperSettings.UseSingleRow = i % 2 == 0;
                    MapperSettings.UseSingleResult = i % 3 == 0;
                });
            }
            """);

    [Fact]
    public Task FlagsSetThroughStaticMethodsOnlyMainCalls_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Settings
            .Edit("public static class MapperSettings", "internal static class MapperSettings")
            .Edit("""
                public static bool UseSingleResult
                {
                    get => (Allowed & Behaviors.SingleResult) != 0;
                    set => Set(Behaviors.SingleResult, value);
                }
            """, """
                public static void UseSingleResult(bool value) => Set(Behaviors.SingleResult, value);
            """)
            .Edit("""
                public static bool UseSingleRow
                {
                    get => (Allowed & Behaviors.SingleRow) != 0;
                    set => Set(Behaviors.SingleRow, value);
                }
            """, """
                public static void UseSingleRow(bool value) => Set(Behaviors.SingleRow, value);
            """)
            .Edit("{|TALLY004:Allowed |= behavior|}", "Allowed |= behavior")
            .Edit("{|TALLY004:Allowed &= ~behavior|}", "Allowed &= ~behavior")
            + """

            public static class Program
            {
                public static void Main(string[] args)
                {
                    MapperSettings.UseSingleRow(args.Length > 0);
                    MapperSettings.UseSingleResult(args.Length > 1);
                }
            }
            """);
}
