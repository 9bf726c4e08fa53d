using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>What a write does to its storage.</summary>
    internal enum WriteKind : byte
    {
        /// <summary>A non-atomic read-modify-write (<c>x++</c>, <c>x += n</c>, <c>x = x + n</c>).</summary>
        Update,

        /// <summary>A plain assignment (<c>x = 0</c>).</summary>
        Write,

        /// <summary>An atomic write (<c>Interlocked.*</c>, <c>Volatile.Write</c>).</summary>
        Atomic,
    }

    /// <summary>What a write's receiver is rooted in: which writes can touch the same object.</summary>
    internal enum ReceiverRoot : byte
    {
        /// <summary><c>this</c>, a static, a parameter, or a field of one: the same object for every writer of the type's instance.</summary>
        Shared,

        /// <summary>A local captured from an enclosing function: one object for every run of the function capturing it.</summary>
        Captured,

        /// <summary>A local or foreach variable of the writing function: an object this call got hold of, identity unknown.</summary>
        Local,

        /// <summary>
        /// A local of the writing function holding, on some assignment, an element fetched from a collection field of
        /// <c>this</c> or a static (<c>_map.TryGetValue(key, out item)</c>, <c>_items[i]</c>, <c>_list.First()</c>): shared
        /// the way <c>this</c> is, but which element is not known, so it neither pairs with other writers nor is certain.
        /// </summary>
        Element,
    }

    /// <summary>A lock held at a write or a call, by compilation-independent key.</summary>
    internal readonly struct LockFact
    {
        public LockFact(string? key, bool exclusive, Location location, string? takenIn = null, bool perInstance = false, bool shared = false, bool upgradeable = false)
        {
            Upgradeable = upgradeable;
            Key = key;
            Exclusive = exclusive;
            Location = location;
            TakenIn = takenIn;
            PerInstance = perInstance;
            Shared = shared;
        }

        /// <summary>
        /// Whether the lock object belongs to one instance (<c>lock (this)</c>, an instance field of <c>this</c>): it
        /// does not exclude writers of static storage, which other instances reach under their own lock.
        /// </summary>
        public bool PerInstance { get; }

        /// <summary>
        /// Whether this is a read (shared) hold of a reader-writer lock. Never <see cref="Exclusive"/>: readers do not
        /// exclude each other; a read hold excludes only writers holding the same lock exclusively.
        /// </summary>
        public bool Shared { get; }

        /// <summary>Whether this is an upgradeable read hold: exclusive among writers and upgradeable holders, but readers run beside it.</summary>
        public bool Upgradeable { get; }

        /// <summary>
        /// The type whose code takes the lock (the function holding the <c>lock</c> statement, the assertion or the
        /// name); <c>null</c> when unknown. A lock taken by another type's caller guards that type's state, not
        /// necessarily the fields of the helper it calls (TALLY001's evidence).
        /// </summary>
        public string? TakenIn { get; }

        /// <summary>The same lock, as taken in <paramref name="typeKey"/>.</summary>
        public LockFact In(string? typeKey) => new LockFact(Key, Exclusive, Location, typeKey, PerInstance, Shared, Upgradeable);

        /// <summary>The lock object's key; <c>null</c> when the lock is known to be held but not which one (it matches any).</summary>
        public string? Key { get; }

        /// <summary>
        /// Whether two holders exclude each other: false for per-key lock objects (a local, a parameter, an element, a call
        /// result); a semaphore's count is checked when the model is assembled.
        /// </summary>
        public bool Exclusive { get; }

        public Location Location { get; }
    }

    /// <summary>A write of a field, auto-property or array held by one, found in one function.</summary>
    internal sealed partial class WriteFact
    {
        public WriteFact(string storageKey, string functionKey, WriteKind kind, LockFact? held, Location location, string description, bool excluded, ReceiverRoot root = ReceiverRoot.Shared, bool throughThis = false, ImmutableArray<LockFact> outerLocks = default, int rootParameter = -1, bool staticStorage = false, ImmutableArray<BranchGuard> guards = default, BitUpdate? bits = null, int statement = -1, StatementPlace? place = null, string? staticHolderKey = null)
        {
            StaticHolderKey = staticHolderKey;
            Place = place;
            Statement = statement;
            Bits = bits;
            Guards = guards.IsDefault ? ImmutableArray<BranchGuard>.Empty : guards;
            StaticStorage = staticStorage;
            RootParameter = rootParameter;
            OuterLocks = outerLocks.IsDefault ? ImmutableArray<LockFact>.Empty : outerLocks;
            ThroughThis = throughThis;
            Root = root;
            StorageKey = storageKey;
            FunctionKey = functionKey;
            Kind = kind;
            Lock = held;
            Location = location;
            Description = description;
            Excluded = excluded;
        }

        public string StorageKey { get; }

        /// <summary>Where the write is among the statements of its function's body, or -1 (see <see cref="CallFact.Statement"/>).</summary>
        public int Statement { get; }

        /// <summary>Where the write is, block by block (see <see cref="StatementPlace"/>), or <c>null</c>.</summary>
        public StatementPlace? Place { get; }

        /// <summary>For an update that sets or clears fixed bits, which (see <see cref="BitUpdate"/>); otherwise <c>null</c>.</summary>
        public BitUpdate? Bits { get; }

        public string FunctionKey { get; }

        public WriteKind Kind { get; }

        /// <summary>The innermost lock held at the write in its own function.</summary>
        public LockFact? Lock { get; }

        /// <summary>The locks around <see cref="Lock"/> in the same function (nested <c>lock</c> statements), innermost first.</summary>
        public ImmutableArray<LockFact> OuterLocks { get; }

        public Location Location { get; }

        /// <summary>How messages name it: <c>Interlocked.Increment</c>, <c>written</c>, <c>updated</c>.</summary>
        public string Description { get; }

        /// <summary>Whether the write cannot race: in its object's constructor, a static constructor, or on an unshared new object.</summary>
        public bool Excluded { get; }

        /// <summary>What the receiver is rooted in (always <see cref="ReceiverRoot.Shared"/> for statics).</summary>
        public ReceiverRoot Root { get; }

        /// <summary>Whether the write is of the writing function's own object (<c>this</c>, written or implied).</summary>
        public bool ThroughThis { get; }

        /// <summary>The ordinal of the writing function's parameter the receiver is (<c>job.Retries = 0</c>), or -1.</summary>
        public int RootParameter { get; }

        /// <summary>Whether the storage is static: every instance of the type writes the same one.</summary>
        public bool StaticStorage { get; }

        /// <summary>For instance storage reached through a static member (<c>s_stats.Hits++</c>), that member's key, else <c>null</c>.</summary>
        public string? StaticHolderKey { get; }

        /// <summary>The flag branches the write sits in within its function (see <see cref="BranchGuard"/>), innermost first.</summary>
        public ImmutableArray<BranchGuard> Guards { get; }
    }

    /// <summary>A call (or a delegate created and handed on, which runs later, somewhere) from one function to another.</summary>
    internal sealed partial class CallFact
    {
        public CallFact(string callerKey, string calleeKey, LockFact? held, bool escapes, bool owned = false, string? dispatchTypeKey = null, ImmutableArray<LockFact> outerLocks = default, int receiverParameter = -1, ImmutableArray<ArgumentFact> arguments = default, ImmutableArray<BranchGuard> guards = default, bool onThis = false, ImmutableArray<string> receiverClasses = default, ImmutableArray<ConstantArgument> constantArguments = default, bool taken = false, int statement = -1, bool unconditional = false, StatementPlace? place = null, bool sameObject = false, ImmutableArray<string> receiverFieldLocks = default)
        {
            ReceiverFieldLocks = receiverFieldLocks.IsDefault ? ImmutableArray<string>.Empty : receiverFieldLocks;
            SameObject = sameObject;
            Place = place;
            Statement = statement;
            Unconditional = unconditional;
            Taken = taken;
            ConstantArguments = constantArguments.IsDefault ? ImmutableArray<ConstantArgument>.Empty : constantArguments;
            ReceiverClasses = receiverClasses.IsDefault ? ImmutableArray<string>.Empty : receiverClasses;
            Guards = guards.IsDefault ? ImmutableArray<BranchGuard>.Empty : guards;
            OnThis = onThis;
            ReceiverParameter = receiverParameter;
            Arguments = arguments.IsDefault ? ImmutableArray<ArgumentFact>.Empty : arguments;
            OuterLocks = outerLocks.IsDefault ? ImmutableArray<LockFact>.Empty : outerLocks;
            DispatchTypeKey = dispatchTypeKey;
            Owned = owned;
            CallerKey = callerKey;
            CalleeKey = calleeKey;
            Lock = held;
            Escapes = escapes;
        }

        public string CallerKey { get; }

        public string CalleeKey { get; }

        /// <summary>
        /// Where the call is among the statements of the caller's body (twice the statement's index, plus one in a
        /// branch of it), or -1: the order of a completion chain's steps (TreeSummarizer.Completions.cs).
        /// </summary>
        public int Statement { get; }

        /// <summary>Whether the call runs whenever its <see cref="Statement"/> does (not in a branch, loop or catch of it).</summary>
        public bool Unconditional { get; }

        /// <summary>Where the call is, block by block (see <see cref="StatementPlace"/>), or <c>null</c>.</summary>
        public StatementPlace? Place { get; }

        /// <summary>The innermost lock held at the call in the caller.</summary>
        public LockFact? Lock { get; }

        /// <summary>The locks around <see cref="Lock"/> in the caller (nested <c>lock</c> statements), innermost first.</summary>
        public ImmutableArray<LockFact> OuterLocks { get; }

        /// <summary>Whether the callee runs through a delegate: the caller's locks do not cover it.</summary>
        public bool Escapes { get; }

        /// <summary>Whether the call's receiver is an object the caller just created (<c>new Parser(text).Parse()</c>): each run has its own.</summary>
        public bool Owned { get; }

        /// <summary>
        /// Whether the call's receiver is an object the caller has just taken from a pool (<c>var m = Pool.Get(); m.Reset();</c>;
        /// ConcurrencyModel.Ownership.cs): the caller holds it alone until it hands it on, though a holder that kept it after
        /// giving it back may still touch it.
        /// </summary>
        public bool Taken { get; }

        /// <summary>
        /// Which overrides of the callee the call may dispatch to: <c>null</c> any; empty, none (a <c>base.M()</c> call
        /// runs exactly the callee); a type key, those declared in that type or a type deriving from it (a virtual called
        /// on <c>this</c> runs the override of the object's own class).
        /// </summary>
        public string? DispatchTypeKey { get; }

        /// <summary>The ordinal of the caller's parameter the call's receiver is (<c>job.ScheduleRetry()</c>), or -1.</summary>
        public int ReceiverParameter { get; }

        /// <summary>The arguments that may be fresh objects (see <see cref="ArgumentFact"/>); most calls have none.</summary>
        public ImmutableArray<ArgumentFact> Arguments { get; }

        /// <summary>The flag branches the call sits in within its caller (see <see cref="BranchGuard"/>), innermost first.</summary>
        public ImmutableArray<BranchGuard> Guards { get; }

        /// <summary>Whether the call runs on the caller's own object (<c>this.M()</c>, <c>M()</c>, <c>base.M()</c>).</summary>
        public bool OnThis { get; }

        /// <summary>
        /// Whether the call's receiver is the same object in every copy of the caller's run whenever the caller's own
        /// object is (<c>this</c>, a static call, a readonly field of either, a captured local shared by a fan-out's
        /// copies: TreeSummarizer.SameObject.cs), so a fan-out reaching a write along such calls writes one object.
        /// </summary>
        public bool SameObject { get; }

        /// <summary>The stated class of another object a virtual call runs on, and its bases (TreeSummarizer.FreshObjects.cs).</summary>
        public ImmutableArray<string> ReceiverClasses { get; }

        /// <summary>The call's constant integral and enum arguments (for a <see cref="BitUpdate"/>'s mask).</summary>
        public ImmutableArray<ConstantArgument> ConstantArguments { get; }
    }

    /// <summary>Flags of a function that decide how it may be reached.</summary>
    [System.Flags]
    internal enum FunctionFlags : uint
    {
        None = 0,
        Private = 1,
        Nested = 2,
        Constructor = 4,
        StaticConstructor = 8,
        Main = 16,
        /// <summary>IHostedService.StartAsync, BackgroundService.ExecuteAsync: the host runs it once.</summary>
        RunsOnce = 32,
        /// <summary>A start site in it is guarded (inside an <c>if</c>, or after an early return): it starts once.</summary>
        Guarded = 64,
        /// <summary>Named <c>...InsideLock</c>/<c>...UnderLock</c>/<c>...Locked</c>: its callers hold a lock by convention.</summary>
        LockedByName = 128,
        Override = 256,
        /// <summary>An <c>IObserver&lt;T&gt;.OnNext</c> (the Rx contract serialises its calls), or a member of an <c>IValueTaskSource</c> (one awaiter per operation).</summary>
        Serialized = 512,
        Lambda = 1024,
        /// <summary>Public and callable from outside the compilation (not a public method of an internal type, unless it overrides or implements).</summary>
        Public = 2048,
        /// <summary>Every return hands out an object created right there (<c>return new Job(row);</c>) or nothing: a factory of fresh objects.</summary>
        ReturnsNew = 4096,
        /// <summary>Declared in a type code outside the compilation cannot name (a private or internal type, or one nested in such).</summary>
        HiddenType = 8192,
        /// <summary>The setter of a public static property: configuration, which code outside the compilation runs at start-up.</summary>
        Configuration = 16384,
        /// <summary>A property or indexer getter: reached through property reads (TreeSummarizer.PropertyCalls.cs).</summary>
        Getter = 32768,
        /// <summary>Async or an iterator: its body (after the first await, or all of it) may run after the call has returned (TreeSummarizer.Deferred.cs).</summary>
        Deferred = 65536,
    }

    /// <summary>A function (member body, accessor, lambda, local function): who it is, what it overrides, what it asserts.</summary>
    internal sealed class FunctionFact
    {
        public FunctionFact(string key, string? typeKey, string name, FunctionFlags flags, ImmutableArray<string> overrides, LockFact? assertedLock, ImmutableArray<string> typeChain = default, ImmutableArray<string> interfaceMembers = default)
        {
            InterfaceMembers = interfaceMembers.IsDefault ? ImmutableArray<string>.Empty : interfaceMembers;
            TypeChain = typeChain.IsDefault ? ImmutableArray<string>.Empty : typeChain;
            Key = key;
            TypeKey = typeKey;
            Name = name;
            Flags = flags;
            Overrides = overrides;
            AssertedLock = assertedLock;
        }

        public string Key { get; }

        public string? TypeKey { get; }

        /// <summary><c>Type.Method</c>, for messages.</summary>
        public string Name { get; }

        public FunctionFlags Flags { get; }

        /// <summary>The methods this one overrides or implements: calls to them may dispatch here.</summary>
        public ImmutableArray<string> Overrides { get; }

        /// <summary>A lock the function asserts it holds (<c>Debug.Assert(Monitor.IsEntered(x))</c>).</summary>
        public LockFact? AssertedLock { get; }

        /// <summary>For a method that overrides or implements others: its type and that type's base types, by key.</summary>
        public ImmutableArray<string> TypeChain { get; }

        /// <summary>
        /// The interface members among <see cref="Overrides"/>, for a function of a <see cref="FunctionFlags.HiddenType"/>
        /// only: a call through the interface reaches it only when an object of its type is seen as another type somewhere.
        /// </summary>
        public ImmutableArray<string> InterfaceMembers { get; }

        public bool Has(FunctionFlags flag) => (Flags & flag) != 0;
    }
}
