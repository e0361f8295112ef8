#!/usr/bin/env bash
# Consolidation benchmark: N generated schools × every annual form (from the bundled samples,
# their codes replaced), imported into a store and consolidated; beside it, in the same run, the
# ВПР city totals computed by pandas (read_excel with calamine, concat, groupby().sum()).
#
#   bash Benchmarks/consolidate/run.sh                 # SCHOOLS="100 1000" (about 10 minutes)
#   SCHOOLS="100 1000 10000" bash Benchmarks/consolidate/run.sh   # the 10,000 step: ~140k files, ~2 GB, an hour
#
# Installs what is missing (Debian: time, python3-venv; PyPI into Benchmarks/consolidate/.venv:
# requirements.txt), builds svod in release (SVOD_BIN=/path/to/svod skips it), writes the schools
# into Benchmarks/consolidate/out/ (git-ignored), then runs bench.py.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"
VENV=$HERE/.venv
OUT=$HERE/out
install_debian_packages
setup_venv "$VENV" "$HERE/requirements.txt" "pandas and python-calamine"
mkdir -p "$OUT"
if [ -z "${SVOD_BIN:-}" ]; then
  echo "== swift build -c release --static-swift-stdlib --product svod"
  LOG=$OUT/build.log
  build_with_retries "$LOG" 40 15 'another instance of swiftpm|could not acquire lock|was modified during the build' \
    "another SwiftPM holds .build, or a source file changed during the build" \
    "svod does not build (full log: $LOG); SVOD_BIN=/path/to/svod measures a binary built elsewhere" \
    swift build -c release --static-swift-stdlib --product svod
  SVOD=.build/release/svod
else
  SVOD=$SVOD_BIN
fi
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --out "$OUT" --schools ${SCHOOLS:-100 1000}
