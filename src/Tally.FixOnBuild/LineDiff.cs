using System;
using System.Collections.Generic;

namespace Tally.FixOnBuild
{
    /// <summary>One changed region: lines [OldStart, OldEnd) of the old text became lines [NewStart, NewEnd) of the new.</summary>
    internal readonly record struct LineChange(int OldStart, int OldEnd, int NewStart, int NewEnd);

    /// <summary>The changed regions between two versions of a file, line by line (longest common subsequence).</summary>
    internal static class LineDiff
    {
        /// <summary>Above this many cells the middle part is reported as one region instead of diffed.</summary>
        private const long MaxCells = 4_000_000;

        public static IReadOnlyList<LineChange> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after)
        {
            int prefix = 0;
            while (prefix < before.Count && prefix < after.Count && before[prefix] == after[prefix])
            {
                prefix++;
            }

            int suffix = 0;
            while (suffix < before.Count - prefix && suffix < after.Count - prefix
                && before[before.Count - 1 - suffix] == after[after.Count - 1 - suffix])
            {
                suffix++;
            }

            int n = before.Count - prefix - suffix;
            int m = after.Count - prefix - suffix;
            var changes = new List<LineChange>();
            if (n == 0 && m == 0)
            {
                return changes;
            }

            if ((long)(n + 1) * (m + 1) > MaxCells)
            {
                changes.Add(new LineChange(prefix, prefix + n, prefix, prefix + m));
                return changes;
            }

            // lcs[i, j]: length of the longest common subsequence of before[prefix+i..] and after[prefix+j..].
            var lcs = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
            {
                for (int j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = before[prefix + i] == after[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            int? oldStart = null, newStart = null;
            while (x < n || y < m)
            {
                if (x < n && y < m && before[prefix + x] == after[prefix + y])
                {
                    Close();
                    x++;
                    y++;
                }
                else
                {
                    oldStart ??= x;
                    newStart ??= y;
                    if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
                    {
                        y++;
                    }
                    else
                    {
                        x++;
                    }
                }
            }

            Close();
            return changes;

            void Close()
            {
                if (oldStart is int o && newStart is int s)
                {
                    changes.Add(new LineChange(prefix + o, prefix + x, prefix + s, prefix + y));
                }

                oldStart = null;
                newStart = null;
            }
        }
    }
}
