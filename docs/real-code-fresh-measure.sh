#!/bin/bash
# Usage: measure-fresh.sh WORKTREE OUTDIR
# Fresh held-out sample (docs/real-code-fresh.md): builds WORKTREE's analyzer (Release) and runs the fast driver over
# the ten fresh projects exported under /tmp/realcode/f-*. One file per project in OUTDIR; each diagnostic line
# starts with its id (TALLYnnn path:line: code) and is followed by an indented "msg:" line with its message; compiler
# errors (grouped by message, then by id) go to OUTDIR/NAME.err.
# Driver: /tmp/realcode/tallyrun-msg (every .cs file under the folder compiled together against the .NET reference
# assemblies, no NuGet references, paths with /test, Test, /samples, /benchmark skipped). IMPLICIT_USINGS=1 where the
# project's csproj or Directory.Build.props enables implicit usings. Two projects declare further global usings in
# MSBuild; their exports carry a small scaffold folder _usings/ with exactly those usings (Sentry: the repository's
# GlobalUsings.cs and the <Using> items; MySqlConnector: System.Data and System.Data.Common), so they are run on the
# export's root. Sentry's export leaves out src/Sentry/Platforms/{Android,Cocoa,Unity} (50 files that compile only
# for the mobile and Unity targets; with them the desktop build has duplicate partial members). DotNext.Threading is
# compiled with DotNext's core library along and reports only its own files. DotNext uses C# 14 extension blocks,
# which the driver's Roslyn 4.14 cannot parse (4,918 errors); an extra run with /tmp/realcode/tallyrun-msg5 (the same
# Program.cs built against Microsoft.CodeAnalysis.CSharp 5.12.0) parses them (578 errors); it is not in the total.
set -u
wt=$1; out=$2; mkdir -p "$out"
dll="$wt/src/Tally.Analyzers/bin/Release/netstandard2.0/Tally.Analyzers.dll"
dotnet build -v q -nologo "$wt/src/Tally.Analyzers" -c Release > "$out/build.log" 2>&1 || { echo "analyzer build failed, see $out/build.log"; exit 1; }
R=/tmp/realcode
dotnet build -v q -nologo $R/tallyrun-msg -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg
run() { name=$1; dir=$2; iu=$3; filter=${4:-}; PRINT_ERRORS=1 IMPLICIT_USINGS=$iu dotnet run --no-build --project $driver -c Release -- "$dll" "$dir" $filter > "$out/$name.txt" 2> "$out/$name.err"; printf '%-15s %3s diagnostics  (%s)\n' "$name" "$(grep -c '^TALLY' "$out/$name.txt")" "$(head -1 "$out/$name.txt")"; }
run disruptor      $R/f-disruptor/src/Disruptor 0
run log4net        $R/f-log4net/src/log4net 0
run rebus          $R/f-rebus/Rebus 0
run mysqlconnector $R/f-mysqlconnector 1
run protoactor     $R/f-protoactor/src/Proto.Actor 0
run dotnext        $R/f-dotnext/src 1 DotNext.Threading/
run sentry         $R/f-sentry 1
run coravel        $R/f-coravel/Src/Coravel 0
run messagepipe    $R/f-messagepipe/src/MessagePipe 0
run watsontcp      $R/f-watsontcp/src/WatsonTcp 0
echo "total $(ls $out/*.txt | grep -v /x- | xargs cat | grep -c "^TALLY") diagnostics (ten projects)"
dotnet build -v q -nologo $R/tallyrun-msg5 -c Release > /dev/null 2>&1
driver=$R/tallyrun-msg5
run x-dotnext-roslyn5 $R/f-dotnext/src 1 DotNext.Threading/
grep -h '^AD' $out/*.txt | head -5
