using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// The same constant flag update from every writer (fresh23, PeachPie's late-static forwarding): <c>x |= C</c>
    /// racing only with <c>x |= C</c> (or <c>x &amp;= C</c> only with <c>x &amp;= C</c>), the same constant, loses nothing.
    /// Each writer reads either the value before any of them or a value with <c>C</c> already forced, and writes that
    /// value with <c>C</c> forced: whichever lands last, the result is the one every writer wanted. Another constant, the
    /// other operator, a variable mask, any other update, a plain store or an atomic write beside it can be lost or
    /// undone, and the update stays reported as before.
    /// </summary>
    internal static partial class UpdateDecider
    {
        private sealed partial class Overlap
        {
            /// <summary>
            /// Whether some other writer of the storage that may run beside the update is not the same constant flag
            /// update (<see cref="BitUpdate.SameConstantUpdate"/>): a writer the overlap search pairs, or one it leaves out
            /// only because no start is seen to run it beside this one, or because its receiver's identity is unknown (a
            /// local, an element: it may be the same object). Writers that cannot overlap are not asked: excluded writes
            /// (constructors, new objects), writers holding the update's own exclusive lock, writers on objects only they
            /// can see yet, another subclass's <c>this</c>, the other mode of a flag, a write before joined workers start.
            /// </summary>
            public bool AnotherWriteDiffers { get; private set; }

            /// <summary>
            /// Whether every writer that may run beside <paramref name="self"/>, itself included, is the same constant
            /// flag update: then two at once lose nothing, and no rule reports it.
            /// </summary>
            public bool OnlySameConstantUpdates(WriteFact self)
                => !AnotherWriteDiffers && self.Kind == WriteKind.Update && self.Bits is { Parameter: < 0 };

            /// <summary>
            /// Notes <paramref name="write"/>, a writer the model excludes from pairing, when it is a plain store of
            /// shared state outside a constructor: a start value written only while the storage holds its default
            /// (<c>if (_state == 0) _state = Ready;</c>) may still run beside the update, which would write the default
            /// back with its bits and lose the start value. Constructors' and new objects' writes run before the
            /// object is shared.
            /// </summary>
            private void ExcludedBeside(WriteFact self, WriteFact write, ConcurrencyModel model)
            {
                if (write != self && write.Kind == WriteKind.Write && write.Root == ReceiverRoot.Shared
                    && !(model.Function(write.FunctionKey) is { } function && (function.Has(FunctionFlags.Constructor) || function.Has(FunctionFlags.StaticConstructor))))
                {
                    AnotherWriteDiffers = true;
                }
            }

            /// <summary>Notes <paramref name="write"/>, another writer that may run beside <paramref name="self"/>.</summary>
            private void Beside(WriteFact self, WriteFact write)
                => AnotherWriteDiffers |= !(self.Kind == WriteKind.Update && write.Kind == WriteKind.Update
                    && self.Bits is { } own && write.Bits is { } other && own.SameConstantUpdate(other));
        }
    }
}
