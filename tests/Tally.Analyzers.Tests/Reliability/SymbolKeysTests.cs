using System.Linq;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.NonAtomicUpdate.Model;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The model tells a constructor's delegate parameter from an ordinary method's by its key
/// (<see cref="SymbolKeys.NamesConstructor"/>): constructors must be recognised whatever their parameters, and methods
/// whose names merely resemble a constructor's must not.
/// </summary>
public sealed class SymbolKeysTests
{
    private const string Source = """
        using System;

        public sealed class Job
        {
            public Job(Action run) { }

            public static void ctor(Action run) { }

            public void Ctor(Action run) { }

            public void Schedule(Action run) { }
        }
        """;

    [Fact]
    public void ConstructorKeys_AreRecognised_AndTheirParameterKeysToo()
    {
        var constructor = Type().InstanceConstructors.Single();
        var key = SymbolKeys.Of(constructor)!;

        Assert.True(SymbolKeys.NamesConstructor(key));
        Assert.True(SymbolKeys.NamesConstructor(TreeSummarizer.ParameterKey(key, 0)));
    }

    [Theory]
    [InlineData("ctor")]
    [InlineData("Ctor")]
    [InlineData("Schedule")]
    public void MethodKeys_AreNotConstructors_EvenWhenTheNameLooksLikeOne(string name)
    {
        var method = Type().GetMembers(name).OfType<IMethodSymbol>().Single();
        var key = SymbolKeys.Of(method)!;

        Assert.False(SymbolKeys.NamesConstructor(key));
        Assert.False(SymbolKeys.NamesConstructor(TreeSummarizer.ParameterKey(key, 0)));
    }

    private static INamedTypeSymbol Type()
    {
        var compilation = ProgramCompiler.Compile(new SourceProgram("keys", new[] { ("Job.cs", Source) }));
        return compilation.GetTypeByMetadataName("Job")!;
    }
}
