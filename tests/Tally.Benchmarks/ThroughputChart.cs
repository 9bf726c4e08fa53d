using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Tally.Benchmarks
{
    /// <summary>
    /// Draws an SVG grouped bar chart (log scale) of each method's increment throughput relative to
    /// Interlocked.Increment, per thread count, from BenchmarkDotNet's CSV report of <see cref="IncrementThroughput"/>.
    /// No plotting package: the SVG is written by hand.
    /// </summary>
    internal static class ThroughputChart
    {
        private const string Baseline = "Interlocked.Increment";

        private static readonly string[] s_colors = { "#9e9e9e", "#e15759", "#4e79a7", "#76b7b2", "#59a14f", "#f28e2b", "#edc948", "#b07aa1", "#ff9da7" };

        public static void Write(string csvPath, string svgPath, string statistic)
        {
            List<string[]> rows = File.ReadAllLines(csvPath).Where(l => l.Length > 0).Select(ParseCsvLine).ToList();
            string[] header = rows[0];
            int method = Array.IndexOf(header, "Method");
            int threads = Array.IndexOf(header, "Threads");
            int mean = Array.FindIndex(header, h => h == statistic || h.StartsWith(statistic + " ", StringComparison.Ordinal));
            if (method < 0 || threads < 0 || mean < 0)
            {
                throw new InvalidDataException($"the CSV needs Method, Threads and {statistic} columns: " + string.Join(",", header));
            }

            var means = new Dictionary<(string Method, int Threads), double>();
            foreach (string[] row in rows.Skip(1))
            {
                means[(row[method].Trim('\''), int.Parse(row[threads], CultureInfo.InvariantCulture))] =
                    double.Parse(row[mean].Replace(",", string.Empty), CultureInfo.InvariantCulture);
            }

            List<string> methods = means.Keys.Select(k => k.Method).Distinct().ToList();
            List<int> threadCounts = means.Keys.Select(k => k.Threads).Distinct().OrderBy(t => t).ToList();

            // ratio = baseline time per op / method time per op = method throughput / Interlocked throughput.
            var ratios = new Dictionary<(string, int), double>();
            foreach (var ((m, t), value) in means)
            {
                ratios[(m, t)] = means[(Baseline, t)] / value;
            }

            File.WriteAllText(svgPath, Render(methods, threadCounts, ratios, statistic));
            foreach (int t in threadCounts)
            {
                Console.WriteLine($"{t} thread(s): " + string.Join(", ",
                    methods.Select(m => $"{m} {ratios[(m, t)].ToString("0.00", CultureInfo.InvariantCulture)}x")));
            }
        }

        private static string Render(List<string> methods, List<int> threadCounts, Dictionary<(string, int), double> ratios, string statistic)
        {
            const double width = 900, height = 460, left = 70, right = 220, top = 50, bottom = 60;
            double plotW = width - left - right, plotH = height - top - bottom;
            double lo = Math.Floor(Math.Log(ratios.Values.Min(), 2)), hi = Math.Ceiling(Math.Log(ratios.Values.Max(), 2));
            lo = Math.Min(lo, -1);
            hi = Math.Max(hi, 1);
            double Y(double ratio) => top + plotH * (hi - Math.Log(ratio, 2)) / (hi - lo);
            string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

            var svg = new StringBuilder();
            svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" font-family=\"sans-serif\" font-size=\"12\">");
            svg.AppendLine($"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"white\"/>");
            svg.AppendLine($"<text x=\"{F(left)}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Increment throughput relative to Interlocked.Increment (log scale, higher is better)</text>");
            svg.AppendLine($"<text x=\"{F(left)}\" y=\"40\" fill=\"#555\">ratio of {Escape(statistic)} time per increment; all threads increment one shared counter</text>");
            for (double e = lo; e <= hi; e++)
            {
                double y = Y(Math.Pow(2, e));
                string stroke = e == 0 ? "#000" : "#ddd";
                svg.AppendLine($"<line x1=\"{F(left)}\" y1=\"{F(y)}\" x2=\"{F(left + plotW)}\" y2=\"{F(y)}\" stroke=\"{stroke}\"/>");
                svg.AppendLine($"<text x=\"{F(left - 8)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Math.Pow(2, e).ToString("0.###", CultureInfo.InvariantCulture)}x</text>");
            }

            double groupW = plotW / threadCounts.Count, barW = groupW * 0.8 / methods.Count;
            for (int g = 0; g < threadCounts.Count; g++)
            {
                double gx = left + g * groupW + groupW * 0.1;
                for (int m = 0; m < methods.Count; m++)
                {
                    if (!ratios.TryGetValue((methods[m], threadCounts[g]), out double r))
                    {
                        continue;
                    }

                    double y = Y(r), y1 = Y(1);
                    double x = gx + m * barW;
                    svg.AppendLine($"<rect x=\"{F(x)}\" y=\"{F(Math.Min(y, y1))}\" width=\"{F(barW - 2)}\" height=\"{F(Math.Max(1, Math.Abs(y1 - y)))}\" fill=\"{s_colors[m % s_colors.Length]}\"><title>{Escape(methods[m])}, {threadCounts[g]} thread(s): {r.ToString("0.00", CultureInfo.InvariantCulture)}x</title></rect>");
                    svg.AppendLine($"<text x=\"{F(x + (barW - 2) / 2)}\" y=\"{F(r >= 1 ? y - 3 : y + 11)}\" text-anchor=\"middle\" font-size=\"9\">{r.ToString("0.0#", CultureInfo.InvariantCulture)}</text>");
                }

                svg.AppendLine($"<text x=\"{F(left + g * groupW + groupW / 2)}\" y=\"{F(top + plotH + 20)}\" text-anchor=\"middle\">{threadCounts[g]} thread{(threadCounts[g] == 1 ? string.Empty : "s")}</text>");
            }

            svg.AppendLine($"<text x=\"{F(left + plotW / 2)}\" y=\"{F(height - 15)}\" text-anchor=\"middle\">threads incrementing one shared counter</text>");
            for (int m = 0; m < methods.Count; m++)
            {
                double y = top + 10 + m * 22;
                svg.AppendLine($"<rect x=\"{F(left + plotW + 20)}\" y=\"{F(y - 10)}\" width=\"14\" height=\"14\" fill=\"{s_colors[m % s_colors.Length]}\"/>");
                svg.AppendLine($"<text x=\"{F(left + plotW + 40)}\" y=\"{F(y + 2)}\">{Escape(methods[m])}</text>");
            }

            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary>Splits one CSV line (comma or semicolon separated, double-quoted fields).</summary>
        private static string[] ParseCsvLine(string line)
        {
            char separator = line.Contains(';') && !line.Contains(',') ? ';' : ',';
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            return fields.ToArray();
        }
    }
}
