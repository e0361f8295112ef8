# What read/run.sh and write/run.sh do alike; sourced by both after `set -euo pipefail`:
#   . "$HERE/../common/setup.sh"
# Goes to the repository root, puts the Swift toolchain on PATH, sets RUNS (default 3), ROWS
# (default 200000) and SUDO, and defines the three steps below.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export PATH=/opt/swift/usr/bin:$PATH
RUNS=${RUNS:-3}
ROWS=${ROWS:-200000}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# install_debian_packages [PKG...]: installs the packages the benchmark found missing, and
# time (for /usr/bin/time) and python3-venv when those are missing; nothing when all are there.
install_debian_packages() {
  local need=("$@")
  [ -x /usr/bin/time ] || need+=(time)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
  if [ ${#need[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
}

# setup_venv VENV REQUIREMENTS WHAT: makes the venv if missing and pip-installs REQUIREMENTS into
# it, again only when the file changes (its checksum is kept in VENV/.bench-requirements).
setup_venv() {
  local venv=$1 req=$2 what=$3 req_sum
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  req_sum=$(sha256sum "$req" | cut -d' ' -f1)
  if [ "$(cat "$venv/.bench-requirements" 2>/dev/null)" != "$req_sum" ]; then
    echo "== installing $what into $venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
    echo "$req_sum" >"$venv/.bench-requirements"
  fi
}

# build_with_retries LOG TRIES DELAY TRANSIENT WHY FAILED COMMAND...: runs COMMAND (a build) with
# its output in LOG; when it fails and LOG matches the extended regex TRANSIENT (case ignored), says
# "WHY; retrying" and tries again after DELAY seconds, up to TRIES times. A real failure prints
# the errors and FAILED, and exits. On success prints the log's last line and deletes it.
build_with_retries() {
  local log=$1 tries=$2 delay=$3 transient=$4 why=$5 failed=$6 attempt
  shift 6
  for attempt in $(seq 1 "$tries"); do
    if "$@" >"$log" 2>&1; then
      break
    fi
    if grep -qiE "$transient" "$log" && [ "$attempt" -lt "$tries" ]; then
      echo "   $why; retrying in $delay s ($attempt/$tries)"
      sleep "$delay"
      continue
    fi
    grep -E 'error:' "$log" | head -n 20 >&2 || tail -n 40 "$log" >&2
    echo "$failed" >&2
    exit 1
  done
  tail -1 "$log"
  rm -f "$log"
}

# release_svod OUT: sets SVOD to a release build of svod (log in OUT/build.log; retried while
# another SwiftPM holds .build's lock or a source file is saved mid-build), or to $SVOD_BIN when
# given (a binary built elsewhere, not built here); says which binary it is.
release_svod() {
  local out=$1
  mkdir -p "$out"
  if [ -z "${SVOD_BIN:-}" ]; then
    echo "== swift build -c release --static-swift-stdlib --product svod"
    local log=$out/build.log
    build_with_retries "$log" 40 15 'another instance of swiftpm|could not acquire lock|was modified during the build' \
      "another SwiftPM holds .build, or a source file changed during the build" \
      "svod does not build (full log: $log); SVOD_BIN=/path/to/svod measures a binary built elsewhere" \
      swift build -c release --static-swift-stdlib --product svod
    SVOD=.build/release/svod
    echo "svod $("$SVOD" --version) built from commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(
      git status --porcelain -- Sources Package.swift 2>/dev/null | grep -q . && echo ' + uncommitted changes in Sources/ or Package.swift')"
  else
    SVOD=$SVOD_BIN
    echo "svod $("$SVOD" --version): $SVOD (SVOD_BIN, not built here)"
  fi
}
