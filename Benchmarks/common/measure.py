"""What the read and write benchmarks measure alike: fresh processes under /usr/bin/time, the
CPU other processes take meanwhile, medians, the table's measurement columns and the
[MET]/[NOT MET] target lines. Imported by read/bench.py and write/bench.py.

Every run is a fresh process under /usr/bin/time, so wall time and peak RSS (%M, the process's
max resident set) are per process. Runs are interleaved (run 1 of every program, then run 2, ...)
so drift in machine load hits all of them alike. Summed up as median wall time, median CPU time
(user+sys) and max peak RSS over the runs.
"""
import os
import statistics
import subprocess
import tempfile
import time
import zipfile

TIME = "/usr/bin/time"
CORES = os.cpu_count() or 1


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


def run_once(cmd):
    """Runs cmd as a fresh process under /usr/bin/time: rc, wall and CPU seconds, peak RSS in MiB,
    the cores' worth of CPU other processes used meanwhile ("foreign"), stdout and stderr."""
    t0, i0 = cpu_snap()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run([TIME, "-o", tf.name, "-f", "%e %M %U %S"] + cmd,
                           capture_output=True, text=True)
        last = [l for l in open(tf.name).read().splitlines() if l.strip()][-1]
    t1, i1 = cpu_snap()
    e, m, u, s = last.split()
    wall, cpu = float(e), float(u) + float(s)
    busy_core_s = (1 - (i1 - i0) / max(1, t1 - t0)) * CORES * wall
    # cores' worth of CPU that other processes used while this run went on
    foreign = max(0.0, busy_core_s - cpu) / wall if wall > 0 else 0.0
    return {"rc": p.returncode, "wall": wall, "rss": int(m) / 1024, "cpu": cpu,
            "foreign": foreign, "out": p.stdout, "err": p.stderr}


def wait_for_quiet_machine():
    """Gives another job up to 90 s to finish, then says how busy the CPU is."""
    busy = cpu_busy()
    waited = 0
    while busy > 0.2 and waited < 90:
        if waited == 0:
            print(f"CPU {busy:.0%} busy before the runs; waiting up to 90 s for a quieter machine", flush=True)
        busy = cpu_busy(3.0)
        waited += 3
    print(f"CPU busy just before the runs: {busy:.0%} of {os.cpu_count()} cores"
          + ("  <-- something else is running; numbers are noisy" if busy > 0.2 else ""))


def run_interleaved(plan, runs, command, width, show_cpu=False, before=None, produced=None,
                    no_output="no output file"):
    """Runs command(key) for every (name, format) key of plan, `runs` times, interleaved, printing
    a line per run. before(key) is called ahead of each run; produced(key), when given, must be
    true after it. Returns ({key: [run_once results]}, {key: (rc, message, cmd)} for the failed)."""
    res = {key: [] for key in plan}
    failures = {}
    for i in range(runs):
        for key in plan:
            if key in failures:
                continue
            name, k = key
            if before:
                before(key)
            cmd = command(key)
            x = run_once(cmd)
            if x["rc"] != 0 or (produced and not produced(key)):
                msg = x["err"].strip() or x["out"].strip() or (no_output if produced else "")
                failures[key] = (x["rc"], msg[-2000:], cmd)
                print(f"  run {i + 1}: {name:{width}} {k:4} FAILED rc={x['rc']}", flush=True)
                continue
            res[key].append(x)
            cpu = f"  {x['cpu']:6.2f} CPU s" if show_cpu else ""
            print(f"  run {i + 1}: {name:{width}} {k:4} {x['wall']:6.2f} s{cpu}  {x['rss']:7.1f} MiB"
                  f"   (other processes used {x['foreign']:.2f} cores meanwhile)", flush=True)
    return res, failures


def report_foreign(res):
    """How much CPU other processes took during the timed runs (runs under 0.5 s left out: jiffy noise)."""
    allx = [x for xs in res.values() for x in xs if x["wall"] >= 0.5]
    if allx:
        worst = max(x["foreign"] for x in allx)
        mean = statistics.mean(x["foreign"] for x in allx)
        print(f"\nother processes during the timed runs: mean {mean:.2f}, max {worst:.2f} of {os.cpu_count()} cores"
              + ("  <-- contended machine: wall times are noisy" if worst > 0.3 else ""))


def summarize(xs):
    """Median wall and CPU seconds, max peak RSS (MiB) and the number of runs."""
    return {
        "wall": statistics.median(x["wall"] for x in xs),
        "cpu": statistics.median(x["cpu"] for x in xs),
        "rss": max(x["rss"] for x in xs),
        "n": len(xs),
    }


# the table's measurement columns: header and one summarize() row
COLUMNS = f"{'wall s':>7} {'CPU s':>7} {'RSS MiB':>8}"


def columns(s):
    return f"{s['wall']:7.2f} {s['cpu']:7.2f} {s['rss']:8.1f}"


def within(value, limit, strict=False):
    return value < limit if strict else value <= limit


def needs(limit, strict=False):
    return f"needs {'<' if strict else '<='} {limit}"


def target(desc, met, detail):
    """One line of the targets section."""
    print(f"[{'MET' if met else 'NOT MET'}] {desc}: {detail}")


def unknown(desc, why):
    print(f"[UNKNOWN] {desc}: {why}")


def sheet_part(path):
    """(name, compressed bytes, inflated bytes) of the first sheet's XML part in an XLSX or ODS."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        name = "content.xml" if "content.xml" in names else next(
            n for n in names if n.startswith("xl/worksheets/sheet"))
        i = z.getinfo(name)
        return name, i.compress_size, i.file_size


def report_failures(failures, sep=" "):
    """Prints what failed and how to run it again; returns whether anything did."""
    if failures:
        print("\n== failures ==")
        for (name, k), (rc, err, cmd) in failures.items():
            print(f"{name}{sep}{k}: exit {rc}: {err}\n  reproduce: {' '.join(cmd)}")
    return bool(failures)

