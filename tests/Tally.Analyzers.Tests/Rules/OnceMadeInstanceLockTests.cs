using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A static stepped under a per-instance lock is certain because two instances hold two locks; where the compilation can
/// make only one instance, that reason is gone and the finding stays inferred: the class (with its subclasses) is made
/// at one site, which stores the object in a static from a static function outside loops and lambdas, and no other
/// assembly can make another (the compilation is an application, or the class is not public). A public class of a
/// library, a second site, a site in a loop, a lambda or an instance function, a subclass made elsewhere and an object
/// kept in an instance field keep the warning (docs/detection-model.md, "A class the application makes once").
/// </summary>
public class OnceMadeInstanceLockTests
{
    private const string Realm = """
        public class Realm
        {
            private static uint s_nextId;
            private readonly object _gate = new object();

            public uint Add()
            {
                lock (_gate)
                {
                    return ++s_nextId;
                }
            }
        }
        """;

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfTheOneRealmAnApplicationMakesAtStartUp_IsInferred()
        => CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(Realm + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static int Main(string[] args)
                {
                    Start();
                    return 0;
                }

                public static void Start()
                {
                    Realm = new Realm();
                }
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfTheOneRealmTopLevelStatementsMake_IsInferred()
        => CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync("""
            Game.Start();

            public static class Game
            {
                public static Realm Realm;

                public static void Start() => Realm = new Realm();
            }

            """ + Realm, new TestOptions { OutputKind = OutputKind.ConsoleApplication }));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfAnInternalClassALibraryMakesOnceInAStaticInitializer_IsInferred()
        => CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(Realm.Replace("public class Realm", "internal class Realm") + """

            internal static class Registry
            {
                internal static readonly Realm Shared = new Realm();
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfTheOneRealmMadeWithAnArgumentOfAMissingType_IsInferred()
        => CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(Realm.Replace("public uint Add()", "public Realm(Store store) { }\n\n    public uint Add()") + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Main() => Realm = new Realm(Store.Open());
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0246", "CS0103" } }));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmMadeOnceAtStartUpAndOnceMoreWithAnArgumentOfAMissingType_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm.Replace("public uint Add()", "public Realm(Store store) { }\n\n    public Realm() { }\n\n    public uint Add()") + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Main() => Realm = new Realm();

                public static Realm Another() => new Realm(Store.Open());
            }
            """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0246", "CS0103" } }));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfAPublicClassALibraryMakesOnce_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Start() => Realm = new Realm();
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmTheApplicationMakesAtTwoSites_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public static class Game
            {
                public static Realm Realm { get; private set; }
                public static Realm Spare { get; private set; }

                public static void Main() => Start();

                public static void Start()
                {
                    Realm = new Realm();
                    Spare = new Realm();
                }
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmTheApplicationMakesInALoop_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Main()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        Realm = new Realm();
                    }
                }
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmEachLevelKeepsInAField_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public class Level
            {
                public Level() => Realm = new Realm();

                public Realm Realm { get; }

                public static void Main() { }
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmWhoseSubclassIsMadeElsewhere_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public class Dungeon : Realm
            {
            }

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Main() => Realm = new Realm();

                public static Realm Enter() => new Dungeon();
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmMadeInALambda_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public static class Game
            {
                public static Realm Realm { get; private set; }

                public static void Main() => System.Threading.ThreadPool.QueueUserWorkItem(_ => Realm = new Realm());
            }
            """));

    [Fact]
    public async Task AStaticSteppedUnderTheLockOfARealmAnInstanceMethodStores_StaysCertain()
        => CertaintyAssert.SingleCertain(await Verify.GetDiagnosticsAsync(Realm + """

            public class Session
            {
                public static Realm Realm { get; private set; }

                public void Open() => Realm = new Realm();

                public static void Main() { }
            }
            """));
}
