#!/bin/bash
# Usage: measure-fresh2.sh WORKTREE OUTDIR
# Second fresh held-out sample (docs/real-code-fresh2.md): builds WORKTREE's analyzer (Release) and runs the fast
# driver over the eleven projects exported under /tmp/realcode/f2-*. One file per project in OUTDIR; each diagnostic
# line starts with its id (TALLYnnn path:line: code) and is followed by an indented "msg:" line with its message;
# compiler errors (grouped by message, then by id) go to OUTDIR/NAME.err.
# Exports: a missing /tmp/realcode/f2-NAME is made from the fetched snapshot (/work/.mirror/OWNER+NAME/repo, the
# `fetch` tool's copy) at the pinned commit below with `git archive COMMIT FOLDER... | tar -x`, so a clean run gives
# the same files. Rx.NET: Platforms/ is left out (its net8.0 build removes Platforms/** from the compile items).
# ZeroLog and App.Metrics: the library's folders are exported together and run from the export's root.
# Driver: /tmp/realcode/tallyrun-msg (every .cs file under the folder compiled together against the .NET reference
# assemblies, no NuGet references, paths with /test, Test, /samples, /benchmark skipped; compiler errors tolerated).
# No project of this sample enables implicit usings (IMPLICIT_USINGS=0 for all).
set -u
wt=$1; out=$2; mkdir -p "$out"
R=/tmp/realcode; M=/work/.mirror
export_one() { # NAME OWNER+REPO COMMIT FOLDER...
  local name=$1 repo=$2 commit=$3; shift 3
  [ -d "$R/f2-$name" ] && return
  mkdir -p "$R/f2-$name"
  git --git-dir="$M/$repo/repo" archive "$commit" "$@" | tar -x -C "$R/f2-$name" || { echo "export of $name failed"; exit 1; }
}
export_one netcoreserver chronoxor+NetCoreServer b7fcaf7661cea0d0ca9434cbe15d398cf1e64fc4 source/NetCoreServer
export_one websocketsharp sta+websocket-sharp 42704061c92cd5ce56cf6f4c695f5303b27e1027 websocket-sharp
export_one amqp Azure+azure-amqp b8d2ac0acc00a042ded07954ab26904025fe9951 src
export_one cassandra datastax+csharp-driver efe48863596e627fb95c354dc58e68738c5b3dd2 src/Cassandra
export_one dnsclient MichaCo+DnsClient.NET f1e7ca33d713dc3bc70e7b3664aa3a2b6c090d5d src/DnsClient
export_one appmetrics AppMetrics+AppMetrics b9f9e75d0190bc18028a6473ce2b30488879be63 src/Core/src src/Concurrency/src
export_one vsthreading microsoft+vs-threading b20b6b4b3cc8a649c8d8a203fbf84515b113133f src/Microsoft.VisualStudio.Threading
if [ ! -d "$R/f2-rx" ]; then
  export_one rx dotnet+reactive 56b3e1e9bf3605a4e2bfe08b68c11291896363ab Rx.NET/Source/src/System.Reactive
  rm -rf "$R/f2-rx/Rx.NET/Source/src/System.Reactive/Platforms"
fi
export_one zerolog Abc-Arbitrage+ZeroLog 617f10e12e89fd56f8c77b070c1e731592ebb542 src/ZeroLog src/ZeroLog.Impl.Base src/ZeroLog.Impl.Full
export_one foundatio FoundatioFx+Foundatio b2c39b4f6915e42b9b4126b84e9632ba4db818d7 src/Foundatio
export_one fluentscheduler fluentscheduler+FluentScheduler 2979789c853d0cd4b5e29e291b7410ce52f43451 FluentScheduler
dll="$wt/src/Tally.Analyzers/bin/Release/netstandard2.0/Tally.Analyzers.dll"
dotnet build -v q -nologo "$wt/src/Tally.Analyzers" -c Release > "$out/build.log" 2>&1 || { echo "analyzer build failed, see $out/build.log"; exit 1; }
dotnet build -v q -nologo $R/tallyrun-msg -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg
run() { name=$1; dir=$2; iu=$3; filter=${4:-}; PRINT_ERRORS=1 IMPLICIT_USINGS=$iu dotnet run --no-build --project $driver -c Release -- "$dll" "$dir" $filter > "$out/$name.txt" 2> "$out/$name.err"; printf '%-15s %3s diagnostics  (%s)\n' "$name" "$(grep -c '^TALLY' "$out/$name.txt")" "$(head -1 "$out/$name.txt")"; }
run netcoreserver   $R/f2-netcoreserver/source/NetCoreServer 0
run websocketsharp  $R/f2-websocketsharp/websocket-sharp 0
run amqp            $R/f2-amqp/src 0
run cassandra       $R/f2-cassandra/src/Cassandra 0
run dnsclient       $R/f2-dnsclient/src/DnsClient 0
run appmetrics      $R/f2-appmetrics/src 0
run vsthreading     $R/f2-vsthreading/src/Microsoft.VisualStudio.Threading 0
run rx              $R/f2-rx/Rx.NET/Source/src/System.Reactive 0
run zerolog         $R/f2-zerolog/src 0
run foundatio       $R/f2-foundatio/src/Foundatio 0
run fluentscheduler $R/f2-fluentscheduler/FluentScheduler 0
echo "total $(cat $out/*.txt | grep -c "^TALLY") diagnostics (eleven projects)"
grep -h '^AD' $out/*.txt | head -5
