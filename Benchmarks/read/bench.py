"""Time svod and the peer readers on one XLSX and one ODS file. Called by run.sh.

Usage: bench.py --svod BIN --xlsx FILE --ods FILE [--runs N]

Every run is a fresh process under /usr/bin/time, interleaved (run 1 of every
reader/file, then run 2, ...); reported: median wall time, median CPU time
(user+sys), max peak RSS over the runs. How: ../common/measure.py.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import measure  # noqa: E402


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
        part, comp, infl = measure.sheet_part(f)
        print(f"{k:4} {f}: {os.path.getsize(f):,} bytes; {part}: {comp:,} compressed -> "
              f"{infl:,} inflated (ratio {infl / comp:.1f}:1)")
    print("(openpyxl cannot read ODS: it is measured on the XLSX only)")
    measure.wait_for_quiet_machine()
    for f in files.values():  # warm the page cache so run 1 is not a cold read
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass

    res, failures = measure.run_interleaved(plan, a.runs, lambda key: cmds[key[0]](files[key[1]]), 9)
    for (r, k), xs in res.items():
        for x in xs:
            x["counts"] = counts(r, x["out"])

    print("\n== import-only baseline (python + the library, no file read; 1 run) ==")
    for r in ("calamine", "fastexcel", "openpyxl"):
        x = measure.run_once(cmds[r]("--import-only"))
        print(f"{r:9} {x['wall']:5.2f} s  {x['rss']:6.1f} MiB")

    measure.report_foreign(res)

    summ = {}
    for key, xs in res.items():
        if xs:
            summ[key] = dict(measure.summarize(xs), counts=sorted({x["counts"] for x in xs}, key=str))

    print(f"\n== results (N={a.runs} fresh processes each; median wall, median CPU user+sys, max peak RSS) ==")
    print(f"{'reader':10} {'file':5} {measure.COLUMNS} {'rows':>8} {'cells':>9}"
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
        print(f"{r:10} {k:5} {measure.columns(s)} {rows:>8} {cells:>9}"
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
            measure.unknown(desc, "a reader failed")
            return
        ratio = sv[field] / fe[field]
        measure.target(desc, measure.within(ratio, limit, strict),
                       f"svod/fastexcel = {ratio:.3f} ({sv[field]:.2f} vs {fe[field]:.2f}; "
                       f"{measure.needs(limit, strict)})")

    target("XLSX wall time at most 1/2 of fastexcel", "XLSX", "wall", 0.5)
    target("XLSX peak RSS at most 1/4 of fastexcel", "XLSX", "rss", 0.25)
    target("ODS wall time below fastexcel", "ODS", "wall", 1.0, strict=True)

    if measure.report_failures(failures, " on "):
        sys.exit(1)


if __name__ == "__main__":
    main()
