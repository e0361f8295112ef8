#!/usr/bin/env bash
# Write benchmark: svod (XLSX and ODS) against libxlsxwriter (C) and XlsxWriter (Python),
# each writing the same 200,000-row x 10-column sheet (numbers, Cyrillic text, dates, a bold
# header; the rules are in data.py), generated in-process so that no writer reads input.
#
#   bash Benchmarks/write/run.sh            # from anywhere; ~1-2 minutes (first time: + the svod build)
#   RUNS=5 ROWS=50000 bash Benchmarks/write/run.sh
#
# Installs what is missing (Debian: libxlsxwriter-dev, pkg-config, gcc, time, python3-venv;
# PyPI into Benchmarks/write/.venv: requirements.txt), builds svod-writer/ (a package of its
# own that depends on the svod working tree) in release and libxlsxwriter_bench.c with -O2,
# then runs bench.py, which times every writer and reads every output back with python-calamine.
# Outputs go to Benchmarks/write/out/ (git-ignored).
# SVOD_REV=HEAD measures a git revision exported with `git archive` instead of the working
# tree, which may be mid-edit and not build.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../common/setup.sh
. "$HERE/../common/setup.sh"  # cd to the repository root; RUNS, ROWS; the functions used below
VENV=$HERE/.venv
OUT=$HERE/out

# 1. system packages, only when missing
need=()
[ -f /usr/include/xlsxwriter.h ] || need+=(libxlsxwriter-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
install_debian_packages "${need[@]}"

# 2. the peers' venv, reinstalled only when requirements.txt changes
setup_venv "$VENV" "$HERE/requirements.txt" "XlsxWriter and python-calamine"

# 3. svod-writer, release, Swift runtime linked in as svod is deployed (dynamic loading of the
#    runtime would otherwise be part of every run's wall time)
mkdir -p "$OUT"
PKG=$HERE/svod-writer
SCRATCH=$PKG/.build
if [ -n "${SVOD_REV:-}" ]; then
  src=$OUT/src-$(echo "$SVOD_REV" | tr -c 'A-Za-z0-9._\n-' _)
  echo "== exporting svod at $SVOD_REV ($(git rev-parse --short "$SVOD_REV")) to $src"
  rm -rf "$src" && mkdir -p "$src"
  git archive "$SVOD_REV" | tar -x -C "$src"
  export SVOD_SOURCE=$src
  SCRATCH=$PKG/.build-$(basename "$src")
fi
echo "== swift build -c release --static-swift-stdlib --package-path Benchmarks/write/svod-writer"
LOG=$OUT/build.log
# someone saving a source file mid-build is not a build failure
build_with_retries "$LOG" 5 10 'was modified during the build' "a source file changed during the build" \
  "svod-writer does not build (full log: $LOG); SVOD_REV=HEAD builds the last commit instead" \
  swift build -c release --static-swift-stdlib --package-path "$PKG" --scratch-path "$SCRATCH" --manifest-cache none
SVOD=$SCRATCH/release/svod-writer
if [ -n "${SVOD_REV:-}" ]; then
  echo "svod at $SVOD_REV ($(git rev-parse --short "$SVOD_REV"))"
else
  echo "svod from the working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(
    git status --porcelain -- Sources Package.swift 2>/dev/null | grep -q . && echo ' + uncommitted changes in Sources/ or Package.swift')"
fi

# 4. the C peer
LXW=$OUT/libxlsxwriter_bench
if pkg-config --exists xlsxwriter 2>/dev/null; then
  lxw_flags=$(pkg-config --cflags --libs xlsxwriter)
else
  lxw_flags=-lxlsxwriter
fi
echo "== cc -O2 libxlsxwriter_bench.c $lxw_flags"
# shellcheck disable=SC2086  # the flags are words
cc -O2 -Wall -o "$LXW" "$HERE/libxlsxwriter_bench.c" $lxw_flags

# 5. measure, then check the outputs
echo "== measuring (each run a fresh process under /usr/bin/time)"
lxw_version=$(dpkg-query -W -f '${Version}' libxlsxwriter-dev 2>/dev/null || pkg-config --modversion xlsxwriter 2>/dev/null || echo '?')
"$VENV/bin/python" - "$lxw_version" <<'EOF'
import importlib.metadata as m, platform, sys
print(f"peers: libxlsxwriter {sys.argv[1]}, XlsxWriter {m.version('XlsxWriter')} (Python {platform.python_version()}); "
      f"checker: python-calamine {m.version('python-calamine')}")
EOF
exec "$VENV/bin/python" "$HERE/bench.py" --svod "$SVOD" --libxlsxwriter "$LXW" \
  --out "$OUT" --rows "$ROWS" --runs "$RUNS"
