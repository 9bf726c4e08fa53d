using System.Threading;

namespace RacySample
{
    /// <summary>Tracks background jobs; one tracker serves every worker thread.</summary>
    internal sealed class JobTracker
    {
        private int _started;
        private int _finished;

        public int Started => _started;

        public int Finished => _finished;

        public void OnStarted()
        {
            // Somebody knew this class is shared between threads...
            Interlocked.Increment(ref _started);
        }

        public void OnFinished()
        {
            // ...but only for one of its two counters.
            _finished++; // expect: TALLY005
        }
    }
}
