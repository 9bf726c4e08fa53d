#!/bin/bash
# Usage: measure-fresh3.sh WORKTREE OUTDIR
# Third fresh held-out sample (docs/real-code-fresh3.md): builds WORKTREE's analyzer (Release) and runs the fast
# driver over the ten projects exported under /tmp/realcode/f3-*. One file per project in OUTDIR; each diagnostic
# line starts with its id (TALLYnnn path:line: code) and is followed by an indented "msg:" line with its message;
# compiler errors (grouped by message, then by id) go to OUTDIR/NAME.err.
# Exports: a missing /tmp/realcode/f3-NAME is made from the fetched snapshot (/work/.mirror/OWNER+NAME/repo, or its
# .git, the `fetch` tool's copy) at the pinned commit below with `git archive COMMIT FOLDER | tar -x`, so a clean run
# gives the same files. Autofac: its project enables implicit usings (IMPLICIT_USINGS=1) and adds
# `<Using Include="System.Diagnostics.CodeAnalysis" />`, so its export gets _usings/GlobalUsings.cs with that using
# and is run from the export's root. The other nine enable no implicit usings (IMPLICIT_USINGS=0).
# Driver: /tmp/realcode/tallyrun-msg (every .cs file under the folder compiled together against the .NET reference
# assemblies, no NuGet references, paths with /test, Test, /samples, /benchmark skipped; compiler errors tolerated).
set -u
wt=$1; out=$2; mkdir -p "$out"
R=/tmp/realcode; M=/work/.mirror
export_one() { # NAME OWNER+REPO COMMIT FOLDER...
  local name=$1 repo=$2 commit=$3; shift 3
  [ -d "$R/f3-$name" ] && return
  local gd="$M/$repo/repo"; [ -d "$gd/.git" ] && gd="$gd/.git"
  [ -d "$gd" ] || { echo "no snapshot of $repo: fetch github:${repo/+//} first"; exit 1; }
  mkdir -p "$R/f3-$name"
  git --git-dir="$gd" archive "$commit" "$@" | tar -x -C "$R/f3-$name" || { echo "export of $name failed"; exit 1; }
}
export_one litenetlib RevenantX+LiteNetLib ae8ece75ee2c5014a46ebd641319eb4097c1e39d LiteNetLib
export_one lidgren lidgren+lidgren-network-gen3 f99b006d9af8a9a230ba7c5ce0320fc727ebae0c Lidgren.Network
export_one hazel willardf+Hazel-Networking c6a228cc8dddb91cedecd790ddab338d56abec6c Hazel
export_one fleck statianzo+Fleck 45672e0781974bb04dbad1b94320756a33c60a6d src/Fleck
export_one smartthreadpool amibar+SmartThreadPool 27cb713535138416fb82431cefcbe89d6d3c1114 SmartThreadPool
export_one dogstatsd DataDog+dogstatsd-csharp-client cc8fe3bc9a64f8b827db00ee89056875e0d8a8c0 src/StatsdClient
export_one hdrhistogram HdrHistogram+HdrHistogram.NET 023f13c77134b6e15626f6eb8325a8b365f4d62e HdrHistogram
export_one nonblocking VSadov+NonBlocking 0c9366d852f54d5e96e7c31fec804268d47be5cb src/NonBlocking
export_one fastcache jitbit+FastCache 0ae02aa0801aaaebdd99ad97d8bcfc32a0e18536 FastCache
if [ ! -d "$R/f3-autofac" ]; then
  export_one autofac autofac+Autofac b7f65d61fcd650ac5850b05f83df1b5dbaaf8d27 src/Autofac
  mkdir -p "$R/f3-autofac/_usings"
  echo 'global using System.Diagnostics.CodeAnalysis;' > "$R/f3-autofac/_usings/GlobalUsings.cs"
fi
dll="$wt/src/Tally.Analyzers/bin/Release/netstandard2.0/Tally.Analyzers.dll"
dotnet build -v q -nologo "$wt/src/Tally.Analyzers" -c Release > "$out/build.log" 2>&1 || { echo "analyzer build failed, see $out/build.log"; exit 1; }
dotnet build -v q -nologo $R/tallyrun-msg -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg
run() { name=$1; dir=$2; iu=$3; filter=${4:-}; PRINT_ERRORS=1 IMPLICIT_USINGS=$iu dotnet run --no-build --project $driver -c Release -- "$dll" "$dir" $filter > "$out/$name.txt" 2> "$out/$name.err"; printf '%-15s %3s diagnostics  (%s)\n' "$name" "$(grep -c '^TALLY' "$out/$name.txt")" "$(head -1 "$out/$name.txt")"; }
run litenetlib      $R/f3-litenetlib/LiteNetLib 0
run lidgren         $R/f3-lidgren/Lidgren.Network 0
run hazel           $R/f3-hazel/Hazel 0
run fleck           $R/f3-fleck/src/Fleck 0
run smartthreadpool $R/f3-smartthreadpool/SmartThreadPool 0
run dogstatsd       $R/f3-dogstatsd/src/StatsdClient 0
run hdrhistogram    $R/f3-hdrhistogram/HdrHistogram 0
run nonblocking     $R/f3-nonblocking/src/NonBlocking 0
run fastcache       $R/f3-fastcache/FastCache 0
run autofac         $R/f3-autofac 1
echo "total $(cat $out/*.txt | grep -c "^TALLY") diagnostics (ten projects)"
grep -h '^AD' $out/*.txt | head -5
