#!/usr/bin/env python3
"""Checks the generated samples (Samples/2019-2020/manifest.json, written by make_samples.py) with svod:

1. every school file validates clean: `svod validate` exits 0, reports no findings at all and
   recognises the form by itself;
2. with `--previous` (the same school's file of the year before) the only findings are the
   year-over-year warnings the figures call for (ВПР: quality moved by more than 15 points),
   each at its cell;
3. every planted mistake is reported exactly: the findings (rule, severity, sheet, cell) are the
   ones the manifest lists, no more, no fewer;
4. the seed's own city tables (Samples/<year>/seed/) are caught exactly where the seed does not
   add up (SEED_EXPECTED below, also listed in README.md);
5. the school figures, read back from the files with `svod convert`, add up exactly to the seed's
   city totals (seed_tables.py): counts equal, shares of the sums equal to the published ones.

Run: .venv/bin/python Samples/check_samples.py [--schemas Schemas] [--svod PATH]
Exit 0 when everything holds; otherwise each failure is printed and the exit code is 1.
"""
import argparse, json, os, re, subprocess, sys, tempfile
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import seed_tables as ST  # noqa: E402

# What svod must find in the files filled with the seed's own city figures: (file, previous file
# or None) → [(rule, severity, sheet, cell)]. Titles say «г. Тула», which is not a school of the
# registry: one field.list error each, not a fault of the seed's tables.
CITY = ("field.list", "error", "Титул", "C3")
SEED_EXPECTED = {
    ("2019-2020/seed/vpr-2019-2020-seed.xlsx", None): [
        CITY,
        ("field.type", "error", "ВПР", "I10"),          # 5 История quality «61,3++» (line 501)
    ],
    ("2018-2019/seed/vpr-2018-2019-seed.xlsx", None): [CITY],
    ("2017-2018/seed/vpr-2017-2018-seed.xlsx", None): [CITY],
    # year over year, the seed's own columns: quality moved by more than 15 points
    ("2018-2019/seed/vpr-2018-2019-seed.xlsx", "2017-2018/seed/vpr-2017-2018-seed.xlsx"): [
        CITY,
        ("vpr.quality-trend", "warning", "ВПР", "I5"),   # 4 Русский язык 8,0 → 79,6 (line 496)
        ("vpr.quality-trend", "warning", "ВПР", "I12"),  # 6 Математика 62,1 → 45,2 (line 503)
        ("vpr.quality-trend", "warning", "ВПР", "I18"),  # 11 Биология 72,0 → 88,7 (line 509)
        ("vpr.quality-trend", "warning", "ВПР", "I19"),  # 11 География 54,0 → 74,6 (line 510)
    ],
    ("2019-2020/seed/vpr-2019-2020-seed.xlsx", "2018-2019/seed/vpr-2018-2019-seed.xlsx"): [
        CITY,
        ("field.type", "error", "ВПР", "I10"),
    ],
    ("2019-2020/seed/rkr-2019-2020-seed.xlsx", None): [CITY],
}


