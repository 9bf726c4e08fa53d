using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Finds a usage contract "one caller at a time" for a type: its instances are used by one caller at a time, so the
    /// application's calls on one instance never overlap. Stated in code (a <c>&lt;threadsafety instance="false"/&gt;</c>
    /// documentation comment, an attribute of <c>tally.one_caller_attributes</c>), in configuration
    /// (<c>tally.one_caller_types</c>), or known (enumerators belong to their consumer; a stream runs one operation at a
    /// time). A type inherits the contract of its base types and interfaces: a subclass is used the way its base is.
    /// Each kind is switched by <c>tally.one_caller_evidence</c>.
    /// </summary>
    internal static class OneCallerContract
    {
        /// <summary>
        /// Why <paramref name="type"/>'s instances are used by one caller at a time, for documentation and tests, or
        /// <c>null</c> when nothing says so.
        /// </summary>
        public static string? Of(INamedTypeSymbol type, TallyOptions options)
        {
            if (options.OneCallerEvidence == OneCallerEvidenceKinds.None)
            {
                return null;
            }

            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                var stated = Stated(current, options);
                if (stated != null)
                {
                    return stated;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                var stated = Stated(implemented, options);
                if (stated != null)
                {
                    return stated;
                }
            }

            return null;
        }

        /// <summary>The contract one type of the chain (a class or an interface) states or is known for.</summary>
        private static string? Stated(INamedTypeSymbol type, TallyOptions options)
        {
            var definition = type.OriginalDefinition;
            if (options.IsOn(OneCallerEvidenceKinds.Stream) && definition.TypeKind == TypeKind.Class && IsNamed(definition, "System.IO", "Stream"))
            {
                return "it is a Stream, which runs one operation at a time";
            }

            if (options.IsOn(OneCallerEvidenceKinds.Enumerator) && definition.TypeKind == TypeKind.Interface
                && (IsNamed(definition, "System.Collections", "IEnumerator") || IsNamed(definition, "System.Collections.Generic", "IEnumerator`1")
                    || IsNamed(definition, "System.Collections.Generic", "IAsyncEnumerator`1")))
            {
                return "it is an enumerator, which belongs to its consumer";
            }

            if (options.IsOn(OneCallerEvidenceKinds.Configured) && IsListed(definition, options.OneCallerTypes))
            {
                return "it is named in tally.one_caller_types";
            }

            if (options.IsOn(OneCallerEvidenceKinds.Attribute) && TallyOptions.HasAttributeNamed(definition, options.OneCallerAttributes))
            {
                return "it is marked as used by one caller at a time";
            }

            if (options.IsOn(OneCallerEvidenceKinds.DocComment) && DocumentsInstanceNotThreadSafe(definition))
            {
                return "its documentation says <threadsafety instance=\"false\"/>";
            }

            return null;
        }

        /// <summary>Whether a configured name is the type's metadata name (<c>Ns.Outer+Inner`1</c> as written in C#: <c>Ns.Outer.Inner`1</c>) or its simple name.</summary>
        private static bool IsListed(INamedTypeSymbol type, ImmutableArray<string> names)
        {
            foreach (var name in names)
            {
                if (string.Equals(name, type.Name, StringComparison.Ordinal) || string.Equals(name, type.MetadataName, StringComparison.Ordinal))
                {
                    return true;
                }

                var dot = name.LastIndexOf('.');
                if (dot > 0 && string.Equals(name.Substring(dot + 1), type.MetadataName, StringComparison.Ordinal)
                    && string.Equals(name.Substring(0, dot), ContainerName(type), StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The namespace and enclosing types of a type, dotted (<c>Ns.Outer</c>).</summary>
        private static string ContainerName(INamedTypeSymbol type)
            => type.ContainingType != null
                ? ContainerName(type.ContainingType) + "." + type.ContainingType.MetadataName
                : type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();

        private static bool IsNamed(INamedTypeSymbol type, string ns, string metadataName)
            => type.ContainingType == null && string.Equals(type.MetadataName, metadataName, StringComparison.Ordinal)
                && type.ContainingNamespace != null && string.Equals(type.ContainingNamespace.ToDisplayString(), ns, StringComparison.Ordinal);

        /// <summary>
        /// Whether a source declaration of the type carries a documentation comment with
        /// <c>&lt;threadsafety ... instance="false" ... /&gt;</c>. Read from the comment's text, so it works whether or not the
        /// project parses documentation comments (<c>GenerateDocumentationFile</c>); types from references are not read.
        /// </summary>
        private static bool DocumentsInstanceNotThreadSafe(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!(reference.GetSyntax() is BaseTypeDeclarationSyntax declaration))
                {
                    continue;
                }

                foreach (var trivia in declaration.GetLeadingTrivia())
                {
                    if ((trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
                        || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                        && SaysInstanceNotThreadSafe(trivia.ToFullString()))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether the comment text has a <c>threadsafety</c> element whose <c>instance</c> attribute is <c>false</c>.</summary>
        internal static bool SaysInstanceNotThreadSafe(string comment)
        {
            var start = comment.IndexOf("<threadsafety", StringComparison.OrdinalIgnoreCase);
            while (start >= 0)
            {
                var end = comment.IndexOf('>', start);
                if (end < 0)
                {
                    return false;
                }

                var element = comment.Substring(start, end - start).Replace("///", " ");
                var instance = element.IndexOf("instance", StringComparison.OrdinalIgnoreCase);
                if (instance >= 0)
                {
                    var rest = element.Substring(instance + "instance".Length).TrimStart();
                    if (rest.StartsWith("=", StringComparison.Ordinal))
                    {
                        rest = rest.Substring(1).TrimStart().TrimStart('"', '\'');
                        if (rest.StartsWith("false", StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }
                }

                start = comment.IndexOf("<threadsafety", end, StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }
    }
}
