#!/usr/bin/env bash
# Batch benchmark: N school files (ВПР of N generated schools, from the bundled samples, their
# codes replaced) through one `svod batch` run — journal, store, outbox, moves — side by side with
# `svod validate` of the same files in the same run; files per second, peak memory, the ratio.
#
#   bash Benchmarks/batch/run.sh                  # FILES="250 1000" RUNS=5 (about 3 minutes after the build)
#
# Installs what is missing (Debian: time, python3-venv), builds svod in release (SVOD_BIN=/path/to/svod
# skips it), writes the files into Benchmarks/batch/out/ (git-ignored), then runs bench.py.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"
install_debian_packages
release_svod "$HERE/out"
exec python3 "$HERE/bench.py" --svod "$SVOD" --out "$HERE/out" --files ${FILES:-250 1000}
