#!/bin/bash
# Usage: measure-fresh4.sh WORKTREE OUTDIR
# Fourth fresh held-out sample (docs/real-code-fresh4.md): builds WORKTREE's analyzer (Release) and runs the fast
# driver over the ten projects exported under /tmp/realcode/f4-*. One file per project in OUTDIR; each diagnostic
# line starts with its id (TALLYnnn path:line: code) and is followed by an indented "msg:" line with its message;
# compiler errors (grouped by message, then by id) go to OUTDIR/NAME.err.
# Exports: a missing /tmp/realcode/f4-NAME is made from the fetched snapshot (/work/.mirror/OWNER+NAME/repo, or its
# .git, the `fetch` tool's copy) at the pinned commit below with `git archive COMMIT FOLDER | tar -x`, so a clean run
# gives the same files. M2Mqtt: its .NET project leaves WinRT/ out of the build, so the export removes it.
# None of the ten enables implicit usings (IMPLICIT_USINGS=0 for all).
# Driver: /tmp/realcode/tallyrun-msg (every .cs file under the folder compiled together against the .NET reference
# assemblies, no NuGet references, paths with /test, Test, /samples, /benchmark skipped; compiler errors tolerated).
set -u
wt=$1; out=$2; mkdir -p "$out"
R=/tmp/realcode; M=/work/.mirror
export_one() { # NAME OWNER+REPO COMMIT FOLDER...
  local name=$1 repo=$2 commit=$3; shift 3
  [ -d "$R/f4-$name" ] && return
  local gd="$M/$repo/repo"; [ -d "$gd/.git" ] && gd="$gd/.git"
  [ -d "$gd" ] || { echo "no snapshot of $repo: fetch github:${repo/+//} first"; exit 1; }
  mkdir -p "$R/f4-$name"
  git --git-dir="$gd" archive "$commit" "$@" | tar -x -C "$R/f4-$name" || { echo "export of $name failed"; rm -rf "$R/f4-$name"; exit 1; }
}
export_one monotorrent   alanmcgovern+monotorrent 9e98a44c3af93ace7fe11da363fe345a60c0c93f src
export_one sshnet        sshnet+SSH.NET 3e12c9631770b4c943863b68f072e22659fda27a src/Renci.SshNet
export_one castle        castleproject+Core 963107421f7c11dc37ce0017487a895b6bc01e4c src/Castle.Core
export_one telepathy     MirrorNetworking+Telepathy 6ffca35fa40f144adfbb296ccdece950e6bddda3 Telepathy
export_one cachemanager  MichaCo+CacheManager 5aedc81b3caa0811433544277168964f4203e319 src/CacheManager.Core
export_one darkrift      DarkRiftNetworking+DarkRift 4f1101568e698abc7b4010aab10647e6c997f42c DarkRift DarkRift.Client DarkRift.Server
export_one durabletask   Azure+durabletask 5217032961abf45846f462732a5e2813316e3747 src/DurableTask.Core
export_one justeatstatsd justeat+JustEat.StatsD 1183c60062e93bcaf0678d8456918a2cd5c0dbb5 src/JustEat.StatsD
export_one kafkasharp    criteo+kafka-sharp ce6617158d3a112d9388797e8ac680a3281de501 kafka-sharp/kafka-sharp
if [ ! -d "$R/f4-m2mqtt" ]; then
  export_one m2mqtt eclipse+paho.mqtt.m2mqtt e6ad8114820209c4270638b8b22abbcd38518744 M2Mqtt
  rm -rf "$R/f4-m2mqtt/M2Mqtt/WinRT"
fi
dll="$wt/src/Tally.Analyzers/bin/Release/netstandard2.0/Tally.Analyzers.dll"
dotnet build -v q -nologo "$wt/src/Tally.Analyzers" -c Release > "$out/build.log" 2>&1 || { echo "analyzer build failed, see $out/build.log"; exit 1; }
dotnet build -v q -nologo $R/tallyrun-msg -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg
run() { name=$1; dir=$2; iu=$3; filter=${4:-}; PRINT_ERRORS=1 IMPLICIT_USINGS=$iu dotnet run --no-build --project $driver -c Release -- "$dll" "$dir" $filter > "$out/$name.txt" 2> "$out/$name.err"; printf '%-15s %3s diagnostics  (%s)\n' "$name" "$(grep -c '^TALLY' "$out/$name.txt")" "$(head -1 "$out/$name.txt")"; }
[ -z "${ONLY:-}" ] || echo "only: $ONLY"
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
want monotorrent   && run monotorrent   $R/f4-monotorrent/src 0
want sshnet        && run sshnet        $R/f4-sshnet/src/Renci.SshNet 0
want castle        && run castle        $R/f4-castle/src/Castle.Core 0
want telepathy     && run telepathy     $R/f4-telepathy/Telepathy 0
want cachemanager  && run cachemanager  $R/f4-cachemanager/src/CacheManager.Core 0
want darkrift      && run darkrift      $R/f4-darkrift 0
want durabletask   && run durabletask   $R/f4-durabletask/src/DurableTask.Core 0
want justeatstatsd && run justeatstatsd $R/f4-justeatstatsd/src/JustEat.StatsD 0
want kafkasharp    && run kafkasharp    $R/f4-kafkasharp/kafka-sharp/kafka-sharp 0
want m2mqtt        && run m2mqtt        $R/f4-m2mqtt/M2Mqtt 0
echo "total $(cat $out/*.txt | grep -c "^TALLY") diagnostics (ten projects)"
grep -h '^AD' $out/*.txt | head -5
