"""Runs the batch benchmark (see run.sh): for each number of files, `svod validate` of the folder,
then the same files copied into a fresh inbox and taken through one `svod batch` run (a new store,
outbox and archive); each a fresh process under /usr/bin/time. Prints files per second, wall and
CPU time, peak memory, and the targets: batch at least 0.75 × validate's files per second, and
batch's peak memory flat in the number of files."""
import argparse, os, shutil, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
from measure import run_once, target, wait_for_quiet_machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE = os.path.join(HERE, "..", "consolidate", "make_schools.py")


def step(n, svod, out):
    data = os.path.join(out, f"files-{n}")
    if not os.path.isdir(os.path.join(data, "files")):
        subprocess.run([sys.executable, MAKE, data, str(n), "--forms", "vpr"], check=True)
    else:
        subprocess.run([sys.executable, MAKE, data, str(n), "--schemas-only"], check=True)
    files, schemas = os.path.join(data, "files", "vpr"), os.path.join(data, "schemas")
    count = len(os.listdir(files))
    validate = run_once([svod, "validate", files, "--schemas", schemas])
    run = os.path.join(data, "run")
    shutil.rmtree(run, ignore_errors=True)
    inbox = os.path.join(run, "inbox")
    shutil.copytree(files, inbox)
    old = 1_000_000_000
    for f in os.listdir(inbox):
        os.utime(os.path.join(inbox, f), (old, old))
    batch = run_once([svod, "batch", "--inbox", inbox, "--outbox", os.path.join(run, "outbox"), "--archive", os.path.join(run, "archive"),
                      "--store", os.path.join(run, "svod.sqlite"), "--schemas", schemas, "--settle", "0",
                      "--log", os.path.join(run, "batch.jsonl")])
    for name, r in [("validate", validate), ("batch", batch)]:
        if r["rc"] not in (0, 1):
            print(f"svod {name} failed (exit {r['rc']}): {r['err'][-500:]}")
            sys.exit(1)
    left = len(os.listdir(inbox))
    print(f"\n== {count} files (ВПР of {n} schools); left in the inbox after the batch: {left}")
    for name, r in [("validate", validate), ("batch", batch)]:
        print(f"{name:9} rc {r['rc']}  wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  peak {r['rss']:7.1f} MiB  {count / r['wall']:7.1f} files/s")
    ratio = (count / batch["wall"]) / (count / validate["wall"])
    target("batch ≥ 0.75 × validate's files per second", ratio >= 0.75, f"batch/validate {ratio:.2f}")
    return batch


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--svod", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--files", nargs="+", type=int, default=[250, 1000])
    args = a.parse_args()
    wait_for_quiet_machine()
    peaks = [(n, step(n, os.path.abspath(args.svod), args.out)["rss"]) for n in args.files]
    if len(peaks) > 1:
        (n0, m0), (n1, m1) = peaks[0], peaks[-1]
        target("batch memory flat in files", m1 <= m0 * 1.25 + 5, f"{m0:.1f} MiB at {n0} files, {m1:.1f} MiB at {n1}")


main()
