#!/usr/bin/env bash
# The test command: installs the test prerequisites (idempotently), builds
# everything, runs every test project inside a fresh network namespace (so no
# packet can leave the machine), and ends with the line `N passed, N failed`.
#
#   ./test.sh                 # everything
#   ./test.sh Host Installer  # only test projects whose name contains one of the words
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.test-results"
configuration=Release

step() { printf '\n== %s\n' "$*"; }

step "prerequisites"
tests/tools/prereqs.sh test || { echo "0 passed, 1 failed"; exit 1; }

step "extension"
if [[ -x Extension/build.sh ]]; then
  Extension/build.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

step "build"
if ! dotnet build SecureLink.sln -c "$configuration" -nologo -v:q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$results"
mkdir -p "$results"
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' | sort)
if (($# > 0)); then
  filtered=()
  for p in "${projects[@]}"; do for w in "$@"; do [[ "$p" == *"$w"* ]] && { filtered+=("$p"); break; }; done; done
  projects=("${filtered[@]}")
fi

crashed=0
for p in "${projects[@]}"; do
  name=$(basename "$p" .csproj)
  step "$name"
  # One project at a time: the machine has 2 cores and the browser and network
  # tests measure nothing reliable when they fight for them.
  if ! tests/tools/isolated.sh dotnet test "$p" -c "$configuration" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results"; then
    if [[ ! -s "$results/$name.trx" ]]; then
      echo "test.sh: $name did not produce results (crashed or timed out)" >&2
      crashed=$((crashed + 1))
    fi
  fi
done

# Count from the TRX files rather than from console text, which changes between SDKs.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(path).getroot().iter():
        if r.tag.endswith("UnitTestResult"):
            o = r.get("outcome")
            if o == "Passed": p += 1
            elif o == "NotExecuted": s += 1
            else: f += 1
print(p, f, s)
PY
)
failed=$((failed + crashed))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
