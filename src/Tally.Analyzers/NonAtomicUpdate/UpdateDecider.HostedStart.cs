using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A hosted service's registration (<c>AddHostedService</c>) as shared-instance evidence, when the update runs only
    /// in the service's start (held-out sample fresh35, BiliBiliToolPro, family A; ConcurrencyModel.HostedStart.cs).
    /// </summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether the registration of <paramref name="typeKey"/> with <c>AddHostedService</c> says nothing about the
        /// update in <paramref name="functionKey"/>: the update's function and every other writer of the storage run only
        /// in the service's own constructors and in the one run of its <c>StartAsync</c>
        /// (<see cref="ConcurrencyModel.RunsOnlyInHostedStart"/>). A writer of the storage anywhere else (another member of
        /// the service, another type, code started from <c>StartAsync</c>) keeps the evidence; writes that cannot race (in
        /// the object's constructor, on an object just made) do not count.
        /// </summary>
        private static bool OnlyInHostedStart(RegistrationFact registration, string typeKey, string functionKey, string storageKey, ConcurrencyModel model)
        {
            if (registration.How != "AddHostedService" || storageKey.Length == 0 || !InHostedStartOf(typeKey, functionKey, model))
            {
                return false;
            }

            foreach (var write in model.WritesOf(storageKey))
            {
                if (!write.Excluded && !model.RunsOnlyOnNewObjects(write.FunctionKey) && !InHostedStartOf(typeKey, write.FunctionKey, model))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool InHostedStartOf(string typeKey, string functionKey, ConcurrencyModel model)
            => model.Function(functionKey) is { } function && function.TypeKey == typeKey
                && ((function.Has(FunctionFlags.Constructor) && !function.Has(FunctionFlags.Lambda | FunctionFlags.Nested)) || model.RunsOnlyInHostedStart(functionKey));
    }
}