def share(part, whole, places=1):
    q = Decimal(part) * 100 / Decimal(whole)
    return float(q.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


class Checker:
    def __init__(self, args):
        self.svod, self.schemas, self.root = args.svod, args.schemas, args.samples
        self.failures, self.passed = [], 0
        self.tmp = tempfile.mkdtemp(prefix="check_samples-")

    def fail(self, msg):
        self.failures.append(msg)
        print("FAIL:", msg)

    def validate(self, path, previous=None, form=None):
        cmd = [self.svod, "validate", os.path.join(self.root, path), "--format", "json", "--schemas", self.schemas]
        if previous:
            cmd += ["--previous", os.path.join(self.root, previous)]
        if form:
            cmd += ["--form", form]
        p = subprocess.run(cmd, capture_output=True, text=True)
        try:
            d = json.loads(p.stdout)
        except json.JSONDecodeError:
            return p.returncode, None, []
        found = sorted((f["rule"], f["severity"], f["sheet"], f["cell"]) for f in d.get("findings", []))
        return p.returncode, (d.get("form") or {}).get("id"), found

    def validate_many(self, paths):
        """One svod call for many files: {path: (form id, findings)}; exit code of the batch."""
        out = {}
        for i in range(0, len(paths), 80):
            chunk = paths[i:i + 80]
            p = subprocess.run([self.svod, "validate", *[os.path.join(self.root, x) for x in chunk], "--format", "json",
                                "--schemas", self.schemas], capture_output=True, text=True)
            d = json.loads(p.stdout)
            d = d if isinstance(d, list) else [d]
            for path, r in zip(chunk, d):
                assert os.path.samefile(r["file"], os.path.join(self.root, path)), (r["file"], path)
                out[path] = (p.returncode, (r.get("form") or {}).get("id"),
                             sorted((f["rule"], f["severity"], f["sheet"], f["cell"]) for f in r.get("findings", [])))
        return out

    def expect(self, what, got, want):
        want = sorted(tuple(x) for x in want)
        if got == want:
            self.passed += 1
        else:
            self.fail(f"{what}: expected {want}, svod reported {got}")

    def records(self, path, form):
        """The table records of a clean file, read back with svod convert (header found by labels)."""
        out = os.path.join(self.tmp, "x.json")
        subprocess.run([self.svod, "convert", os.path.join(self.root, path), out], check=True, capture_output=True)
        book = json.load(open(out, encoding="utf-8"))
        lay = self.layout(form)
        sheet = next(s for s in lay["sheets"] if s["layout"] == "table")
        data = next(s for s in book["sheets"] if s["name"] == sheet["name"])
        cells = {}
        for addr, _t, v in data["cells"]:
            m = re.match(r"([A-Z]+)(\d+)$", addr)
            cells[(m.group(1), int(m.group(2)))] = v
        first = sheet["fields"][0]
        head = min(r for (c, r), v in cells.items() if c == first["column"] and v == first["label"])
        rows = defaultdict(dict)
        for (c, r), v in cells.items():
            if r > head:
                rows[r][c] = v
        def norm(v):
            return int(v) if isinstance(v, float) and v.is_integer() else v
        return [{f["code"]: norm(row.get(f["column"])) for f in sheet["fields"]} for _, row in sorted(rows.items())]

    _layouts = {}

    def layout(self, form):
        if form not in self._layouts:
            p = subprocess.run([self.svod, "schemas", "show", form, "--format", "json", "--schemas", self.schemas],
                               capture_output=True, text=True, check=True)
            self._layouts[form] = json.loads(p.stdout)
        return self._layouts[form]


def main():
    ap = argparse.ArgumentParser(description="check the generated samples")
    ap.add_argument("--samples", default=HERE)
    ap.add_argument("--schemas", default=os.path.join(os.path.dirname(HERE), "Schemas"))
    ap.add_argument("--svod", default=os.environ.get("SVOD", "/tmp/svod-helpers/svod"))
    args = ap.parse_args()
    ck = Checker(args)
    manifest = json.load(open(os.path.join(args.samples, "2019-2020", "manifest.json"), encoding="utf-8"))
    files = manifest["files"]
    by_key = {(f["form"], f["year"], f.get("school")): f["path"] for f in files if f["kind"] == "school"}
    stats = defaultdict(int)

    # 1. clean school files; 5. read back their figures
    figures = defaultdict(list)     # (form, year) → [(school, path, records)]
    school_files = [f for f in files if f["kind"] == "school"]
    results = ck.validate_many([f["path"] for f in school_files])
    for f in school_files:
        rc, form, found = results[f["path"]]
        if rc != 0 or found or form != f["form"]:
            ck.fail(f"{f['path']}: exit {rc}, form {form}, findings {found}")
        else:
            ck.passed += 1
            stats["clean"] += 1
        figures[(f["form"], f["year"])].append((f["school"], f["path"], ck.records(f["path"], f["form"])))

    # 2. year over year (ВПР): the warnings the figures call for, at their cells
    vpr_years = sorted({y for (fm, y) in figures if fm == "vpr"})
    for later, earlier in zip(vpr_years[1:], vpr_years):
        before = {s: {(r["class"], r["subject"]): r for r in recs} for s, _p, recs in figures[("vpr", earlier)]}
        lay = ck.layout("vpr")
        sheet = next(s for s in lay["sheets"] if s["id"] == "results")
        qcol = next(f["column"] for f in sheet["fields"] if f["code"] == "quality")
        first = None
        for school, path, recs in figures[("vpr", later)]:
            want = []
            for i, r in enumerate(recs):
                b = before.get(school, {}).get((r["class"], r["subject"]))
                if b and abs(Decimal(str(r["quality"])) - Decimal(str(b["quality"]))) > 15:
                    want.append(("vpr.quality-trend", "warning", sheet["name"], f"{qcol}{i + 4}"))
            rc, _form, found = ck.validate(path, previous=by_key[("vpr", earlier, school)])
            ck.expect(f"{path} --previous", found, want)
            stats["previous"] += 1
            stats["trend warnings"] += len(want)

    # 3. planted mistakes
    for f in files:
        if f["kind"] == "planted":
            rc, _form, found = ck.validate(f["path"], previous=f.get("previous"),
                                           form=f["form"] if f.get("validate_form") else None)
            want = [(e["rule"], e["severity"], e["sheet"], e["cell"]) for e in f["expected"]]
            ck.expect(f"{f['path']} ({f['mistake']})", found, want)
            stats["planted"] += 1

    # 4. the seed's own tables
    for (path, prev), want in SEED_EXPECTED.items():
        if not os.path.exists(os.path.join(args.samples, path)):
            ck.fail(f"{path}: missing")
            continue
        _rc, _form, found = ck.validate(path, previous=prev)
        ck.expect(f"{path}" + (f" --previous {prev}" if prev else ""), found, want)
        stats["seed"] += 1

    # 5. sums against the seed's city tables
    sums = []
    for yi, year in enumerate(ST.VPR_YEARS):
        recs = figures.get(("vpr", year))
        if not recs:
            continue
        tot = defaultdict(lambda: [0, 0, 0, 0, 0])
        for _s, _p, rows in recs:
            for r in rows:
                t = tot[(str(r["class"]), r["subject"])]
                for j, k in enumerate(("n", "n5", "n4", "n3", "n2")):
                    t[j] += int(r[k])
        names = subject_names(args.schemas)
        for line, klass, subj, succ, qual in ST.VPR["rows"]:
            n, n5, n4, n3, n2 = tot[(klass, names[subj])]
            for what, got, text in (("успеваемость", share(n5 + n4 + n3, n), succ[yi]), ("качество", share(n5 + n4, n), qual[yi])):
                pub = ST.number(text)
                places = len(text.rstrip("%+").split(",")[1]) if "," in text else 0
                if n != n5 + n4 + n3 + n2 or round(got, places) != round(pub, places) and \
                        float(Decimal(str(got)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) != pub:
                    ck.fail(f"ВПР {year} {klass} {subj} (seed line {line}): {what} of the schools' sum {got} ≠ published {text}")
                else:
                    ck.passed += 1
            sums.append((year, klass, subj, n))
    rkr = figures.get(("rkr", ST.RKR["year"]))
    if rkr:
        t = defaultdict(int)
        for _s, _p, rows in rkr:
            for r in rows:
                for k in ("n", "below", "enough", "n5", "n4", "n3", "n2"):
                    t[k] += int(r[k])
        v = {k: ST.number(x) for k, x in ST.RKR["values"].items()}
        got = dict(t, level=share(t["enough"], t["n"]), quality=share(t["n5"] + t["n4"], t["n"]))
        for k, want in v.items():
            if got[k] != want:
                ck.fail(f"РКР {k}: schools add up to {got[k]}, table 2.3.1 (line {ST.RKR['line']}) says {want}")
            else:
                ck.passed += 1
        if len(rkr) != int(ST.RKR["schools"][1]):
            ck.fail(f"РКР: {len(rkr)} schools, the seed says {ST.RKR['schools'][1]}")
        print(f"РКР 2019/2020: {len(rkr)} schools add up to n={got['n']}, marks {got['n5']}/{got['n4']}/{got['n3']}/{got['n2']}, "
              f"below {got['below']}, enough {got['enough']}, level {got['level']} %, quality {got['quality']} %")
    for year in sorted({s[0] for s in sums}):
        part = [s for s in sums if s[0] == year]
        print(f"ВПР {year}: {len(part)} class×subject rows, {sum(s[3] for s in part)} participants in all; "
              f"every row's shares of the schools' sums equal table 2.2.1")
    print(", ".join(f"{k}: {v}" for k, v in stats.items()))
    print(f"{ck.passed} checks passed, {len(ck.failures)} failed")
    sys.exit(1 if ck.failures else 0)


def subject_names(schemas):
    names = {}
    for line in open(os.path.join(schemas, "reference", "lists.yaml"), encoding="utf-8"):
        m = re.match(r"\s*-\s*\{code:\s*([\w-]+),\s*name:\s*([^,}]+)", line)
        if m:
            names.setdefault(m.group(1), m.group(2).strip().strip('"'))
    return names


if __name__ == "__main__":
    main()
