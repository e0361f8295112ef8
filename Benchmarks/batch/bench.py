"""Runs the batch benchmark (see run.sh): for each number of files, RUNS times interleaved,
`svod validate` of the folder, then the same files copied into a fresh inbox and taken through one
`svod batch` run (a new store, outbox and archive); each a fresh process under /usr/bin/time.
Prints median files per second, wall and CPU time, peak memory, and the targets: batch at least
0.75 × validate's files per second, and batch's peak memory flat in the number of files.

The runs' folders are removed only after the last measurement, and a benchmark started less than
a minute after the last one's clean-up waits: ext4 skips the inodes freed in the last minute when
it makes new files, so a batch run right after thousands of deletions pays for them (measured here:
batch 3,0 s instead of 2,3 s for 1 000 files)."""
import argparse, os, shutil, statistics, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
from measure import run_once, target, wait_for_quiet_machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE = os.path.join(HERE, "..", "consolidate", "make_schools.py")
RUNS = int(os.environ.get("RUNS", "5"))
FREED_WINDOW = 65  # s: ext4's «recently deleted» window (60 s once the inode tables are written back)


def step(n, svod, out):
    data = os.path.join(out, f"files-{n}")
    if not os.path.isdir(os.path.join(data, "files")):
        subprocess.run([sys.executable, MAKE, data, str(n), "--forms", "vpr"], check=True)
    else:
        subprocess.run([sys.executable, MAKE, data, str(n), "--schemas-only"], check=True)
    files, schemas = os.path.join(data, "files", "vpr"), os.path.join(data, "schemas")
    count = len(os.listdir(files))
    runs = []
    for k in range(RUNS):
        validate = run_once([svod, "validate", files, "--schemas", schemas])
        run = os.path.join(out, "runs", f"{n}-{k}")
        inbox = os.path.join(run, "inbox")
        shutil.copytree(files, inbox)
        old = 1_000_000_000
        for f in os.listdir(inbox):
            os.utime(os.path.join(inbox, f), (old, old))
        batch = run_once([svod, "batch", "--inbox", inbox, "--outbox", os.path.join(run, "outbox"), "--archive", os.path.join(run, "archive"),
                          "--store", os.path.join(run, "svod.sqlite"), "--schemas", schemas, "--settle", "0",
                          "--log", os.path.join(run, "batch.jsonl")])
        batch["left"] = len(os.listdir(inbox))
        runs.append((validate, batch))
    for v, b in runs:
        for name, r in [("validate", v), ("batch", b)]:
            if r["rc"] not in (0, 1):
                print(f"svod {name} failed (exit {r['rc']}): {r['err'][-500:]}")
                sys.exit(1)
    left = max(b["left"] for _, b in runs)
    print(f"\n== {count} files (ВПР of {n} schools), {RUNS} runs each, medians; left in the inbox after a batch: {left}")
    summary = {}
    for i, name in enumerate(["validate", "batch"]):
        rs = [r[i] for r in runs]
        wall, cpu, rss = statistics.median(r["wall"] for r in rs), statistics.median(r["cpu"] for r in rs), max(r["rss"] for r in rs)
        summary[name] = {"wall": wall, "rss": rss}
        walls = " ".join(f"{r['wall']:.2f}" for r in rs)
        print(f"{name:9} wall {wall:8.2f} s ({walls})  cpu {cpu:8.2f} s  peak {rss:7.1f} MiB  {count / wall:7.1f} files/s")
    ratio = summary["validate"]["wall"] / summary["batch"]["wall"]
    target("batch ≥ 0.75 × validate's files per second", ratio >= 0.75, f"batch/validate {ratio:.2f}")
    return summary["batch"]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--svod", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--files", nargs="+", type=int, default=[250, 1000])
    args = a.parse_args()
    stamp = os.path.join(args.out, "runs-removed")
    if os.path.exists(stamp):
        left = FREED_WINDOW - (time.time() - os.path.getmtime(stamp))
        if left > 0:
            print(f"the last benchmark's folders were removed {FREED_WINDOW - left:.0f} s ago: waiting {left:.0f} s (ext4 skips freshly freed inodes)", flush=True)
            time.sleep(left)
    shutil.rmtree(os.path.join(args.out, "runs"), ignore_errors=True)  # left by an interrupted benchmark
    wait_for_quiet_machine()
    peaks = [(n, step(n, os.path.abspath(args.svod), args.out)["rss"]) for n in args.files]
    if len(peaks) > 1:
        (n0, m0), (n1, m1) = peaks[0], peaks[-1]
        target("batch memory flat in files", m1 <= m0 * 1.25 + 5, f"{m0:.1f} MiB at {n0} files, {m1:.1f} MiB at {n1}")
    shutil.rmtree(os.path.join(args.out, "runs"), ignore_errors=True)
    os.sync()
    open(stamp, "w").close()


main()
