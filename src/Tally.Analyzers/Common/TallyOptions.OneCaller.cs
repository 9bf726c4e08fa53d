using System;
using System.Collections.Immutable;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Which statements of a usage contract "one caller at a time" count (<c>tally.one_caller_evidence</c>): a type so
    /// stated is used by one caller at a time, so two of the application's calls on one instance never overlap (see
    /// docs/detection-model.md, "Usage contracts: one caller at a time").
    /// </summary>
    [Flags]
    internal enum OneCallerEvidenceKinds
    {
        None = 0,

        /// <summary>A documentation comment <c>&lt;threadsafety instance="false"/&gt;</c> (the Sandcastle convention) on the type or a base type.</summary>
        DocComment = 1,

        /// <summary>An attribute named in <c>tally.one_caller_attributes</c> on the type or a base type.</summary>
        Attribute = 2,

        /// <summary>The type, a base type or an interface is named in <c>tally.one_caller_types</c>.</summary>
        Configured = 4,

        /// <summary>An implementation of <c>IEnumerator</c>, <c>IEnumerator&lt;T&gt;</c> or <c>IAsyncEnumerator&lt;T&gt;</c>: it belongs to its consumer.</summary>
        Enumerator = 8,

        /// <summary>A subclass of <c>System.IO.Stream</c>: one operation at a time.</summary>
        Stream = 16,

        All = DocComment | Attribute | Configured | Enumerator | Stream,
    }

    /// <summary>The options of the usage contract "one caller at a time" (defaults in <see cref="Default"/>).</summary>
    internal sealed partial class TallyOptions
    {
        public const string OneCallerEvidenceKey = "tally.one_caller_evidence";
        public const string OneCallerAttributesKey = "tally.one_caller_attributes";
        public const string OneCallerTypesKey = "tally.one_caller_types";

        /// <summary><c>tally.one_caller_evidence</c>: which statements of a one-caller-at-a-time contract count (default: all).</summary>
        public OneCallerEvidenceKinds OneCallerEvidence { get; }

        /// <summary><c>tally.one_caller_attributes</c>: attributes that state a type's instance is used by one caller at a time.</summary>
        public ImmutableArray<string> OneCallerAttributes { get; }

        /// <summary><c>tally.one_caller_types</c>: types, base types or interfaces whose instances are used by one caller at a time.</summary>
        public ImmutableArray<string> OneCallerTypes { get; }

        public bool IsOn(OneCallerEvidenceKinds kind) => (OneCallerEvidence & kind) != 0;

        /// <summary><c>tally.one_caller_evidence</c>: the named kinds; unknown words add nothing (TALLY008 reports them).</summary>
        private static OneCallerEvidenceKinds ParseOneCallerEvidence(string text)
        {
            var kinds = OneCallerEvidenceKinds.None;
            foreach (var item in Split(text))
            {
                kinds |= item.ToLowerInvariant() switch
                {
                    "all" => OneCallerEvidenceKinds.All,
                    "doc_comment" => OneCallerEvidenceKinds.DocComment,
                    "attribute" => OneCallerEvidenceKinds.Attribute,
                    "configured" => OneCallerEvidenceKinds.Configured,
                    "enumerator" => OneCallerEvidenceKinds.Enumerator,
                    "stream" => OneCallerEvidenceKinds.Stream,
                    _ => OneCallerEvidenceKinds.None,
                };
            }

            return kinds;
        }
    }
}
