"""Time svod and the peer writers writing the data.py sheet, then check what they wrote. Called by run.sh.

Usage: bench.py --svod BIN --libxlsxwriter BIN --out DIR [--rows N] [--runs N]

Every run is a fresh process under /usr/bin/time, startup included (after one untimed warm-up),
interleaved (run 1 of every writer, then run 2, ...), each starting with its output deleted.
Reported: median wall time, median CPU time (user+sys), max peak RSS over the runs, and the size
of the last run's file. How: ../common/measure.py.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import measure  # noqa: E402
import verify  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--svod", required=True)
    ap.add_argument("--libxlsxwriter", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    svod, lxw = os.path.abspath(a.svod), os.path.abspath(a.libxlsxwriter)
    py = sys.executable
    pyw = os.path.join(HERE, "write_xlsxwriter.py")
    # (writer, format) -> command taking (output path, rows)
    cmds = {
        ("svod", "XLSX"): lambda f, n: [svod, f, str(n)],
        ("svod", "ODS"): lambda f, n: [svod, f, str(n)],
        # svod deflates at zlib level 3 by default, the peers at zlib's default 6: this row
        # separates svod's own speed from the cheaper compression (no target)
        ("svod zlib 6", "XLSX"): lambda f, n: [svod, f, str(n), "6"],
        ("libxlsxwriter", "XLSX"): lambda f, n: [lxw, f, str(n)],
        ("XlsxWriter", "XLSX"): lambda f, n: [py, pyw, f, str(n)],
    }
    plan = list(cmds)
    outputs = {(w, k): os.path.join(a.out, f"write-{w.replace(' ', '-')}-{a.rows}.{k.lower()}") for w, k in plan}

    measure.wait_for_quiet_machine()

    # A freshly linked 70 MB static binary (or Python's modules) read from disk in run 1 would
    # cost svod 0.1 s; one untimed header-only run per writer puts everything in the page cache.
    with tempfile.TemporaryDirectory() as d:
        for w, k in plan:
            subprocess.run(cmds[(w, k)](os.path.join(d, f"warm.{k.lower()}"), 0), capture_output=True)

    def delete_output(key):
        if os.path.exists(outputs[key]):
            os.unlink(outputs[key])

    res, failures = measure.run_interleaved(
        plan, a.runs, lambda key: cmds[key](outputs[key], a.rows), 13, show_cpu=True,
        before=delete_output, produced=lambda key: os.path.isfile(outputs[key]))

    print("\n== fixed cost: the same programs writing the header only (ROWS=0; 1 run) ==")
    with tempfile.TemporaryDirectory() as d:
        for w, k in plan:
            x = measure.run_once(cmds[(w, k)](os.path.join(d, f"empty.{k.lower()}"), 0))
            print(f"{w:13} {k:4} {x['wall']:5.2f} s  {x['rss']:6.1f} MiB" + ("" if x["rc"] == 0 else f"  (exit {x['rc']})"))

    measure.report_foreign(res)

    summ = {}
    for key, xs in res.items():
        if xs:
            f = outputs[key]
            part, _, inflated = measure.sheet_part(f)
            summ[key] = dict(measure.summarize(xs), size=os.path.getsize(f) / 1e6, part=part,
                             inflated=inflated / 1e6)

    print(f"\n== results: {a.rows:,} rows x 10 columns + header (N={a.runs} fresh processes each; "
          "median wall, median CPU user+sys, max peak RSS; MB = 10^6 bytes) ==")
    print(f"{'writer':14} {'file':5} {measure.COLUMNS} {'file MB':>8} {'sheet XML MB':>13}"
          f" {'cores':>5}  {'svod XLSX/peer: time':>20} {'CPU':>6} {'RSS':>6}")
    sv = summ.get(("svod", "XLSX"))
    for key in plan:
        w, k = key
        s = summ.get(key)
        if not s:
            print(f"{w:14} {k:5} FAILED")
            continue
        peer = sv and not w.startswith("svod")
        rt = f"{sv['wall'] / s['wall']:.3f}" if peer else ""
        rc = f"{sv['cpu'] / s['cpu']:.3f}" if peer else ""
        rm = f"{sv['rss'] / s['rss']:.2f}" if peer else ""
        print(f"{w:14} {k:5} {measure.columns(s)} {s['size']:8.1f} {s['inflated']:13.1f}"
              f" {s['cpu'] / s['wall'] if s['wall'] else 0:5.2f}  {rt:>20} {rc:>6} {rm:>6}")
    print("(sheet XML: the inflated size of xl/worksheets/sheet1.xml or content.xml; "
          "cores: CPU s / wall s, how many cores the writer kept busy)")
    s6 = summ.get(("svod zlib 6", "XLSX"))
    if s6:
        line = "; ".join(f"svod/{p}: time {s6['wall'] / summ[(p, 'XLSX')]['wall']:.3f}, "
                         f"CPU {s6['cpu'] / summ[(p, 'XLSX')]['cpu']:.3f}"
                         for p in ("libxlsxwriter", "XlsxWriter") if (p, "XLSX") in summ)
        print(f"at the peers' zlib level 6 (the svod zlib 6 row): {line}")

    print("\n== targets ==")

    def target(desc, peer, field, factor, strict=False):
        p = summ.get((peer, "XLSX"))
        if not sv or not p:
            measure.unknown(desc, "a writer failed")
            return
        limit = p[field] * factor
        measure.target(desc, measure.within(sv[field], limit, strict),
                       f"svod {sv[field]:.2f} s vs {limit:.2f} s "
                       f"(svod/{peer} = {sv[field] / p[field]:.3f}; {measure.needs(f'{factor:g}', strict)})")

    target("svod XLSX wall time at most libxlsxwriter's", "libxlsxwriter", "wall", 1.0)
    target("svod XLSX wall time at most 1/5 of XlsxWriter's", "XlsxWriter", "wall", 0.2)
    if sv:
        measure.target("svod XLSX peak RSS below 64 MiB", sv["rss"] < 64, f"{sv['rss']:.1f} MiB")
    else:
        measure.unknown("svod XLSX peak RSS below 64 MiB", "svod failed")
    so = summ.get(("svod", "ODS"))
    if so:
        print(f"(no target) svod ODS: {so['wall']:.2f} s wall, {so['cpu']:.2f} s CPU, {so['rss']:.1f} MiB, "
              f"{so['size']:.1f} MB")

    print("\n== do the outputs hold the same cells? (python-calamine reads each file once) ==")
    written = {f"{w} {k}": outputs[(w, k)] for w, k in plan if (w, k) in summ}
    agree = verify.check(written, a.rows) if written else False

    if measure.report_failures(failures) or not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()
