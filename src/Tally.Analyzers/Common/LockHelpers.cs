using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Lock methods written in the compilation: a helper that takes a lock and returns holding it
    /// (<c>Task EnterAsync() =&gt; _gate.WaitAsync()</c>), its releasing twin, and custom mutexes whose <c>Acquire</c> spins
    /// on <c>Interlocked.CompareExchange</c>. Recognised from the callee's syntax and the symbols it names, without binding
    /// its body (this runs for every call of a source method, per keystroke): a wait counts only on a receiver whose type
    /// is a lock (a <c>SemaphoreSlim</c>, <c>Mutex</c>, <c>ReaderWriterLockSlim</c>, <c>Monitor</c>, <c>Lock</c>,
    /// <c>SpinLock</c>) or a source type whose method of that name is itself a lock helper; <c>task.Wait()</c>,
    /// <c>Task.Delay(...).Wait()</c>, a <c>ManualResetEventSlim</c> or a <c>CountdownEvent</c> is no lock. A method that
    /// only has a lock-like name but does not lock (an empty <c>Acquire()</c>) is not a lock either.
    /// </summary>
    internal static class LockHelpers
    {
        /// <summary>How many helpers deep a wait on a source type's method is followed.</summary>
        private const int MaxHelperDepth = 2;

        /// <summary>Whether <paramref name="method"/> is a source method that takes a lock and does not release it.</summary>
        public static bool IsEnterHelper(IMethodSymbol method) => IsEnterHelper(method, 0);

        private static bool IsEnterHelper(IMethodSymbol method, int depth)
        {
            var body = BodyOf(method);
            if (body == null)
            {
                return false;
            }

            bool enters = false;
            foreach (var node in body.DescendantNodes())
            {
                var name = InvokedName(node);
                switch (name)
                {
                    case "Wait":
                    case "WaitAsync":
                    case "WaitOne":
                    case "EnterWriteLock":
                    case "TryEnterWriteLock":
                    case "Enter":
                    case "TryEnter":
                        enters |= !enters && TakesLock((InvocationExpressionSyntax)node, name, method, body, depth);
                        break;
                    case "CompareExchange" when IsSpinName(method.Name):
                        enters = true;
                        break;
                    case "Release":
                    case "Exit":
                    case "ExitWriteLock":
                    case "ReleaseMutex":
                        return false;
                }
            }

            return enters;
        }

        /// <summary>Whether the wait or enter call takes a lock, judged by its receiver's type.</summary>
        private static bool TakesLock(InvocationExpressionSyntax invocation, string name, IMethodSymbol method, SyntaxNode body, int depth)
        {
            if (!(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                // Wait(...) on this: a method of the type, a lock only if it is a helper that takes one.
                return IsHelperOf(method.ContainingType, name, method, depth);
            }

            var receiver = ReceiverType.Of(access.Expression, method, body);
            if (receiver.Name == null)
            {
                return false; // Task.Delay(...).Wait(), _locks[key].Wait(): not known to be a lock.
            }

            if (IsLockType(receiver.Name, name) && (receiver.Symbol == null || IsSystemThreading(receiver.Symbol)))
            {
                return true;
            }

            return receiver.Symbol is INamedTypeSymbol type && IsHelperOf(type, name, method, depth);
        }

        /// <summary>Whether a source type declares a method of that name that is itself a lock helper.</summary>
        private static bool IsHelperOf(INamedTypeSymbol? type, string name, IMethodSymbol caller, int depth)
        {
            if (depth >= MaxHelperDepth || type == null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IMethodSymbol candidate && !SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, caller.OriginalDefinition)
                        && IsEnterHelper(candidate, depth + 1))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsLockType(string typeName, string invoked) => invoked switch
        {
            "Wait" or "WaitAsync" => typeName == "SemaphoreSlim",
            "WaitOne" => typeName is "Mutex" or "Semaphore",
            "EnterWriteLock" or "TryEnterWriteLock" => typeName == "ReaderWriterLockSlim",
            _ => typeName is "Monitor" or "Lock" or "SpinLock",
        };

        private static bool IsSystemThreading(ITypeSymbol type)
            => type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>Whether <paramref name="method"/> is a source method whose job is to release a lock.</summary>
        public static bool IsExitHelper(IMethodSymbol method)
        {
            var body = BodyOf(method);
            if (body == null)
            {
                return false;
            }

            foreach (var node in body.DescendantNodes())
            {
                switch (InvokedName(node))
                {
                    case "Release":
                    case "Exit":
                    case "ExitWriteLock":
                    case "ReleaseMutex":
                        return true;
                    case "Exchange" when IsReleaseName(method.Name):
                    case "Write" when IsReleaseName(method.Name):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="method"/> returns something disposable (directly, or as the result of a
        /// <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>): an enter helper that hands back what releases the lock.
        /// </summary>
        public static bool ReturnsReleaser(IMethodSymbol method)
        {
            var type = method.ReturnType as INamedTypeSymbol;
            if (type is { Name: "Task" or "ValueTask", TypeArguments.Length: 1 })
            {
                type = type.TypeArguments[0] as INamedTypeSymbol;
            }

            if (type == null)
            {
                return false;
            }

            if (IsDisposableInterface(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsDisposableInterface(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDisposableInterface(INamedTypeSymbol type)
            => type.Name is "IDisposable" or "IAsyncDisposable" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

        private static bool IsSpinName(string name)
            => name.StartsWith("Acquire", StringComparison.Ordinal) || name.StartsWith("Enter", StringComparison.Ordinal) || name.StartsWith("Lock", StringComparison.Ordinal);

        private static bool IsReleaseName(string name)
            => name.StartsWith("Release", StringComparison.Ordinal) || name.StartsWith("Exit", StringComparison.Ordinal) || name.StartsWith("Unlock", StringComparison.Ordinal);

        private static SyntaxNode? BodyOf(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return null;
            }

            var references = method.OriginalDefinition.DeclaringSyntaxReferences;
            if (references.Length != 1 || !(references[0].GetSyntax() is MethodDeclarationSyntax declaration))
            {
                return null;
            }

            var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            return body != null && body.Span.Length < 2000 ? body : null;
        }

        private static string? InvokedName(SyntaxNode node)
        {
            if (!(node is InvocationExpressionSyntax invocation))
            {
                return null;
            }

            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax access:
                    return access.Name.Identifier.ValueText;
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                default:
                    return null;
            }
        }
    }
}
