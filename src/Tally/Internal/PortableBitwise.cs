using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// Compare-exchange loops for the bitwise operations that .NET 5+ has natively; used on netstandard2.0 and
    /// compiled on every target so that the net10.0 tests exercise them. Each returns the ORIGINAL value.
    /// </summary>
    internal static class PortableBitwise
    {
        internal static int And(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = current & value;
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static int Or(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = current | value;
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static long And(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = current & value;
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static long Or(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = current | value;
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static uint And(ref uint location, uint value)
        {
            uint current = Reinterpret.Read(ref location);
            while (true)
            {
                uint next = current & value;
                uint seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static uint Or(ref uint location, uint value)
        {
            uint current = Reinterpret.Read(ref location);
            while (true)
            {
                uint next = current | value;
                uint seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static ulong And(ref ulong location, ulong value)
        {
            ulong current = Reinterpret.Read(ref location);
            while (true)
            {
                ulong next = current & value;
                ulong seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        internal static ulong Or(ref ulong location, ulong value)
        {
            ulong current = Reinterpret.Read(ref location);
            while (true)
            {
                ulong next = current | value;
                ulong seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }
    }
}
