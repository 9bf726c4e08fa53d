#!/usr/bin/env bash
# Benchmark of TallyFixOnBuild's cost (docs/build-fixes.md): a 100-file console project that installs the packed
# Tally.Analyzers package; no-op builds with and without -p:TallyFixOnBuild=true, alternated in one run, and the
# fix-on-build program's own time, cold (a new process, as the build starts it) and warm (runs 2..N in one process:
# the best an in-process MSBuild task could do).
#   usage: tests/Tally.Package.Tests/Benchmarks/fix-on-build-noop.sh [rounds=10] [files=100]
set -euo pipefail
rounds="${1:-10}"
files="${2:-100}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tally-fob-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

version="0.1.0-bench.$(date +%s)"
echo "== pack $version"
for p in src/Tally.Analyzers/Tally.Analyzers.csproj src/Tally.CodeFixes/Tally.CodeFixes.csproj src/Tally.FixOnBuild/Tally.FixOnBuild.csproj; do
  dotnet restore "$repo/$p" -v:q >/dev/null
done
dotnet pack "$repo/src/Tally.Analyzers.Package/Tally.Analyzers.Package.csproj" -c Release -o "$work/feed" "-p:Version=$version" -v:q -tl:off >/dev/null

app="$work/app"
mkdir -p "$app"
cat > "$app/nuget.config" <<XML
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><RestorePackagesPath>$work/packages</RestorePackagesPath></PropertyGroup>
  <ItemGroup><PackageReference Include="Tally.Analyzers" Version="$version" PrivateAssets="all" /></ItemGroup>
</Project>
XML
echo 'System.Console.WriteLine(Counters.Counter0.Next());' > "$app/Program.cs"
for i in $(seq 0 $((files - 2))); do
  cat > "$app/Counter$i.cs" <<CS
using System.Threading;

namespace Counters
{
    public static class Counter$i
    {
        private static int s_value;
        private static long s_total;

        public static int Next() => Interlocked.Increment(ref s_value);

        public static long Add(long n) => Interlocked.Add(ref s_total, n);
    }
}
CS
done

echo "== first builds (restore, compile, first fix-on-build run)"
dotnet build "$app/App.csproj" -tl:off -v:q -p:TallyFixOnBuild=true >/dev/null
dotnet build "$app/App.csproj" -tl:off -v:q >/dev/null

ms() { local s; s=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== $rounds no-op builds each, alternating"
: > "$work/off"; : > "$work/on"
for r in $(seq "$rounds"); do
  ms dotnet build "$app/App.csproj" -tl:off -v:q --no-restore >> "$work/off"
  ms dotnet build "$app/App.csproj" -tl:off -v:q --no-restore -p:TallyFixOnBuild=true >> "$work/on"
done
off=$(median < "$work/off"); on=$(median < "$work/on")
echo "no-op build without TallyFixOnBuild: median ${off} ms  [$(tr '\n' ' ' < "$work/off")]"
echo "no-op build with    TallyFixOnBuild: median ${on} ms  [$(tr '\n' ' ' < "$work/on")]"
awk -v a="$on" -v b="$off" 'BEGIN { printf "ratio with/without: %.3f, difference of medians: %+d ms\n", a / b, a - b }'

echo "== the fix-on-build program on the same $files files (nothing to fix)"
rsp="$app/obj/Debug/net10.0/tally-fix-on-build.rsp"
tool="$work/packages/tally.analyzers/$version/tools/fix-on-build/Tally.FixOnBuild.dll"
for r in 1 2 3; do
  echo "one out-of-process run (process start included): $(ms dotnet "$tool" "@$rsp") ms"
done
echo "five runs in one process (run 1 cold, runs 2-5 warm, as an in-process task in a reused MSBuild node):"
dotnet "$tool" --measure 5 "@$rsp"
