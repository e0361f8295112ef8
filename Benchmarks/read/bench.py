"""Time svod and the peer readers on one XLSX and one ODS file. Called by run.sh.

Usage: bench.py --svod BIN --xlsx FILE --ods FILE [--runs N]

Every run is a fresh process under /usr/bin/time, so wall time and peak RSS
(%M, the process's max resident set) are per process. Runs are interleaved
(run 1 of every reader/file, then run 2, ...) so drift in machine load hits
all readers alike. Reported: median wall time, median CPU time (user+sys),
max peak RSS over the runs.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TIME = "/usr/bin/time"
MIB = 1024.0


def reader_cmds(svod, py):
    return {
        "svod": lambda f: [svod, "inspect", "--format", "summary", f],
        "calamine": lambda f: [py, os.path.join(HERE, "read_calamine.py"), f],
        "fastexcel": lambda f: [py, os.path.join(HERE, "read_fastexcel.py"), f],
        "openpyxl": lambda f: [py, os.path.join(HERE, "read_openpyxl.py"), f],
    }


def counts(reader, stdout):
    """(rows, non-empty cells) from a reader's output, or None."""
    if reader == "svod":
        # first sheet line: «Name»: строк R, непустых ячеек C, …  (or --lang en: R rows, C non-empty cells)
        m = re.search(r"строк (\d+), непустых ячеек (\d+)", stdout) or re.search(
            r"(\d+) rows, (\d+) non-empty cells", stdout)
    else:
        m = re.search(r"rows=(\d+) cells=(\d+)", stdout)
    return (int(m.group(1)), int(m.group(2))) if m else None


def run_once(cmd):
    ncpu = os.cpu_count() or 1
    t0, i0 = cpu_snap()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run([TIME, "-o", tf.name, "-f", "%e %M %U %S"] + cmd,
                           capture_output=True, text=True)
        last = [l for l in open(tf.name).read().splitlines() if l.strip()][-1]
    t1, i1 = cpu_snap()
    e, m, u, s = last.split()
    wall, cpu = float(e), float(u) + float(s)
    busy_core_s = (1 - (i1 - i0) / max(1, t1 - t0)) * ncpu * wall
    # cores' worth of CPU that other processes used while this run went on
    foreign = max(0.0, busy_core_s - cpu) / wall if wall > 0 else 0.0
    return {"rc": p.returncode, "wall": wall, "rss_kib": int(m), "cpu": cpu,
            "foreign": foreign, "out": p.stdout, "err": p.stderr}


def cpu_snap():
    """(total, idle) jiffies over all cores, from /proc/stat."""
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(v), v[3] + v[4]  # idle + iowait


def cpu_busy(seconds=1.0):
    """Fraction of all cores busy over `seconds`."""
    t0, i0 = cpu_snap()
    time.sleep(seconds)
    t1, i1 = cpu_snap()
    return 1 - (i1 - i0) / max(1, t1 - t0)


