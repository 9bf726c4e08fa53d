using System;
using System.Diagnostics;
using System.Threading;

namespace Tally.Tests
{
    /// <summary>Drives the GC until finalizers have done some work, for tests of what exited threads leave behind.</summary>
    internal static class Finalization
    {
        /// <summary>
        /// Collects and runs pending finalizers until <paramref name="done"/> holds or <paramref name="timeout"/>
        /// passes (a thread's statics are released shortly after it ends, so one collection may come too early).
        /// </summary>
        /// <returns>Whether <paramref name="done"/> held in time.</returns>
        public static bool RunUntil(Func<bool> done, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                if (done())
                {
                    return true;
                }

                if (clock.Elapsed > timeout)
                {
                    return false;
                }

                Thread.Sleep(10);
            }
        }
    }
}
