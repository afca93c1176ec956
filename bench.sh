#!/usr/bin/env bash
# Runs the named benchmarks (or all) and prints their numbers. Benchmarks that
# gather ICE candidates or start browsers run inside a private network namespace.
#   ./bench.sh list
#   ./bench.sh host-coldstart popup-roundtrip
set -euo pipefail
cd "$(dirname "$0")"
dotnet build tests/SecureLink.Benchmarks -c Release -nologo -v:q -clp:ErrorsOnly >&2
exec tests/tools/isolated.sh dotnet tests/SecureLink.Benchmarks/bin/Release/net10.0/SecureLink.Benchmarks.dll "$@"
