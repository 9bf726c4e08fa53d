namespace RacySample
{
    /// <summary>Process-wide request statistics. Every request-handling thread calls <see cref="Record"/>.</summary>
    internal static class RequestStats
    {
        private static int s_requests;
        private static int s_failures;

        public static int Requests => s_requests;

        public static int Failures => s_failures;

        public static void Record(bool failed)
        {
            // A static field is shared by every thread; ++ and += read, add and write back, so two threads can both
            // read the same value and one increment is lost.
            s_requests++; // expect: TALLY003
            if (failed)
            {
                s_failures += 1; // expect: TALLY003
            }
        }
    }
}
