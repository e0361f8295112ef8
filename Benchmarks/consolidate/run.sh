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
release_svod "$OUT"
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --out "$OUT" --schools ${SCHOOLS:-100 1000}
