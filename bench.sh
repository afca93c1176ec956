#!/usr/bin/env bash
# Runs the named benchmarks (or all) and prints their numbers. Benchmarks that
# gather ICE candidates or start browsers run inside a private network namespace.
#   ./bench.sh list
#   ./bench.sh host-coldstart popup-roundtrip
#   ./bench.sh soak --minutes 60     (--minutes N sets the soak's duration)
set -euo pipefail
cd "$(dirname "$0")"
dotnet build tests/SecureLink.Benchmarks -c Release -nologo -v:q -clp:ErrorsOnly >&2
args=()
while (($#)); do
  case "$1" in
    --minutes) export SECURELINK_SOAK_MINUTES="${2:?--minutes needs a number}"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
exec tests/tools/isolated.sh dotnet tests/SecureLink.Benchmarks/bin/Release/net10.0/SecureLink.Benchmarks.dll ${args[@]+"${args[@]}"}