def sheet_part(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        name = "content.xml" if "content.xml" in names else next(
            n for n in names if n.startswith("xl/worksheets/sheet"))
        i = z.getinfo(name)
        return name, i.compress_size, i.file_size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--svod", required=True)
    ap.add_argument("--xlsx", required=True)
    ap.add_argument("--ods", required=True)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    cmds = reader_cmds(os.path.abspath(a.svod), sys.executable)
    files = {"XLSX": a.xlsx, "ODS": a.ods}
    plan = [(r, k) for k in files for r in cmds if not (r == "openpyxl" and k == "ODS")]

    print("== files ==")
    for k, f in files.items():
        part, comp, infl = sheet_part(f)
        print(f"{k:4} {f}: {os.path.getsize(f):,} bytes; {part}: {comp:,} compressed -> "
              f"{infl:,} inflated (ratio {infl / comp:.1f}:1)")
    print("(openpyxl cannot read ODS: it is measured on the XLSX only)")
    busy = cpu_busy()
    waited = 0
    while busy > 0.2 and waited < 90:  # give another job a little time to finish
        if waited == 0:
            print(f"CPU {busy:.0%} busy before the runs; waiting up to 90 s for a quieter machine", flush=True)
        busy = cpu_busy(3.0)
        waited += 3
    print(f"CPU busy just before the runs: {busy:.0%} of {os.cpu_count()} cores"
          + ("  <-- something else is running; numbers are noisy" if busy > 0.2 else ""))
    for f in files.values():  # warm the page cache so run 1 is not a cold read
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass

    res = {key: [] for key in plan}
    failures = {}
    for i in range(a.runs):
        for r, k in plan:
            if (r, k) in failures:
                continue
            cmd = cmds[r](files[k])
            x = run_once(cmd)
            if x["rc"] != 0:
                failures[(r, k)] = (x["rc"], (x["err"].strip() or x["out"].strip())[-2000:], cmd)
                print(f"  run {i + 1}: {r:9} {k:4} FAILED rc={x['rc']}", flush=True)
                continue
            x["counts"] = counts(r, x["out"])
            res[(r, k)].append(x)
            print(f"  run {i + 1}: {r:9} {k:4} {x['wall']:6.2f} s  {x['rss_kib'] / MIB:7.1f} MiB"
                  f"   (other processes used {x['foreign']:.2f} cores meanwhile)", flush=True)

    print("\n== import-only baseline (python + the library, no file read; 1 run) ==")
    for r in ("calamine", "fastexcel", "openpyxl"):
        x = run_once(cmds[r]("--import-only"))
        print(f"{r:9} {x['wall']:5.2f} s  {x['rss_kib'] / MIB:6.1f} MiB")

    allx = [x for xs in res.values() for x in xs if x["wall"] >= 0.5]  # short runs: jiffy noise
    if allx:
        worst = max(x["foreign"] for x in allx)
        mean = statistics.mean(x["foreign"] for x in allx)
        print(f"\nother processes during the timed runs: mean {mean:.2f}, max {worst:.2f} of {os.cpu_count()} cores"
              + ("  <-- contended machine: wall times are noisy" if worst > 0.3 else ""))

    summ = {}
    for key, xs in res.items():
        if xs:
            summ[key] = {
                "wall": statistics.median(x["wall"] for x in xs),
                "cpu": statistics.median(x["cpu"] for x in xs),
                "rss": max(x["rss_kib"] for x in xs) / MIB,
                "counts": sorted({x["counts"] for x in xs}, key=str),
                "n": len(xs),
            }

    print(f"\n== results (N={a.runs} fresh processes each; median wall, median CPU user+sys, max peak RSS) ==")
    print(f"{'reader':10} {'file':5} {'wall s':>7} {'CPU s':>7} {'RSS MiB':>8} {'rows':>8} {'cells':>9}"
          f"  {'svod/peer time':>14} {'svod/peer RSS':>13}")
    for r, k in plan:
        s = summ.get((r, k))
        if not s:
            print(f"{r:10} {k:5} FAILED")
            continue
        c = s["counts"]
        rows, cells = (c[0] if len(c) == 1 and c[0] else ("?", "?"))
        sv = summ.get(("svod", k))
        rt = f"{sv['wall'] / s['wall']:.2f}" if sv and r != "svod" else ""
        rm = f"{sv['rss'] / s['rss']:.3f}" if sv and r != "svod" else ""
        print(f"{r:10} {k:5} {s['wall']:7.2f} {s['cpu']:7.2f} {s['rss']:8.1f} {rows:>8} {cells:>9}"
              f"  {rt:>14} {rm:>13}")

    print("\n== do the readers agree on what they read? ==")
    for k in files:
        seen = {r: summ[(r, kk)]["counts"] for (r, kk) in plan if kk == k and (r, kk) in summ}
        single = {r: v[0] for r, v in seen.items() if len(v) == 1 and v[0]}
        if len(single) == len(seen) and len(set(single.values())) == 1:
            rows, cells = next(iter(single.values()))
            print(f"{k:4} all {len(seen)} readers agree: {rows} rows, {cells} non-empty cells")
        else:
            print(f"{k:4} MISMATCH (rows, cells) per reader: {seen}")

    print("\n== targets ==")

    def target(desc, k, field, limit, strict=False):
        sv, fe = summ.get(("svod", k)), summ.get(("fastexcel", k))
        if not sv or not fe:
            print(f"[UNKNOWN] {desc}: a reader failed")
            return
        ratio = sv[field] / fe[field]
        met = ratio < limit if strict else ratio <= limit
        print(f"[{'MET' if met else 'NOT MET'}] {desc}: svod/fastexcel = {ratio:.3f} "
              f"({sv[field]:.2f} vs {fe[field]:.2f}; needs {'<' if strict else '<='} {limit})")

    target("XLSX wall time at most 1/2 of fastexcel", "XLSX", "wall", 0.5)
    target("XLSX peak RSS at most 1/4 of fastexcel", "XLSX", "rss", 0.25)
    target("ODS wall time below fastexcel", "ODS", "wall", 1.0, strict=True)

    if failures:
        print("\n== failures ==")
        for (r, k), (rc, err, cmd) in failures.items():
            print(f"{r} on {k}: exit {rc}: {err}\n  reproduce: {' '.join(cmd)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
