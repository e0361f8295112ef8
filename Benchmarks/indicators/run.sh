#!/usr/bin/env bash
# Indicators benchmark: N generated schools × three years (2017/2018–2019/2020: ВПР, ГИА-9, ЕГЭ
# of every year and the annual forms of 2019/2020, from the bundled samples, their codes
# replaced) imported into a store; then `svod indicators` of 2019/2020 from the store (the
# target: under 10 s at 1,000 schools), and beside it, in the same run, the ВПР 4th-grade
# risk criterion over the same ВПР files both ways: `svod indicators FILES` and pandas.
#
#   bash Benchmarks/indicators/run.sh                 # SCHOOLS=1000 (about 8 minutes)
#   SCHOOLS="100 1000" bash Benchmarks/indicators/run.sh
#
# Installs what is missing (Debian: time, python3-venv; PyPI into Benchmarks/indicators/.venv:
# ../consolidate/requirements.txt), builds svod in release (SVOD_BIN=/path/to/svod skips it),
# writes the schools into Benchmarks/indicators/out/ (git-ignored), then runs bench.py.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"
VENV=$HERE/.venv
OUT=$HERE/out
install_debian_packages
setup_venv "$VENV" "$HERE/../consolidate/requirements.txt" "pandas and python-calamine"
release_svod "$OUT"
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --out "$OUT" --schools ${SCHOOLS:-1000}
