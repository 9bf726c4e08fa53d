using System.Collections.Immutable;

namespace Tally.Analyzers.Common
{
    /// <summary>The list of keys <see cref="Parse"/> reads, for the configuration check (TALLY008).</summary>
    internal sealed partial class TallyOptions
    {
        /// <summary>
        /// Every <c>tally.*</c> key detection reads, with the values it accepts. A key added to <see cref="Parse"/>
        /// belongs here too: the configuration analyzer reports any <c>tally.*</c> key not in this list as unknown, and
        /// a test fails while a <c>...Key</c> constant of this class is missing from it.
        /// </summary>
        public static readonly ImmutableArray<TallyOptionKey> KnownKeys = ImmutableArray.Create(
            TallyOptionKey.OneOrMoreOf(
                EvidenceKey,
                "all", "synchronized_elsewhere", "synchronised_elsewhere", "volatile", "concurrent", "static", "shared_instance"),
            TallyOptionKey.OneOrMoreOf(
                SharedInstanceEvidenceKey,
                "all", "synchronization", "synchronisation", "concurrent_work", "singleton", "contract", "attribute"),
            TallyOptionKey.MethodList(ConcurrentMethodsKey),
            TallyOptionKey.MethodPairList(LockMethodsKey),
            TallyOptionKey.NameList(RacyAttributesKey),
            TallyOptionKey.NameList(ThreadSafeAttributesKey),
            TallyOptionKey.NameList(SharedContractsKey),
            TallyOptionKey.Integer(CallDepthKey, 0, 8),
            TallyOptionKey.NameList(ConfiningPropertiesKey),
            TallyOptionKey.OneOf(InferredSeverityKey, "error", "warning", "suggestion", "silent", "none"),
            TallyOptionKey.OneOrMoreOf(
                OneCallerEvidenceKey,
                "all", "none", "doc_comment", "attribute", "configured", "enumerator", "stream"),
            TallyOptionKey.NameList(OneCallerAttributesKey),
            TallyOptionKey.NameList(OneCallerTypesKey));
    }
}
