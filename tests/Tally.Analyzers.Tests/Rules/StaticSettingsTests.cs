using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Static settings changed through public static setters (held-out family E, Dapper's allowed command behaviours). The
/// code does not say the setters run only at start-up: two threads setting two flags at once lose one of them
/// (<c>x |= A</c> beside <c>x |= B</c>), so the update is reported unless the compilation shows that only start-up code
/// (<c>Main</c>, top-level statements, a static constructor) reaches it. See docs/detection-model.md, "Known gaps".
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

    [Fact]
    public Task FlagsSetThroughPublicStaticSetters_AreReported() =>
        Verify.VerifyAnalyzerAsync(Settings);

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
