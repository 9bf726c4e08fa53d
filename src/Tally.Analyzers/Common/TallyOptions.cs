using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Common
{
    /// <summary>Kinds of evidence that make a field shared (<c>tally.evidence</c>).</summary>
    [Flags]
    internal enum EvidenceKinds
    {
        None = 0,
        SynchronizedElsewhere = 1,
        Volatile = 2,
        Concurrent = 4,
        Static = 8,
        SharedInstance = 16,
        All = SynchronizedElsewhere | Volatile | Concurrent | Static | SharedInstance,
    }

    /// <summary>Kinds of evidence that a type's one instance serves many threads (<c>tally.shared_instance_evidence</c>).</summary>
    [Flags]
    internal enum SharedInstanceEvidenceKinds
    {
        None = 0,
        Synchronization = 1,
        ConcurrentWork = 2,
        Singleton = 4,
        Contract = 8,
        Attribute = 16,
        All = Synchronization | ConcurrentWork | Singleton | Contract | Attribute,
    }

    /// <summary>
    /// The <c>.editorconfig</c> options of detection, parsed once per distinct options set.
    /// Every key and its default is documented in docs/rules/TALLY001.md.
    /// </summary>
    internal sealed partial class TallyOptions
    {
        public const string EvidenceKey = "tally.evidence";
        public const string SharedInstanceEvidenceKey = "tally.shared_instance_evidence";
        public const string ConcurrentMethodsKey = "tally.concurrent_methods";
        public const string LockMethodsKey = "tally.lock_methods";
        public const string RacyAttributesKey = "tally.racy_attributes";
        public const string ThreadSafeAttributesKey = "tally.thread_safe_attributes";
        public const string SharedContractsKey = "tally.shared_contracts";
        public const string CallDepthKey = "tally.call_depth";
        public const string ConfiningPropertiesKey = "tally.confining_properties";

        /// <summary>The contracts whose implementations frameworks call from many threads at once, by default.</summary>
        public static readonly ImmutableArray<string> DefaultSharedContracts = ImmutableArray.Create(
            "Microsoft.Extensions.Logging.ILogger",
            "Microsoft.Extensions.Logging.ILoggerProvider",
            "System.Net.Http.DelegatingHandler",
            "System.Diagnostics.TraceListener",
            "System.Diagnostics.Tracing.EventListener",
            "System.Text.Json.Serialization.JsonConverter",
            "Serilog.Core.ILogEventSink",
            "OpenTelemetry.BaseProcessor`1",
            "OpenTelemetry.Trace.ActivityProcessor",
            "OpenTelemetry.Trace.Export.ActivityProcessor",
            "OpenTelemetry.Trace.Export.SpanProcessor");

        public static readonly TallyOptions Default = new TallyOptions(
            EvidenceKinds.All,
            SharedInstanceEvidenceKinds.All,
            ImmutableArray<ConfiguredMethod>.Empty,
            ImmutableArray<ConfiguredMethod>.Empty,
            ImmutableArray<ConfiguredMethod>.Empty,
            ImmutableArray.Create("SingleWriter", "ApproximateCounter"),
            ImmutableArray.Create("ThreadSafe"),
            DefaultSharedContracts,
            2,
            ImmutableArray.Create("InEventLoop"),
            OneCallerEvidenceKinds.All,
            ImmutableArray.Create("OneCallerAtATime"),
            ImmutableArray<string>.Empty);

        private TallyOptions(
            EvidenceKinds evidence,
            SharedInstanceEvidenceKinds sharedInstanceEvidence,
            ImmutableArray<ConfiguredMethod> concurrentMethods,
            ImmutableArray<ConfiguredMethod> lockEnterMethods,
            ImmutableArray<ConfiguredMethod> lockExitMethods,
            ImmutableArray<string> racyAttributes,
            ImmutableArray<string> threadSafeAttributes,
            ImmutableArray<string> sharedContracts,
            int callDepth,
            ImmutableArray<string> confiningProperties,
            OneCallerEvidenceKinds oneCallerEvidence,
            ImmutableArray<string> oneCallerAttributes,
            ImmutableArray<string> oneCallerTypes)
        {
            OneCallerEvidence = oneCallerEvidence;
            OneCallerAttributes = oneCallerAttributes;
            OneCallerTypes = oneCallerTypes;
            ConfiningProperties = confiningProperties;
            Evidence = evidence;
            SharedInstanceEvidence = sharedInstanceEvidence;
            ConcurrentMethods = concurrentMethods;
            LockEnterMethods = lockEnterMethods;
            LockExitMethods = lockExitMethods;
            RacyAttributes = racyAttributes;
            ThreadSafeAttributes = threadSafeAttributes;
            SharedContracts = sharedContracts;
            CallDepth = callDepth;
        }

        /// <summary><c>tally.evidence</c>: evidence kinds that are on (default: all).</summary>
        public EvidenceKinds Evidence { get; }

        /// <summary><c>tally.shared_instance_evidence</c>: shared-instance evidence kinds that are on (default: all).</summary>
        public SharedInstanceEvidenceKinds SharedInstanceEvidence { get; }

        /// <summary><c>tally.concurrent_methods</c>: extra methods whose delegate arguments run concurrently.</summary>
        public ImmutableArray<ConfiguredMethod> ConcurrentMethods { get; }

        /// <summary>The enter halves of <c>tally.lock_methods</c> pairs.</summary>
        public ImmutableArray<ConfiguredMethod> LockEnterMethods { get; }

        /// <summary>The exit halves of <c>tally.lock_methods</c> pairs.</summary>
        public ImmutableArray<ConfiguredMethod> LockExitMethods { get; }

        /// <summary><c>tally.racy_attributes</c>: attributes that mark a field as intentionally racy.</summary>
        public ImmutableArray<string> RacyAttributes { get; }

        /// <summary><c>tally.thread_safe_attributes</c>: attributes that mark a type as shared between threads.</summary>
        public ImmutableArray<string> ThreadSafeAttributes { get; }

        /// <summary><c>tally.shared_contracts</c>: interfaces and base types whose instances serve many threads.</summary>
        public ImmutableArray<string> SharedContracts { get; }

        /// <summary><c>tally.call_depth</c>: how many calls deep concurrent code is followed within a type (default 2).</summary>
        public int CallDepth { get; }

        /// <summary>
        /// <c>tally.confining_properties</c>: boolean properties that are true when the current thread is the one thread
        /// that runs the object's queued work (a single-threaded executor or event loop; default <c>InEventLoop</c>). Code
        /// that asserts one, or runs only where one is true, or is posted to that object, is confined to its thread.
        /// </summary>
        public ImmutableArray<string> ConfiningProperties { get; }

        public bool IsOn(EvidenceKinds kind) => (Evidence & kind) != 0;

        private string? _summaryFingerprint;

        /// <summary>
        /// The options that change what a syntax tree's summary records (the configured concurrent and lock methods), as
        /// one string: a cached summary is reused only under equal fingerprints.
        /// </summary>
        public string SummaryFingerprint => _summaryFingerprint ??= Fingerprint();

        private string Fingerprint()
        {
            var builder = new System.Text.StringBuilder();
            foreach (var list in new[] { ConcurrentMethods, LockEnterMethods, LockExitMethods })
            {
                foreach (var method in list)
                {
                    builder.Append(method.TypeName).Append('.').Append(method.MethodName).Append(';');
                }

                builder.Append('|');
            }

            foreach (var property in ConfiningProperties)
            {
                builder.Append(property).Append(';');
            }

            return builder.ToString();
        }

        public bool IsOn(SharedInstanceEvidenceKinds kind) => (SharedInstanceEvidence & kind) != 0;

        /// <summary>The shared contracts resolved in the compilation of <paramref name="known"/>; names that do not resolve are skipped.</summary>
        public ImmutableArray<INamedTypeSymbol> ResolveContracts(KnownSymbols known)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in SharedContracts)
            {
                var type = known.ByMetadataName(name);
                if (type != null)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Whether <paramref name="symbol"/> carries one of the attributes named in <paramref name="names"/>.</summary>
        public static bool HasAttributeNamed(ISymbol symbol, ImmutableArray<string> names)
        {
            if (names.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name;
                if (name == null)
                {
                    continue;
                }

                foreach (var wanted in names)
                {
                    if (string.Equals(name, wanted, StringComparison.Ordinal)
                        || (name.Length == wanted.Length + 9 && name.StartsWith(wanted, StringComparison.Ordinal) && name.EndsWith("Attribute", StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Parses the options of one options set; a key that is absent keeps its default.</summary>
        public static TallyOptions Parse(AnalyzerConfigOptions options)
        {
            var evidence = options.TryGetValue(EvidenceKey, out var text) ? ParseEvidence(text) : Default.Evidence;
            var shared = options.TryGetValue(SharedInstanceEvidenceKey, out text) ? ParseSharedInstanceEvidence(text) : Default.SharedInstanceEvidence;
            var concurrent = options.TryGetValue(ConcurrentMethodsKey, out text) ? ParseMethods(text) : Default.ConcurrentMethods;
            var enter = Default.LockEnterMethods;
            var exit = Default.LockExitMethods;
            if (options.TryGetValue(LockMethodsKey, out text))
            {
                (enter, exit) = ParseLockMethods(text);
            }

            var racy = options.TryGetValue(RacyAttributesKey, out text) ? ParseNames(text) : Default.RacyAttributes;
            var threadSafe = options.TryGetValue(ThreadSafeAttributesKey, out text) ? ParseNames(text) : Default.ThreadSafeAttributes;
            var contracts = options.TryGetValue(SharedContractsKey, out text) ? ParseNames(text) : Default.SharedContracts;
            var depth = options.TryGetValue(CallDepthKey, out text) ? ParseCallDepth(text) : Default.CallDepth;
            var confining = options.TryGetValue(ConfiningPropertiesKey, out text) ? ParseNames(text) : Default.ConfiningProperties;
            var oneCaller = options.TryGetValue(OneCallerEvidenceKey, out text) ? ParseOneCallerEvidence(text) : Default.OneCallerEvidence;
            var oneCallerAttributes = options.TryGetValue(OneCallerAttributesKey, out text) ? ParseNames(text) : Default.OneCallerAttributes;
            var oneCallerTypes = options.TryGetValue(OneCallerTypesKey, out text) ? ParseNames(text) : Default.OneCallerTypes;
            return new TallyOptions(evidence, shared, concurrent, enter, exit, racy, threadSafe, contracts, depth, confining, oneCaller, oneCallerAttributes, oneCallerTypes).WithInferredSeverity(options);
        }

        /// <summary><c>tally.evidence</c>: the named kinds; unknown words add nothing (TALLY008 reports them).</summary>
        private static EvidenceKinds ParseEvidence(string text)
        {
            var evidence = EvidenceKinds.None;
            foreach (var item in Split(text))
            {
                evidence |= item.ToLowerInvariant() switch
                {
                    "all" => EvidenceKinds.All,
                    "synchronized_elsewhere" or "synchronised_elsewhere" => EvidenceKinds.SynchronizedElsewhere,
                    "volatile" => EvidenceKinds.Volatile,
                    "concurrent" => EvidenceKinds.Concurrent,
                    "static" => EvidenceKinds.Static,
                    "shared_instance" => EvidenceKinds.SharedInstance,
                    _ => EvidenceKinds.None,
                };
            }

            return evidence;
        }

        /// <summary><c>tally.shared_instance_evidence</c>: the named kinds; unknown words add nothing.</summary>
        private static SharedInstanceEvidenceKinds ParseSharedInstanceEvidence(string text)
        {
            var shared = SharedInstanceEvidenceKinds.None;
            foreach (var item in Split(text))
            {
                shared |= item.ToLowerInvariant() switch
                {
                    "all" => SharedInstanceEvidenceKinds.All,
                    "synchronization" or "synchronisation" => SharedInstanceEvidenceKinds.Synchronization,
                    "concurrent_work" => SharedInstanceEvidenceKinds.ConcurrentWork,
                    "singleton" => SharedInstanceEvidenceKinds.Singleton,
                    "contract" => SharedInstanceEvidenceKinds.Contract,
                    "attribute" => SharedInstanceEvidenceKinds.Attribute,
                    _ => SharedInstanceEvidenceKinds.None,
                };
            }

            return shared;
        }

        /// <summary>A list of <c>Type.Method</c> names (<c>tally.concurrent_methods</c>); malformed items are skipped.</summary>
        private static ImmutableArray<ConfiguredMethod> ParseMethods(string text)
        {
            var builder = ImmutableArray.CreateBuilder<ConfiguredMethod>();
            foreach (var item in Split(text))
            {
                var method = ConfiguredMethod.Parse(item);
                if (method.HasValue)
                {
                    builder.Add(method.Value);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary><c>tally.lock_methods</c>: <c>Type.Enter|Type.Exit</c> pairs, split into the enter and exit halves, in step.</summary>
        private static (ImmutableArray<ConfiguredMethod> Enter, ImmutableArray<ConfiguredMethod> Exit) ParseLockMethods(string text)
        {
            var enterBuilder = ImmutableArray.CreateBuilder<ConfiguredMethod>();
            var exitBuilder = ImmutableArray.CreateBuilder<ConfiguredMethod>();
            foreach (var item in Split(text))
            {
                var bar = item.IndexOf('|');
                if (bar <= 0 || bar == item.Length - 1)
                {
                    continue;
                }

                var enterMethod = ConfiguredMethod.Parse(item.Substring(0, bar));
                var exitMethod = ConfiguredMethod.Parse(item.Substring(bar + 1));
                if (enterMethod.HasValue && exitMethod.HasValue)
                {
                    enterBuilder.Add(enterMethod.Value);
                    exitBuilder.Add(exitMethod.Value);
                }
            }

            return (enterBuilder.ToImmutable(), exitBuilder.ToImmutable());
        }

        /// <summary><c>tally.call_depth</c>: a whole number from 0, capped at 8; anything else keeps the default.</summary>
        private static int ParseCallDepth(string text)
            => int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
                ? Math.Min(parsed, 8)
                : Default.CallDepth;

        private static ImmutableArray<string> ParseNames(string text)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var item in Split(text))
            {
                if (!string.Equals(item, "none", StringComparison.OrdinalIgnoreCase))
                {
                    builder.Add(item);
                }
            }

            return builder.ToImmutable();
        }

        private static IEnumerable<string> Split(string text)
        {
            foreach (var part in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    yield return trimmed;
                }
            }
        }
    }
}
