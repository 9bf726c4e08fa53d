#!/bin/bash
# Usage: measure-fresh5.sh WORKTREE OUTDIR
# Fifth fresh held-out sample (docs/real-code-fresh5.md): builds WORKTREE's analyzer (Release) and runs the fast
# driver over the ten projects exported under /tmp/realcode/f5-*. One file per project in OUTDIR; each diagnostic
# line starts with its id (TALLYnnn path:line: code) and is followed by an indented "msg:" line with its message;
# compiler errors (grouped by message, then by id) go to OUTDIR/NAME.err.
# Exports: a missing /tmp/realcode/f5-NAME is made from the fetched snapshot (/work/.mirror/OWNER+NAME/repo, or its
# .git, the `fetch` tool's copy) at the pinned commit below with `git archive COMMIT FOLDER | tar -x`, so a clean run
# gives the same files. EXPORT_ONLY=1 makes the exports and stops (no build, no run).
# HiveMQtt enables implicit usings (IMPLICIT_USINGS=1); the nine others do not (IMPLICIT_USINGS=0).
# Driver: /tmp/realcode/tallyrun-msg (every .cs file under the folder compiled together against the .NET reference
# assemblies, no NuGet references, paths with /test, Test, /samples, /benchmark skipped; compiler errors tolerated).
set -u
wt=$1; out=$2
R=/tmp/realcode; M=/work/.mirror
export_one() { # NAME OWNER+REPO COMMIT FOLDER...
  local name=$1 repo=$2 commit=$3; shift 3
  [ -d "$R/f5-$name" ] && return
  local gd="$M/$repo/repo"; [ -d "$gd/.git" ] && gd="$gd/.git"
  [ -d "$gd" ] || { echo "no snapshot of $repo: fetch github:${repo/+//} first"; exit 1; }
  mkdir -p "$R/f5-$name"
  git --git-dir="$gd" archive "$commit" "$@" | tar -x -C "$R/f5-$name" || { echo "export of $name failed"; rm -rf "$R/f5-$name"; exit 1; }
}
export_one faster        microsoft+FASTER 7f71289fc1e5a188e90a50f26994fb0d88657dc0 cs/src/core
export_one hivemqtt      hivemq+hivemq-mqtt-client-dotnet d12ca2e70af34b6b057679540b3a05d8d2ce1ced Source/HiveMQtt
export_one ssredis       ServiceStack+ServiceStack.Redis 33faac719a248ca5ced5bee2e6e85b3fbbce4bf8 src/ServiceStack.Redis
export_one jaeger        jaegertracing+jaeger-client-csharp a29d3fe4ae16d01d94fd57e4134f065fa5805cac src/Jaeger.Core
export_one embedio       unosquare+embedio 6a6bb4117ae6073779049fafb681c76970aa7314 src/EmbedIO
export_one ruffles       MidLevel+Ruffles aab94e407830fdf1bcbbee1811a5a04cddd65272 Ruffles
export_one kafkaflow     Farfetch+kafkaflow 45d4498eb4ffdd5f11b1f6e16d0be21a840f6ced src/KafkaFlow src/KafkaFlow.Abstractions
export_one workflowcore  danielgerlag+workflow-core a33e5a9d28002105a9a3fb9e23a88dd3c78cb32b src/WorkflowCore
export_one dryioc        dadhi+DryIoc 8722a9ffe8f0c9754057203f6257f543e9bde9d6 src/DryIoc
export_one nmsopenwire   apache+activemq-nms-openwire a814bd273cc8aff10276d72ad5416b0aaf6fb3ea src
[ "${EXPORT_ONLY:-}" = 1 ] && { echo "exports made"; exit 0; }
mkdir -p "$out"
dll="$wt/src/Tally.Analyzers/bin/Release/netstandard2.0/Tally.Analyzers.dll"
dotnet build -v q -nologo "$wt/src/Tally.Analyzers" -c Release > "$out/build.log" 2>&1 || { echo "analyzer build failed, see $out/build.log"; exit 1; }
dotnet build -v q -nologo $R/tallyrun-msg -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg
run() { name=$1; dir=$2; iu=$3; filter=${4:-}; PRINT_ERRORS=1 IMPLICIT_USINGS=$iu dotnet run --no-build --project $driver -c Release -- "$dll" "$dir" $filter > "$out/$name.txt" 2> "$out/$name.err"; printf '%-15s %3s diagnostics  (%s)\n' "$name" "$(grep -c '^TALLY' "$out/$name.txt")" "$(head -1 "$out/$name.txt")"; }
[ -z "${ONLY:-}" ] || echo "only: $ONLY"
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
want faster        && run faster        $R/f5-faster/cs/src/core 0
want hivemqtt      && run hivemqtt      $R/f5-hivemqtt/Source/HiveMQtt 1
want ssredis       && run ssredis       $R/f5-ssredis/src/ServiceStack.Redis 0
want jaeger        && run jaeger        $R/f5-jaeger/src/Jaeger.Core 0
want embedio       && run embedio       $R/f5-embedio/src/EmbedIO 0
want ruffles       && run ruffles       $R/f5-ruffles/Ruffles 0
want kafkaflow     && run kafkaflow     $R/f5-kafkaflow/src 0
want workflowcore  && run workflowcore  $R/f5-workflowcore/src/WorkflowCore 0
want dryioc        && run dryioc        $R/f5-dryioc/src/DryIoc 0
want nmsopenwire   && run nmsopenwire   $R/f5-nmsopenwire/src 0
echo "total $(cat $out/*.txt | grep -c "^TALLY") diagnostics (ten projects)"
grep -h '^AD' $out/*.txt | head -5
