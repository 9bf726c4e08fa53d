using Microsoft.CodeAnalysis;
using Model = Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Server handler delegate types: a lambda, local function or method made into one of gRPC's server method delegates
    /// (<c>UnaryServerMethod</c>, <c>ClientStreamingServerMethod</c>, <c>ServerStreamingServerMethod</c>,
    /// <c>DuplexStreamingServerMethod</c>, in <c>Grpc.Core</c>) is the code a server runs for every call of that method,
    /// and a server serves calls at the same time: it overlaps with itself, whoever registers it (mined bug set:
    /// grpc-hedgingtest, a test's local function registered as a unary method and called by hedged requests at once).
    /// </summary>
    internal sealed partial class StartSite
    {
        private static bool IsServerHandlerType(ITypeSymbol? type)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } named
                && named.Name is "UnaryServerMethod" or "ClientStreamingServerMethod" or "ServerStreamingServerMethod" or "DuplexStreamingServerMethod"
                && named.ContainingNamespace?.ToDisplayString() == "Grpc.Core";

        private static StartSite ServerHandler(SyntaxNode creation, ITypeSymbol type)
            => new StartSite(creation, "a gRPC server handler (" + type.Name + ", run for every call)", Model.Multiplicity.Many);
    }
}
