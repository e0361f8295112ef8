#!/usr/bin/env bash
# Read benchmark: svod against python-calamine, fastexcel and openpyxl on a
# 200,000-row x 10-column sheet (numbers + Cyrillic text), as XLSX and ODS.
#
#   bash Benchmarks/read/run.sh            # from anywhere; ~3-5 minutes
#   RUNS=5 ROWS=50000 bash Benchmarks/read/run.sh
#
# Installs what is missing (Debian: libreoffice-calc-nogui, time, python3-venv;
# PyPI into Benchmarks/.venv: requirements.txt), builds svod in release, makes
# the data once (cached in Benchmarks/out/), then runs bench.py.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"  # cd to the repository root; RUNS, ROWS; the functions used below
VENV=Benchmarks/.venv
OUT=Benchmarks/out

# 1. system packages, only when missing
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
install_debian_packages "${need[@]}"

# 2. the peers' venv, reinstalled only when requirements.txt changes
setup_venv "$VENV" "$HERE/requirements.txt" "peer readers"

# 3. svod, release build (retry while another SwiftPM holds .build's lock).
#    SVOD_BIN=/path/to/svod skips the build and measures that binary instead.
mkdir -p "$OUT"
if [ -z "${SVOD_BIN:-}" ]; then
  echo "== swift build -c release --static-swift-stdlib --product svod"
  LOG=$OUT/build.log
  build_with_retries "$LOG" 40 15 'another instance of swiftpm|could not acquire lock' \
    ".build is locked by another SwiftPM" \
    "svod does not build (full log: $LOG); SVOD_BIN=/path/to/svod measures a binary built elsewhere" \
    swift build -c release --static-swift-stdlib --product svod
fi
if [ -n "${SVOD_BIN:-}" ]; then
  SVOD=$SVOD_BIN
  echo "svod $("$SVOD" --version): $SVOD (SVOD_BIN, not built here)"
else
  SVOD=.build/release/svod
  echo "svod $("$SVOD" --version) built from commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(
    git status --porcelain -- Sources Package.swift 2>/dev/null | grep -q . && echo ' + uncommitted changes in Sources/')"
fi

# 4. the data, made once per (generator, ROWS)
# INLINE=1 writes inline strings (XlsxWriter constant_memory) instead of the shared-string
# table that Excel and LibreOffice write.
INLINE=${INLINE:-0}
export INLINE
suffix=$([ "$INLINE" = 1 ] && echo "-inline" || true)
XLSX=$OUT/read-$ROWS$suffix.xlsx
ODS=$OUT/read-$ROWS$suffix.ods
stamp="$(sha256sum "$HERE/make_data.py" | cut -d' ' -f1) $ROWS $INLINE"
if [ ! -s "$XLSX" ] || [ "$(cat "$XLSX.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== writing $XLSX (XlsxWriter, $([ "$INLINE" = 1 ] && echo 'inline strings' || echo 'shared strings'))"
  rm -f "$XLSX" "$ODS"
  "$VENV/bin/python" "$HERE/make_data.py" "$XLSX" "$ROWS"
  echo "$stamp" >"$XLSX.stamp"
fi
if [ ! -s "$ODS" ] || [ "$ODS" -ot "$XLSX" ]; then
  echo "== converting to $ODS (LibreOffice headless)"
  profile=$(mktemp -d)
  soffice -env:UserInstallation="file://$profile" --headless --convert-to ods \
    --outdir "$OUT" "$XLSX" >/dev/null 2>&1 || true
  rm -rf "$profile"
  [ -s "$ODS" ] || { echo "soffice did not write $ODS" >&2; exit 1; }
fi

# 5. measure
echo "== measuring (each run a fresh process under /usr/bin/time)"
"$VENV/bin/python" - <<'EOF'
import importlib.metadata as m
print("peers: " + ", ".join(f"{p} {m.version(p)}" for p in
      ("python-calamine", "fastexcel", "pyarrow", "openpyxl", "XlsxWriter")))
EOF
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --xlsx "$XLSX" --ods "$ODS" --runs "$RUNS"
