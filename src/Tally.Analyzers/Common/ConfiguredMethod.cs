using System;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>A method named <c>Type.Method</c> in configuration; the type is a simple or fully qualified name.</summary>
    internal readonly struct ConfiguredMethod
    {
        public ConfiguredMethod(string typeName, string methodName)
        {
            TypeName = typeName;
            MethodName = methodName;
        }

        public string TypeName { get; }

        public string MethodName { get; }

        public bool Matches(IMethodSymbol method)
        {
            if (!string.Equals(method.Name, MethodName, StringComparison.Ordinal))
            {
                return false;
            }

            var type = method.ContainingType;
            if (type == null)
            {
                return false;
            }

            if (TypeName.Length == 0 || string.Equals(type.Name, TypeName, StringComparison.Ordinal))
            {
                return true;
            }

            return string.Equals(type.OriginalDefinition.ToDisplayString(), TypeName, StringComparison.Ordinal)
                || string.Equals(type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), TypeName, StringComparison.Ordinal);
        }

        public static ConfiguredMethod? Parse(string text)
        {
            text = text.Trim();
            var dot = text.LastIndexOf('.');
            if (dot < 0)
            {
                return text.Length == 0 ? (ConfiguredMethod?)null : new ConfiguredMethod(string.Empty, text);
            }

            var method = text.Substring(dot + 1).Trim();
            return method.Length == 0 ? (ConfiguredMethod?)null : new ConfiguredMethod(text.Substring(0, dot).Trim(), method);
        }
    }
}
