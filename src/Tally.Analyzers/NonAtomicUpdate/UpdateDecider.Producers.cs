using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Certainty for a producer of a started consumer: ordinary code adds to a concurrent collection in a field of its own
    /// object (in the update's function, or one call on <c>this</c> away), and code started on that object takes from the
    /// same field. The collection hands work from the one to the other while both run, so the two writers of one storage
    /// of that object overlap by the code's own statement (docs/detection-model.md, "Declared sharing").
    /// </summary>
    internal static partial class UpdateDecider
    {
        private sealed partial class Overlap
        {
            /// <summary>Whether an overlapping pair of writers is a producer and a started consumer of one collection of <c>this</c>.</summary>
            public bool ProducerOfStartedConsumer { get; private set; }

            /// <summary>
            /// Notes a pair of <paramref name="self"/> and <paramref name="write"/> (reached as <paramref name="other"/>)
            /// found to overlap when one of them runs from ordinary calls and adds to a collection of <c>this</c> that the
            /// other's start takes from.
            /// </summary>
            private void ProducerAndConsumer(WriteFact self, WriteFact write, Reach other, ConcurrencyModel model, int callDepth)
            {
                if (ProducerOfStartedConsumer || IsStatic || !self.ThroughThis || !write.ThroughThis)
                {
                    return;
                }

                ProducerOfStartedConsumer = (Reach.FromCaller && ConsumedInAStart(self, write, other, model, callDepth))
                    || (other.FromCaller && ConsumedInAStart(write, self, Reach, model, callDepth));
            }

            /// <summary>
            /// Whether <paramref name="producer"/>'s function adds to a collection of its object that a function reached from
            /// a start of <paramref name="consumerReach"/> takes from, on the object the start's run writes.
            /// </summary>
            private static bool ConsumedInAStart(WriteFact producer, WriteFact consumer, Reach consumerReach, ConcurrencyModel model, int callDepth)
            {
                var producerType = model.Function(producer.FunctionKey)?.TypeKey;
                var consumerType = model.Function(consumer.FunctionKey)?.TypeKey;
                if (producerType == null || consumerType == null || consumerReach.Entries.Count == 0)
                {
                    return false;
                }

                foreach (var add in model.QueueUsesIn(producerType))
                {
                    if (!model.AddsThrough(producer.FunctionKey, add))
                    {
                        continue;
                    }

                    foreach (var take in model.QueueUsesIn(consumerType))
                    {
                        if (take.Adds || take.FieldKey != add.FieldKey)
                        {
                            continue;
                        }

                        foreach (var started in consumerReach.Entries)
                        {
                            if (OnTheStartedObject(started, callDepth) && StartedReaches(model.ReachOf(take.FunctionKey), started.Entry, callDepth))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            /// <summary>Whether <paramref name="reach"/> holds <paramref name="entry"/> on the object of the start's run, within the call depth.</summary>
            private static bool StartedReaches(Reach reach, EntryFact entry, int callDepth)
            {
                foreach (var reached in reach.Entries)
                {
                    if (ReferenceEquals(reached.Entry, entry) && OnTheStartedObject(reached, callDepth))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether the entry's run reaches the function on its own started object: the started code's object is one
            /// (<see cref="EntryFact.SameThis"/>), every call on the way is on it, and none through an object the run
            /// made or took.
            /// </summary>
            private static bool OnTheStartedObject(ReachedEntry reached, int callDepth)
                => reached.Entry.SameThis && (reached.Distance == 0 || reached.SameObject) && !reached.ThroughOwned && !reached.ThroughTaken
                    && reached.WithinDepth(callDepth);
        }
    }
}
