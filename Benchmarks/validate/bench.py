"""Time svod validate against frictionless-py on one big XLSX table, svod's bare read of the same
file, and svod validating 1,000 small submissions in one call; check that svod and frictionless
find the same errors. Called by run.sh.

Usage: bench.py --svod BIN --table FILE.xlsx --schemas DIR --tableschema FILE.json
                --submissions DIR --vpr-schemas DIR [--runs N] [--profile]

Every run is a fresh process under /usr/bin/time, interleaved (run 1 of every program, then
run 2, ...); reported: median wall time, median CPU time (user+sys), max peak RSS over the runs.
How: ../common/measure.py. svod validate exits 1 when it finds errors, which it must here.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import measure  # noqa: E402

# What svod's field checks are called in frictionless's terms (field.range splits by its bound).
SVOD_RULES = {"field.type": "type", "field.required": "required", "field.pattern": "pattern",
              "field.allowed": "enum", "field.list": "enum"}


def column(cell):
    m = re.match(r"[A-Z]+", cell or "")
    return m.group(0) if m else ""


def svod_errors(report):
    """(constraint, column) -> set of cells, for the error findings of one svod JSON report."""
    out = collections.defaultdict(set)
    for f in report["findings"]:
        if f["severity"] != "error":
            continue
        rule = f["rule"]
        if rule == "field.range":
            kind = "minimum" if (f["expected"] or "").startswith("≥") else "maximum"
        else:
            kind = SVOD_RULES.get(rule, rule)
        out[(kind, column(f["cell"]))].add(f["cell"] or "")
    return out


def frictionless_errors(result):
    out = collections.defaultdict(set)
    for kind, constraint, cell in result["errors"]:
        k = "type" if kind == "type-error" else constraint if kind == "constraint-error" else kind
        out[(k, column(cell))].add(cell)
    return out


def run_all(plan, runs, width):
    """Like measure.run_interleaved, but each program has the exit codes it may end with
    (svod validate: 1 = errors found). Returns ({key: [run_once results]}, {key: failure})."""
    res = {key: [] for key in plan}
    failures = {}
    for i in range(runs):
        for key, (cmd, ok) in plan.items():
            if key in failures:
                continue
            x = measure.run_once(cmd)
            name = f"{key[0]} on {key[1]}"
            if x["rc"] not in ok:
                msg = x["err"].strip() or x["out"].strip()
                failures[key] = (x["rc"], msg[-2000:], cmd)
                print(f"  run {i + 1}: {name:{width}} FAILED rc={x['rc']}", flush=True)
                continue
            res[key].append(x)
            print(f"  run {i + 1}: {name:{width}} {x['wall']:6.2f} s  {x['cpu']:6.2f} CPU s  {x['rss']:7.1f} MiB"
                  f"   (other processes used {x['foreign']:.2f} cores meanwhile)", flush=True)
    return res, failures


def same_every_run(xs, parse):
    """The parsed output of the runs, and whether every run printed the same."""
    parsed = [parse(x["out"]) for x in xs]
    return parsed[-1], all(p == parsed[0] for p in parsed)


def profile(cmd, top=20):
    """One run under `perf record -g`: the heaviest functions with what they call, then a few that
    tell where the time goes (absent ones took no samples)."""
    perf, demangle = shutil.which("perf"), shutil.which("swift-demangle")
    if not perf:
        print("(perf is not installed: no profile)")
        return
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "perf.data")
        p = subprocess.run([perf, "record", "-q", "-g", "-o", data] + cmd, capture_output=True, text=True)
        if p.returncode not in (0, 1) or not os.path.exists(data):
            print(f"(perf record failed: {p.stderr.strip()[-300:]})")
            return
        rep = subprocess.run([perf, "report", "-i", data, "--children", "--sort", "symbol", "-g", "none",
                              "--stdio"], capture_output=True, text=True).stdout
        dsos = subprocess.run([perf, "report", "-i", data, "--no-children", "--sort", "dso", "-g", "none",
                               "--stdio"], capture_output=True, text=True).stdout
    lines = [l for l in rep.splitlines() if l.strip() and not l.startswith("#") and "%" in l]
    if demangle:
        lines = subprocess.run([demangle, "--simplified"], input="\n".join(lines), capture_output=True,
                               text=True).stdout.splitlines()
    rows = []
    for l in lines:
        m = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[\.\]\s+(.*)", l)
        if m:
            rows.append((float(m.group(1)), float(m.group(2)), re.sub(r"^(specialized )?(static )?|\s+-\s+-\s*$", "", m.group(3).strip())))
    skip = ("main", "__libc_start", "ParsableCommand.run", "ValidateCommand.run", "_start", "closure", "thunk")
    print(f"{'total':>6} {'self':>6}  function (total: with what it calls; % of all samples)")
    for total, own, name in [r for r in rows if not any(k in r[2] for k in skip)][:top]:
        print(f"{total:5.1f}% {own:5.1f}%  {name[:110]}")
    marks = {"NSRegularExpression.firstMatch": "the pattern checks", "SHA256.file": "the file's SHA-256",
             "JSONReport.render": "the JSON report", "RuleRunner.run": "the rules"}
    seen = []
    for key, what in marks.items():
        hit = max((r for r in rows if key in r[2]), default=None, key=lambda r: r[0])
        if hit:
            seen.append(f"{what} {hit[0]:.1f}% ({hit[2][:60]})")
    if seen:
        print("also: " + "; ".join(seen))
    # libxml2 and zlib are built without frame pointers: their samples show up by library, not under
    # svod's reading functions
    by_dso = re.findall(r"^\s*([\d.]+)%\s+(\S+)", dsos, re.M)
    if by_dso:
        print("self time by library: " + ", ".join(f"{d} {p}%" for p, d in by_dso[:6]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--svod", required=True)
    ap.add_argument("--table", required=True)
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--tableschema", required=True)
    ap.add_argument("--submissions", required=True)
    ap.add_argument("--vpr-schemas", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()

    svod, py = os.path.abspath(a.svod), sys.executable
    fl = os.path.join(HERE, "validate_frictionless.py")
    expected = json.load(open(a.table[:-len(".xlsx")] + ".expected.json"))
    sub_expected = json.load(open(os.path.join(a.submissions, "expected.json")))
    subs = [os.path.join(a.submissions, f) for f in sub_expected["files"]]
    rows = expected["rows"]

    def validate(form, schemas, files):
        return [svod, "validate", "--form", form, "--schemas", schemas, "--format", "json"] + files

    T, S = "table", f"{len(subs)} files"
    plan = {
        ("svod validate", T): (validate("bench", a.schemas, [a.table]), {1}),
        ("svod validate + rules", T): (validate("bench-rules", a.schemas, [a.table]), {1}),
        ("svod inspect", T): ([svod, "inspect", "--format", "summary", a.table], {0}),
        ("frictionless", T): ([py, fl, a.table, a.tableschema], {0}),
        ("svod validate", S): (validate("vpr", a.vpr_schemas, subs), {1}),
    }

    print("== input ==")
    part, comp, infl = measure.sheet_part(a.table)
    print(f"table: {a.table}: {os.path.getsize(a.table):,} bytes; {part}: {comp:,} compressed -> {infl:,} inflated; "
          f"header + {rows:,} rows x {len(expected['columns'])} columns; {len(expected['violations'])} planted violations "
          f"({len(expected['violations']) / rows:.2%} of rows)")
    n_ods = sum(f.endswith(".ods") for f in subs)
    argv = sum(len(x.encode()) + 1 for x in plan[("svod validate", S)][0])
    arg_max = os.sysconf("SC_ARG_MAX")
    print(f"submissions: {a.submissions}: {len(subs)} files ({len(subs) - n_ods} XLSX, {n_ods} ODS), "
          f"{sum(os.path.getsize(f) for f in subs):,} bytes; all in one svod call: argv {argv:,} bytes "
          f"(ARG_MAX {arg_max:,})")
    if argv > arg_max // 2:
        sys.exit(f"{len(subs)} paths do not fit one command line; use fewer FILES")

    measure.wait_for_quiet_machine()
    for f in [a.table] + subs:  # warm the page cache so run 1 is not a cold read
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass
    # and the programs: svod's binary, Python and frictionless's modules
    subprocess.run(validate("vpr", a.vpr_schemas, subs[:1]), capture_output=True)
    subprocess.run([py, fl, "--import-only"], capture_output=True)

    width = max(len(f"{k[0]} on {k[1]}") for k in plan)
    res, failures = run_all(plan, a.runs, width)

    print("\n== fixed cost (1 run) ==")
    for what, cmd in (("frictionless: Python + import, no file", [py, fl, "--import-only"]),
                      ("svod validate: one submission (start, schemas, file)", validate("vpr", a.vpr_schemas, subs[:1]))):
        x = measure.run_once(cmd)
        print(f"{what:53} {x['wall']:5.2f} s  {x['rss']:6.1f} MiB")

    measure.report_foreign(res)

    summ = {key: measure.summarize(xs) for key, xs in res.items() if xs}
    sv, rd = summ.get(("svod validate", T)), summ.get(("svod inspect", T))
    svr, fr = summ.get(("svod validate + rules", T)), summ.get(("frictionless", T))
    print(f"\n== results: header + {rows:,} rows x {len(expected['columns'])} columns (N={a.runs} fresh processes each; "
          "median wall, median CPU user+sys, max peak RSS) ==")
    print(f"{'program':22} {measure.COLUMNS} {'rows/s':>9}  {'frictionless/this':>17}")
    for key in list(plan)[:4]:
        s = summ.get(key)
        if not s:
            print(f"{key[0]:22} FAILED")
            continue
        ratio = f"{fr['wall'] / s['wall']:.2f}" if fr and key[0] != "frictionless" else ""
        print(f"{key[0]:22} {measure.columns(s)} {rows / s['wall']:9,.0f}  {ratio:>17}")
    print("(svod inspect --format summary reads every cell and counts them: svod's cost of merely reading the file)")
    if sv and rd:
        print(f"(svod validate − svod read) / svod read: wall {(sv['wall'] - rd['wall']) / rd['wall']:.2f}, "
              f"CPU {(sv['cpu'] - rd['cpu']) / rd['cpu']:.2f}")
    if sv and fr:
        print(f"frictionless / svod validate: wall {fr['wall'] / sv['wall']:.2f}, CPU {fr['cpu'] / sv['cpu']:.2f}")
    if sv and svr:
        print(f"the 3 arithmetic rules (bench-rules) add {svr['wall'] - sv['wall']:.2f} s wall, "
              f"{svr['cpu'] - sv['cpu']:.2f} s CPU to the field checks (no target)")

    ss = summ.get(("svod validate", S))
    print(f"\n== {len(subs)} submissions in one svod validate call (N={a.runs}) ==")
    if ss:
        print(f"{'svod validate':22} {measure.COLUMNS} {'files/s':>9} {'ms/file':>8}")
        print(f"{'':22} {measure.columns(ss)} {len(subs) / ss['wall']:9.0f} {1000 * ss['wall'] / len(subs):8.2f}")
    else:
        print("FAILED")

    print("\n== do svod and frictionless find the same errors? ==")
    agree = True
    planted = collections.defaultdict(set)
    for v in expected["violations"]:
        planted[(v["constraint"], column(v["cell"]))].add(v["cell"])
    found = {}
    for key, parse in ((("svod validate", T), lambda o: svod_errors(json.loads(o))),
                       (("frictionless", T), lambda o: frictionless_errors(json.loads(o)))):
        if res.get(key):
            found[key[0]], same = same_every_run(res[key], parse)
            if not same:
                print(f"{key[0]}: the runs did not all report the same errors")
                agree = False
    labels = {chr(ord("A") + i): h for i, h in enumerate(expected["columns"])}
    keys = sorted(set(planted) | {k for f in found.values() for k in f}, key=lambda k: (k[1], k[0]))
    print(f"{'constraint':10} {'column':22} {'planted':>7} {'svod':>6} {'frictionless':>12}  same cells")
    totals = collections.Counter()
    for k in keys:
        sets = {"planted": planted.get(k, set())} | {n: f.get(k, set()) for n, f in found.items()}
        same = len({frozenset(s) for s in sets.values()}) == 1 and len(sets) == 3
        agree &= same
        counts = {n: len(s) for n, s in sets.items()}
        totals.update(counts)
        print(f"{k[0]:10} {(k[1] + ' ' + labels.get(k[1], '')).strip():22} {counts['planted']:7} "
              f"{counts.get('svod validate', '-'):>6} {counts.get('frictionless', '-'):>12}  {'yes' if same else 'NO'}")
    print(f"{'total':33} {totals['planted']:7} {totals.get('svod validate', '-'):>6} {totals.get('frictionless', '-'):>12}")
    if res.get(("svod validate", T)):
        rep = json.loads(res[("svod validate", T)][-1]["out"])
        print(f"svod counts: {rep['counts']}" + (f"; cut at the per-rule cap: {rep['truncated']}" if rep["truncated"] else ""))
    if res.get(("frictionless", T)):
        r = json.loads(res[("frictionless", T)][-1]["out"])
        print(f"frictionless: valid={r['valid']}, {r['rows']} rows read, {len(r['errors'])} errors"
              + (f" (stopped at its limit of {r['limit_errors']})" if len(r["errors"]) >= r["limit_errors"] else "")
              + (f"; not about a row: {r['other']}" if r["other"] else ""))
    print("svod and frictionless agree with what was planted: " + ("yes" if agree else "NO"))

    if res.get(("svod validate + rules", T)):
        rep = json.loads(res[("svod validate + rules", T)][-1]["out"])
        by_rule = collections.Counter(f["rule"] for f in rep["findings"] if f["severity"] == "error")
        fields = sum(v for r, v in by_rule.items() if r.startswith("field."))
        rules = ", ".join(f"{r} {v}" for r, v in sorted(by_rule.items()) if not r.startswith("field."))
        print(f"svod validate + rules: {rep['counts']['error']} errors: field checks {fields}, rules: {rules or 'none'} "
              "(the clean records are consistent, so rule errors can only come from rows with a planted cell)")

    if res.get(("svod validate", S)):
        reports = json.loads(res[("svod validate", S)][-1]["out"])
        invalid = {os.path.basename(r["file"]) for r in reports if not r["valid"]}
        want = set(sub_expected["with_error"])
        caught = {os.path.basename(r["file"]) for r in reports
                  if any(f["rule"] == "vpr.participants" for f in r["findings"])}
        by = collections.Counter((f["severity"], f["rule"]) for r in reports for f in r["findings"])
        ok = len(reports) == len(subs) and invalid == want and caught == want
        agree &= ok
        print(f"\n{len(subs)} submissions: {len(reports)} reports, {len(invalid)} files with errors "
              f"({len(want)} planted, vpr.participants caught in {len(caught & want)}): "
              f"{'as planted' if ok else 'NOT as planted'}; findings: "
              + ", ".join(f"{s} {r} {n}" for (s, r), n in sorted(by.items())))

    print("\n== targets ==")
    if sv and fr:
        ratio = fr["wall"] / sv["wall"]
        measure.target("svod validate at least 20x faster than frictionless", ratio >= 20,
                       f"frictionless/svod = {ratio:.2f} ({fr['wall']:.2f} vs {sv['wall']:.2f} s; needs >= 20)")
    else:
        measure.unknown("svod validate at least 20x faster than frictionless", "a program failed")
    if sv and rd:
        extra = (sv["wall"] - rd["wall"]) / rd["wall"]
        measure.target("validation costs at most 1/4 of svod's read time", measure.within(extra, 0.25),
                       f"(validate - read)/read = {extra:.2f} ({sv['wall']:.2f} vs {rd['wall']:.2f} s; "
                       f"{measure.needs(0.25)})")
    else:
        measure.unknown("validation costs at most 1/4 of svod's read time", "a program failed")
    if ss:
        print(f"(no target) {len(subs)} submissions in one call: {len(subs) / ss['wall']:.0f} files/s, "
              f"peak RSS {ss['rss']:.1f} MiB")

    if a.profile and sv:
        print("\n== where svod validate's time goes (perf record -g, 1 run of the table) ==")
        profile(plan[("svod validate", T)][0])

    if measure.report_failures(failures, " on ") or not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()
