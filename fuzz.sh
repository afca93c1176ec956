#!/usr/bin/env bash
# Fuzzes one parser harness (or all) for a while. See docs/fuzzing.md.
#   ./fuzz.sh list                 harness names and what each checks
#   ./fuzz.sh NAME [SECONDS] [SEED]  built-in mutation fuzzer (default 60 s); crashes land in tests/fuzz/corpus/NAME/crash-*
#   ./fuzz.sh all [SECONDS]        every harness in turn
#   ./fuzz.sh replay NAME FILE...  run chosen inputs once, print any escaping exception
#   ./fuzz.sh afl NAME [SECONDS]   coverage-guided AFL++ + SharpFuzz, when afl-fuzz and the sharpfuzz tool exist
#   ./fuzz.sh --write-seeds        regenerate the binary seeds with the layers' own encoders
set -euo pipefail
cd "$(dirname "$0")"
project=tests/SecureLink.Fuzz.Tests
out="$project/bin/Release/net10.0"
dll="$out/SecureLink.Fuzz.Tests.dll"

build() { dotnet build "$project" -c Release -v q -nologo >&2; }
run() { dotnet "$dll" "$@"; }

cmd="${1:-}"
case "$cmd" in
  ""|-h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  list) build; run list ;;
  --write-seeds) build; run write-seeds ;;
  replay) shift; build; run replay "$@" ;;
  all)
    build
    status=0
    for name in $(run list | awk '{print $1}'); do run run "$name" "${2:-60}" || status=1; done
    exit $status ;;
  afl)
    name="${2:?harness name}"; seconds="${3:-600}"
    command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: install AFL++ (Debian: apt-get install afl++), or use ./fuzz.sh $name" >&2; exit 3; }
    PATH="$PATH:$HOME/.dotnet/tools" command -v sharpfuzz >/dev/null || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 3; }
    build
    inst="$project/bin/afl"; rm -rf "$inst"; cp -r "$out" "$inst"
    # Instrument only our own parsers, not the BCL or BouncyCastle.
    for a in "$inst"/SecureLink.*.dll "$inst"/securelink-host.dll; do
      case "$a" in *Fuzz.Tests.dll) ;; *) "$HOME/.dotnet/tools/sharpfuzz" "$a" >/dev/null ;; esac
    done
    findings="$project/bin/afl-findings/$name"; seeds="$project/bin/afl-seeds/$name"
    rm -rf "$findings" "$seeds"; mkdir -p "$findings" "$seeds"
    # AFL refuses to start on a crashing seed, so open findings (crash-*) stay out of its input.
    cp tests/fuzz/corpus/"$name"/seed-* tests/fuzz/corpus/"$name"/json-* "$seeds"/ 2>/dev/null || true
    export PATH="$PATH:$HOME/.dotnet/tools"
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
      timeout --signal=INT "$seconds" afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none \
      -- dotnet "$inst/SecureLink.Fuzz.Tests.dll" afl "$name" || true
    [ -f "$findings/default/fuzzer_stats" ] && grep -E 'execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs' "$findings/default/fuzzer_stats"
    echo "AFL++ output in $findings (crashes/ holds the inputs; copy them to tests/fuzz/corpus/$name/)" ;;
  *) build; run run "$cmd" "${2:-60}" ${3:+"$3"} ;;
esac
