#!/usr/bin/env bash
# Validation benchmark: svod validate against frictionless-py on the same 100,000-row XLSX table
# with the same type, required, range, pattern and enum constraints (0.1 % of rows break one),
# svod inspect on it as the cost of merely reading it, and svod validating 1,000 small ВПР
# submissions (half XLSX, half ODS) in one call.
#
#   bash Benchmarks/validate/run.sh            # from anywhere; ~3-4 minutes (first time: + the data, ~1 minute)
#   RUNS=5 ROWS=20000 FILES=200 bash Benchmarks/validate/run.sh
#
# Installs what is missing (Debian: time, python3-venv; PyPI into Benchmarks/validate/.venv:
# requirements.txt), builds svod in release, makes the data once (cached in
# Benchmarks/validate/out/, git-ignored), then runs bench.py. PERF=0 skips the closing perf profile.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rows=${ROWS:-100000}  # common/setup.sh defaults ROWS to the read/write benchmarks' 200000
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"  # cd to the repository root; RUNS; the functions used below
ROWS=$rows
FILES=${FILES:-1000}
VENV=$HERE/.venv
OUT=$HERE/out

# 1. system packages, only when missing
install_debian_packages

# 2. the peer's venv, reinstalled only when requirements.txt changes
setup_venv "$VENV" "$HERE/requirements.txt" "frictionless, openpyxl and XlsxWriter"

# 3. svod, release build (retry while another SwiftPM holds .build's lock or a source file is
#    saved mid-build). SVOD_BIN=/path/to/svod skips the build and measures that binary instead.
release_svod "$OUT"
"$SVOD" schemas check --schemas "$HERE/schema" >/dev/null ||
  { echo "svod rejects the benchmark's schemas: $SVOD schemas check --schemas $HERE/schema" >&2; exit 1; }

# 4. the data, made once per (generator, size)
TABLE=$OUT/table-$ROWS.xlsx
stamp="$(sha256sum "$HERE/make_table.py" | cut -d' ' -f1) $ROWS"
if [ ! -s "$TABLE" ] || [ "$(cat "$TABLE.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== writing $TABLE (XlsxWriter, constant_memory)"
  rm -f "$TABLE"
  "$VENV/bin/python" "$HERE/make_table.py" "$TABLE" "$ROWS"
  echo "$stamp" >"$TABLE.stamp"
fi
SUBS=$OUT/submissions-$FILES
stamp="$(sha256sum "$HERE/make_submissions.py" | cut -d' ' -f1) $FILES"
if [ ! -s "$SUBS/expected.json" ] || [ "$(cat "$SUBS.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== writing $FILES submissions into $SUBS (XlsxWriter; every other one converted to ODS by svod)"
  rm -rf "$SUBS"
  "$VENV/bin/python" "$HERE/make_submissions.py" "$SUBS" "$FILES" "$SVOD"
  echo "$stamp" >"$SUBS.stamp"
fi

# 5. measure
echo "== measuring (each run a fresh process under /usr/bin/time)"
"$VENV/bin/python" - <<'PY'
import importlib.metadata as m, platform
print(f"peer: frictionless {m.version('frictionless')} (openpyxl {m.version('openpyxl')}, "
      f"Python {platform.python_version()}); data: XlsxWriter {m.version('XlsxWriter')}")
PY
profile=()
[ "${PERF:-1}" = 0 ] || profile=(--profile)
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --table "$TABLE" --schemas "$HERE/schema" \
  --tableschema "$HERE/bench.tableschema.json" --submissions "$SUBS" --vpr-schemas Schemas \
  --runs "$RUNS" "${profile[@]}"
