#!/bin/bash
# Usage: docs/real-code-measure.sh SAMPLE OUTDIR [ANALYZERS_DLL]
# Runs Tally over one real-code sample (docs/real-code.md) and writes one file per project to OUTDIR.
#   SAMPLE        a manifest in docs/real-code-samples/SAMPLE.tsv: one project per line, tab-separated:
#                 NAME  OWNER/REPO  COMMIT  SCAN_FOLDER  FLAGS  EXPORT_FOLDERS...
#                 (SCAN_FOLDER is relative to the export; FLAGS are the driver's options, comma-separated, "-" for
#                 none: implicit-usings, include-tests, aspnet, using=NAMESPACE or using=ALIAS=NAME (one global using,
#                 for a project's MSBuild <Using> items), report-only=PREFIX (report only files below SCAN_FOLDER/PREFIX,
#                 the rest is compiled along); EXPORT_FOLDERS are the repository paths exported, "." for all, and
#                 !PATH removes PATH from the export afterwards, as a project's build leaves it out). A line whose
#                 SCAN_FOLDER is "+" adds its repository's folders to the export of the project named on it (two
#                 repositories measured as one project) and is not run on its own. Lines starting with # are comments;
#                 "#flags FLAGS" adds FLAGS to every project of the manifest (the earlier samples have
#                 "#flags language-version=13": the driver they were measured with parsed C# 13).
#   OUTDIR        NAME.txt per project: the driver's output (a first line with counts, then per diagnostic
#                 "ID path:line: source" with indented "msg:" and "severity:" lines); NAME.err: compiler errors, grouped;
#                 sample: the sample's name, this tree's commit and the date (docs/real-code-score.py reads it).
#   ANALYZERS_DLL another build of Tally.Analyzers.dll to measure (default: the one the driver is built with, from
#                 this checkout's src/Tally.Analyzers).
# Exports: a missing $REALCODE/SAMPLE-NAME (REALCODE defaults to /tmp/realcode) is made from the fetch tool's snapshot
# of OWNER/REPO (/work/.mirror/OWNER+REPO/repo; fetch github:OWNER/REPO first) with
# `git archive COMMIT EXPORT_FOLDERS | tar -x`, so every run measures the same files.
# ONLY="a b" runs only the named projects; EXPORT_ONLY=1 makes the exports and stops.
# OPTIONS="KEY=VALUE ..." passes each KEY=VALUE to every project's run as the driver's --option KEY=VALUE (an
# .editorconfig/.globalconfig option, e.g. OPTIONS="tally.call_depth=3"); the sample file records them.
# Driver: `Tally.AnalyzerBenchmarks scan` (tests/Tally.AnalyzerBenchmarks/RealCode/RealCodeScan.cs): every .cs file
# under the folder compiled together against the .NET reference assemblies (no NuGet references, compiler errors
# tolerated), paths containing Test, or /test, /samples, /benchmark in any case, skipped unless include-tests.
set -u
sample=$1; out=$2; dll=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
manifest="$here/docs/real-code-samples/$sample.tsv"
[ -f "$manifest" ] || { echo "no manifest $manifest"; exit 1; }
R=${REALCODE:-/tmp/realcode}; M=${MIRROR:-/work/.mirror}
mkdir -p "$R"
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

made=" "
export_one() { # NAME OWNER/REPO COMMIT ADDED FOLDER...
  local name=$1 repo=$2 commit=$3 added=$4; shift 4
  local dest="$R/$sample-$name"
  if [ "$added" = 1 ]; then [[ "$made" == *" $name "* ]] || return 0; else [ -d "$dest" ] && return 0; fi
  local gd="$M/${repo/\//+}/repo"; [ -d "$gd/.git" ] && gd="$gd/.git"
  [ -d "$gd" ] || { echo "no snapshot of $repo: fetch github:$repo first"; return 1; }
  local folders=() removed=() f
  for f in "$@"; do if [[ "$f" == !* ]]; then removed+=("${f#!}"); elif [ "$f" != "." ]; then folders+=("$f"); fi; done
  mkdir -p "$dest"
  set -o pipefail
  git --git-dir="$gd" archive "$commit" "${folders[@]}" | tar -x -C "$dest" || { echo "export of $name ($repo) failed"; rm -rf "$dest"; set +o pipefail; return 1; }
  set +o pipefail
  for f in "${removed[@]}"; do rm -rf "${dest:?}/$f"; done
  made="$made$name "
}

failed=0
while IFS=$'\t' read -r name repo commit folder flags exports; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  want "$name" || continue
  read -r -a exportFolders <<< "$exports"
  added=0; [ "$folder" = "+" ] && added=1
  export_one "$name" "$repo" "$commit" "$added" "${exportFolders[@]}" || failed=1
done < "$manifest"
[ "$failed" = 1 ] && exit 1
[ "${EXPORT_ONLY:-}" = 1 ] && { echo "exports made under $R/$sample-*"; exit 0; }

mkdir -p "$out"
echo "$sample $(git -C "$here" rev-parse --short HEAD 2>/dev/null) $(date -u +%Y-%m-%dT%H:%MZ)${dll:+ $dll}${OPTIONS:+ options: $OPTIONS}" > "$out/sample"
common=$(sed -n 's/^#flags[[:space:]]*//p' "$manifest" | paste -sd, -)
driverDir="$here/tests/Tally.AnalyzerBenchmarks"
dotnet build -v q -nologo -c Release "$driverDir" > "$out/build.log" 2>&1 || { echo "driver build failed, see $out/build.log"; exit 1; }
driver="$driverDir/bin/Release/net10.0/Tally.AnalyzerBenchmarks.dll"
total=0
while IFS=$'\t' read -r name repo commit folder flags exports; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  want "$name" || continue
  [ "$folder" = "+" ] && continue
  args=(scan "$R/$sample-$name/$folder" --errors)
  [ -n "$dll" ] && args+=(--analyzers "$dll")
  for o in ${OPTIONS:-}; do args+=(--option "$o"); done
  [ "$flags" = "-" ] && flags=""
  flags="$flags${common:+${flags:+,}$common}"
  if [ -n "$flags" ]; then
    IFS=',' read -r -a fs <<< "$flags"
    for f in "${fs[@]}"; do if [[ "$f" == *=* ]]; then args+=("--${f%%=*}" "${f#*=}"); else args+=("--$f"); fi; done
  fi
  dotnet "$driver" "${args[@]}" > "$out/$name.txt" 2> "$out/$name.err"
  n=$(grep -c '^TALLY' "$out/$name.txt"); total=$((total + n))
  printf '%-16s %3s diagnostics  (%s)\n' "$name" "$n" "$(head -1 "$out/$name.txt")"
done < "$manifest"
echo "total $total diagnostics ($sample)"
grep -h '^AD0001' "$out"/*.txt | head -5
exit 0
