using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A write of a type's static field in a helper that only the type's initialization runs (its static constructor or
    /// static initializers, directly or through other helpers): no other thread touches the type's statics meanwhile, so,
    /// like the static constructor's own writes, it is not reported and does not pair with other writers
    /// (ConcurrencyModel.TypeInitializers.cs).
    /// </summary>
    internal static partial class UpdateDecider
    {
        private static bool InTypeInitializerHelper(WriteFact write, ConcurrencyModel model)
            => write.StaticStorage && !write.Excluded && model.RunsOnlyWhileTypeIsInitialized(write);
    }
}
