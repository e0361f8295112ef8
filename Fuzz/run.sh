#!/usr/bin/env bash
# Fuzzes svod's readers with libFuzzer + AddressSanitizer.
#
#   bash Fuzz/run.sh MODE SECONDS [libFuzzer flags…]   fuzz for SECONDS (default 600)
#   bash Fuzz/run.sh repro MODE FILE…                   run inputs once (a crash reproduces)
#   bash Fuzz/run.sh minimize MODE FILE [SECONDS]       shrink a crashing input (-minimize_crash=1)
#
# Environment: SVOD_FUZZ_REV=REV fuzzes a git revision (e.g. HEAD) exported with `git archive`
# into Fuzz/out/src-REV instead of the working tree (which may be mid-edit and not build).
#
# MODE: xlsx | ods (whole files) or xlsx-xml | ods-xml (uncompressed XML parts wrapped into a
# stored zip by the harness). Everything it writes goes to Fuzz/out/ (gitignored):
#   out/seeds-MODE/      seeds rebuilt from ../shared/corpus/peer and Samples/ on every run
#   out/corpus-MODE/     inputs libFuzzer found interesting (kept between runs)
#   out/artifacts-MODE/  crash-*, timeout-*, oom-*, leak-* and minimized-* inputs
#   out/log-MODE.txt     the last run's output
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/out"
scratch="$here/.build"
if [ -n "${SVOD_FUZZ_REV:-}" ]; then
    rev_dir="$out/src-$(echo "$SVOD_FUZZ_REV" | tr -c 'A-Za-z0-9._\n-' _)"
    scratch="$here/.build-$(basename "$rev_dir")"
    export SVOD_FUZZ_SOURCE="$rev_dir"
fi
bin="$scratch/release/SvodFuzz"

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

check_mode() {
    case "$1" in
        xlsx|xlsx-xml) dict="$here/xlsx.dict" ;;
        ods|ods-xml)   dict="$here/ods.dict" ;;
        *) echo "unknown mode '$1'" >&2; usage ;;
    esac
}

build() {
    if [ -n "${SVOD_FUZZ_REV:-}" ]; then
        echo "exporting svod at $SVOD_FUZZ_REV ($(git -C "$here/.." rev-parse --short "$SVOD_FUZZ_REV")) to $rev_dir" >&2
        rm -rf "$rev_dir" && mkdir -p "$rev_dir"
        git -C "$here/.." archive "$SVOD_FUZZ_REV" | tar -x -C "$rev_dir"
    fi
    echo "building the harness (release, -sanitize=fuzzer,address) against ${SVOD_FUZZ_SOURCE:-the working tree}…" >&2
    (cd "$here" && swift build -c release --scratch-path "$scratch" --manifest-cache none \
        -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v 'ld.gold: warning: Cannot export local symbol' >&2)
    [ -x "$bin" ] || { echo "build failed" >&2; exit 1; }
}

# Swift's own crash backtracer must stay out of the way: libFuzzer/ASan report the crash and
# write the input. LeakSanitizer stays on (it reported nothing over the seeds of any mode);
# if Swift runtime metadata ever shows up as leaks, run with ASAN_OPTIONS=detect_leaks=0.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-handle_abort=1}"

[ $# -ge 1 ] || usage
case "$1" in
    repro)
        [ $# -ge 3 ] || usage
        check_mode "$2"; build
        export SVOD_FUZZ_MODE="$2"; shift 2
        exec "$bin" -rss_limit_mb=1024 -timeout=10 "$@"
        ;;
    minimize)
        [ $# -ge 3 ] || usage
        check_mode "$2"; build
        export SVOD_FUZZ_MODE="$2"
        mkdir -p "$out/artifacts-$2"
        exec "$bin" -minimize_crash=1 -max_total_time="${4:-120}" -rss_limit_mb=1024 -timeout=10 \
            -exact_artifact_path="$out/artifacts-$2/minimized-$(basename "$3")" "$3"
        ;;
esac

mode="$1"; seconds="${2:-600}"
check_mode "$mode"
shift; [ $# -ge 1 ] && shift
build
mkdir -p "$out/corpus-$mode" "$out/artifacts-$mode"
rm -rf "$out/seeds-$mode"
python3 "$here/make_seeds.py" "$mode" "$out/seeds-$mode"
export SVOD_FUZZ_MODE="$mode"
echo "fuzzing $mode for ${seconds}s; log in $out/log-$mode.txt" >&2
set +e
"$bin" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -dict="$dict" \
    -artifact_prefix="$out/artifacts-$mode/" -print_final_stats=1 -print_pcs=0 \
    "$@" "$out/corpus-$mode" "$out/seeds-$mode" 2>&1 | tee "$out/log-$mode.txt"
status=${PIPESTATUS[0]}
set -e
echo "---" >&2
grep -E '^#[0-9]+[[:space:]]+INITED' "$out/log-$mode.txt" | tail -1 >&2 || true
grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$out/log-$mode.txt" | tail -1 >&2 || true
grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb' "$out/log-$mode.txt" >&2 || true
ls "$out/artifacts-$mode" 2>/dev/null | sed 's/^/finding: /' >&2 || true
exit "$status"
