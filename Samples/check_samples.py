#!/usr/bin/env python3
"""Checks the generated samples (Samples/manifest-2019-2020.json, written by make_samples.py) with svod:

1. every school file validates clean: `svod validate` exits 0, reports no findings at all and
   recognises the form by itself;
2. with `--previous` (the same school's file of the year before) the only findings are the
   year-over-year warnings the figures call for (ВПР: quality moved by more than 15 points),
   each at its cell;
3. every planted mistake is reported exactly: the findings (rule, severity, sheet, cell) are the
   ones the manifest lists, no more, no fewer;
4. the seed's own city tables (Samples/seed/<year>/) are caught exactly where the seed does not
   add up: each seed entry of the manifest lists its findings (`expected`), alone or against the
   previous year's seed file (`previous`), also listed in README.md;
5. the school figures, read back from the files with `svod convert`, add up exactly to the seed's
   city totals (seed_tables.py): counts equal, shares of the sums equal to the published ones.

Items 3 and 4 are one loop over the manifest's planted and seed entries: each is validated with
`--previous <Samples/previous>` when it has `previous` and `--form <form>` when `validate_form`,
and must give exactly its `expected` findings (rule, severity, sheet, cell). The manifest is the
one source of truth; SamplesTests.swift reads the same entries.

Run: .venv/bin/python Samples/check_samples.py [--schemas Schemas] [--svod PATH] [--sums-only]
`--sums-only` runs item 5 alone (reads the figures back, no validation of findings).
Exit 0 when everything holds; otherwise each failure is printed and the exit code is 1.
"""
import argparse, json, os, re, subprocess, sys, tempfile
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import seed_tables as ST  # noqa: E402
from make_samples import default_svod, list_names  # noqa: E402

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

    def validate_many(self, paths, form=None):
        """One svod call for many files (of one form, given with --form: form detection is checked
        separately): {path: (exit code of the batch, form id, findings)}."""
        out = {}
        for i in range(0, len(paths), 150):
            chunk = paths[i:i + 150]
            p = subprocess.run([self.svod, "validate", *[os.path.join(self.root, x) for x in chunk], "--format", "json",
                                "--schemas", self.schemas] + (["--form", form] if form else []), capture_output=True, text=True)
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
        out = os.path.join(self.tmp, re.sub(r"\W", "_", path) + ".json")
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

    def book(self, path, form):
        """Every sheet of a clean file: form sheets as {code: value}, tables as [records]."""
        out = os.path.join(self.tmp, re.sub(r"\W", "_", path) + ".json")
        subprocess.run([self.svod, "convert", os.path.join(self.root, path), out], check=True, capture_output=True)
        data = {s["name"]: s for s in json.load(open(out, encoding="utf-8"))["sheets"]}
        res = {}
        for sheet in self.layout(form)["sheets"]:
            cells = {}
            for addr, _t, v in data[sheet["name"]]["cells"]:
                cells[addr] = int(v) if isinstance(v, float) and v.is_integer() else v
            if sheet["layout"] == "form":
                res[sheet["id"]] = {f["code"]: cells.get(f["cell"]) for f in sheet["fields"]}
                continue
            first = sheet["fields"][0]
            head = min(int(a[len(first["column"]):]) for a, v in cells.items()
                       if re.match(first["column"] + r"\d+$", a) and v == first["label"])
            rows = defaultdict(dict)
            for a, v in cells.items():
                m = re.match(r"([A-Z]+)(\d+)$", a)
                if int(m.group(2)) > head:
                    rows[int(m.group(2))][m.group(1)] = v
            res[sheet["id"]] = [{f["code"]: row.get(f["column"]) for f in sheet["fields"]} for _, row in sorted(rows.items())]
        return res

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
    ap.add_argument("--svod", default=default_svod())
    ap.add_argument("--sums-only", action="store_true", help="only the city sums (item 5): read the figures back and add them up")
    args = ap.parse_args()
    ck = Checker(args)
    manifest = json.load(open(os.path.join(args.samples, "manifest-2019-2020.json"), encoding="utf-8"))
    files = manifest["files"]
    by_key = {(f["form"], f["year"], f.get("school")): f["path"] for f in files if f["kind"] == "school"}
    stats = defaultdict(int)

    # 1. clean school files; 5. read back their figures
    figures = defaultdict(list)     # (form, year) → [(school, path, records)]
    school_files = [f for f in files if f["kind"] == "school"]
    results = {}
    for fm in sorted({f["form"] for f in school_files}) if not args.sums_only else ():
        results.update(ck.validate_many([f["path"] for f in school_files if f["form"] == fm], form=fm))
        # form detection: the first file of each form and year, without --form
        for y in sorted({f["year"] for f in school_files if f["form"] == fm}):
            f = next(f for f in school_files if f["form"] == fm and f["year"] == y)
            _rc, got, _found = ck.validate(f["path"])
            if got != fm:
                ck.fail(f"{f['path']}: recognised as {got}, not {fm}")
            else:
                ck.passed += 1
    for f in school_files if not args.sums_only else ():
        rc, form, found = results[f["path"]]
        if rc != 0 or found or form != f["form"]:
            ck.fail(f"{f['path']}: exit {rc}, form {form}, findings {found}")
        else:
            ck.passed += 1
            stats["clean"] += 1
    # read the figures back (svod convert), four at a time
    from concurrent.futures import ThreadPoolExecutor
    def read(f):
        return f, (ck.records if f["form"] in ("vpr", "rkr") else ck.book)(f["path"], f["form"])
    with ThreadPoolExecutor(4) as ex:
        for f, recs in ex.map(read, [f for f in school_files if f["form"] in ("vpr", "rkr") + NEW_SUMS]):
            figures[(f["form"], f["year"])].append((f["school"], f["path"], recs))

    # 2. year over year (ВПР): the warnings the figures call for, at their cells
    vpr_years = sorted({y for (fm, y) in figures if fm == "vpr"}) if not args.sums_only else []
    for later, earlier in zip(vpr_years[1:], vpr_years):
        before = {s: {(r["class"], r["subject"]): r for r in recs} for s, _p, recs in figures[("vpr", earlier)]}
        lay = ck.layout("vpr")
        sheet = next(s for s in lay["sheets"] if s["id"] == "results")
        qcol = next(f["column"] for f in sheet["fields"] if f["code"] == "quality")
        jobs = []
        for school, path, recs in figures[("vpr", later)]:
            want = []
            for i, r in enumerate(recs):
                b = before.get(school, {}).get((r["class"], r["subject"]))
                # vpr.quality-trend: rows of 10 pupils or more in both years, moved by more than 15 points
                if b and int(r["n"]) >= 10 and int(b["n"]) >= 10 and abs(Decimal(str(r["quality"])) - Decimal(str(b["quality"]))) > 15:
                    want.append(("vpr.quality-trend", "warning", sheet["name"], f"{qcol}{i + 4}"))
            jobs.append((path, by_key[("vpr", earlier, school)], want))
        with ThreadPoolExecutor(4) as ex:
            done = list(ex.map(lambda j: (j, ck.validate(j[0], previous=j[1])), jobs))
        for (path, _prev, want), (rc, _form, found) in done:
            ck.expect(f"{path} --previous", found, want)
            stats["previous"] += 1
            stats["trend warnings"] += len(want)

    # 3., 4. planted mistakes and the seed's own tables: exactly the findings the manifest lists
    for f in files if not args.sums_only else ():
        if f["kind"] not in ("planted", "seed"):
            continue
        if not os.path.exists(os.path.join(args.samples, f["path"])):
            ck.fail(f"{f['path']}: missing")
            continue
        _rc, _form, found = ck.validate(f["path"], previous=f.get("previous"),
                                        form=f["form"] if f.get("validate_form") else None)
        want = [(e["rule"], e["severity"], e["sheet"], e["cell"]) for e in f.get("expected", [])]
        what = f" ({f['mistake']})" if f.get("mistake") else ""
        ck.expect(f"{f['path']}" + (f" --previous {f['previous']}" if f.get("previous") else "") + what, found, want)
        stats[f["kind"]] += 1

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
        names = list_names(args.schemas)["subjects"]
        for line, klass, subj, succ, qual in ST.VPR["rows"]:
            n, n5, n4, n3, n2 = tot[(klass, names[subj])]
            # a misprint of the seed's table (VPR_MISPRINTS) is compared with its correction, the schools' counts
            fix = ST.VPR_MISPRINTS.get((year, klass, subj), {})
            for what, got, text in (("успеваемость", share(n5 + n4 + n3, n), fix.get("success", succ[yi])),
                                    ("качество", share(n5 + n4, n), fix.get("quality", qual[yi]))):
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
    new_sums(ck, figures)
    for year in sorted({s[0] for s in sums}):
        part = [s for s in sums if s[0] == year]
        print(f"ВПР {year}: {len(part)} class×subject rows, {sum(s[3] for s in part)} participants in all; "
              f"every row's shares of the schools' sums equal table 2.2.1")
    print(", ".join(f"{k}: {v}" for k, v in stats.items()))
    print(f"{ck.passed} checks passed, {len(ck.failures)} failed")
    sys.exit(1 if ck.failures else 0)


NEW_SUMS = ("gia9", "ege", "diag10", "career", "talents", "upbringing", "dod")


def _n(v):
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else (v or 0)


def new_sums(ck, figures):
    """The seed's city tables against the sums of the school files of the other forms."""
    def eq(what, got, want):
        if got != want:
            ck.fail(f"{what}: schools add up to {got}, the seed says {want}")
        else:
            ck.passed += 1
    lists = list_names(ck.schemas)  # read once: lname runs for every row compared
    names = lists["subjects"]
    lname = lambda lst, code: lists.get(lst, {}).get(code, code)
    for year in ("2017/2018", "2018/2019", "2019/2020"):
        books = figures.get(("gia9", year))
        if books:
            yi = ST.GIA9_YEARS.index(year)
            tot = defaultdict(int)
            summ = defaultdict(int)
            for _s, _p, b in books:
                for r in b["results"]:
                    tot[r["subject"]] += _n(r["n"])
                for k in ("honours", "not_admitted", "attestat", "grads"):
                    summ[k] += _n(b["summary"][k])
            for line, subj, vals in ST.GIA9_PARTICIPANTS["rows"]:
                eq(f"ГИА-9 {year} {subj} participants (line {line})", tot[names[subj]], int(vals[yi]))
            eq(f"ГИА-9 {year} person-exams (line 561)", tot["Всего человеко-экзаменов"], int(ST.GIA9_PARTICIPANTS["total"][1][yi]))
            d = next(d for _l, y, d in ST.GIA9_RESULTS["rows"] if y == year)
            for subj in ("rus", "math"):
                if subj + "5" in d:   # «5» in Russian and mathematics, printed for 2017/2018 and 2018/2019 (2.4.2)
                    n5 = sum(_n(r["n5"]) for _s, _p, b in books for r in b["results"] if r["subject"] == names[subj])
                    eq(f"ГИА-9 {year} {subj} «5» (2.4.2)", n5, int(d[subj + "5"]))
            eq(f"ГИА-9 {year} honours", summ["honours"], int(d["honours"]))
            eq(f"ГИА-9 {year} not admitted", summ["not_admitted"], int(d["not_admitted"]))
            print(f"ГИА-9 {year}: {len(books)} schools, {tot['Всего человеко-экзаменов']} person-exams, honours {summ['honours']}, "
                  f"not admitted {summ['not_admitted']}, graduates {summ['grads']}, certificates {summ['attestat']}")
        books = figures.get(("ege", year))
        if books:
            yi = ST.EGE_YEARS.index(year)
            med = sum(_n(b["summary"]["medals"]) for _s, _p, b in books)
            h = sum(_n(r["n100"]) for _s, _p, b in books for r in b["scores"])
            eq(f"ЕГЭ {year} medalists (2.5.4)", med, int(ST.EGE["city"]["rows"][0][2][yi]))
            eq(f"ЕГЭ {year} 100-point results (2.5.4)", h, int(ST.EGE["city"]["rows"][1][2][yi]))
            for sk, code in (("rus", "rus"), ("math", "math-prof"), ("phys", "phys")):
                rows = [r for _s, _p, b in books for r in b["scores"] if r["subject"] == names[code] and _n(r["n"])]
                n = sum(_n(r["n"]) for r in rows)
                get = lambda part: next(v for _l, k, v in ST.EGE[part]["rows"] if k == sk)[yi]
                mean = sum(Decimal(str(r["mean"])) * _n(r["n"]) for r in rows) / n
                eq(f"ЕГЭ {year} {code} mean (2.5.1)", float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)), ST.number(get("mean").split("/")[-1]))
                eq(f"ЕГЭ {year} {code} 81+ share (2.5.2)", share(sum(_n(r["n81"]) for r in rows), n), ST.number(get("share80")))
                eq(f"ЕГЭ {year} {code} below minimum (2.5.3)", sum(_n(r["below"]) for r in rows), int(get("below_min").split("/")[-1]))
                eq(f"ЕГЭ {year} {code} 100 points (2.5.5)", sum(_n(r["n100"]) for r in rows), int(get("hundred")))
            print(f"ЕГЭ {year}: {len(books)} schools, medalists {med}, 100-point results {h}; means, 81+ shares, below-minimum and 100s of rus/math-prof/phys equal 2.5.1–2.5.5")
    for year in ("2018/2019", "2019/2020"):
        books = figures.get(("dod", year))
        if books:
            yi = ST.DOD_YEARS.index(year)
            t = defaultdict(lambda: [0, 0])
            for _s, _p, b in books:
                for r in b["associations"]:
                    t[r["direction"]][0] += _n(r["assoc"])
                    t[r["direction"]][1] += _n(r["people"])
            for d, (l1, a), (l2, p) in ST.DOD["rows"]:
                code = {"technical": "tech"}.get(d, d)
                eq(f"ДОД {year} {d} (lines {l1}, {l2})", t[lname("dod-directions", code)], [int(a[yi]), int(p[yi])])
            (l1, ta), (l2, tp) = ST.DOD["total"]
            eq(f"ДОД {year} ИТОГО", t["ИТОГО"], [int(ta[yi]), int(tp[yi])])
            print(f"ДОД {year}: {len(books)} files (62 schools and the НОШ): ИТОГО {t['ИТОГО'][0]} associations, {t['ИТОГО'][1]} pupils = 2.12.1")
    books = figures.get(("talents", "2019/2020"))
    if books:
        for _l, level, n, wp, sh in ST.TALENTS["rows"]:
            want = lname("olympiad-levels", {"federal": "final"}.get(level, level))
            rows = [r for _s, _p, b in books for r in b["contests"] if r["level"] == want and r["direction"] != "Всего"]
            got = [sum(_n(r["n"]) for r in rows), sum(_n(r["wp"]) for r in rows)]
            eq(f"Таланты {level} (line {_l})", got, [int(n), int(wp)])
            eq(f"Таланты {level} share", share(got[1], got[0]), ST.number(sh))
        print(f"Таланты 2019/2020: {len(books)} schools; participants and winners by level = section 2.9")
    books = figures.get(("upbringing", "2019/2020"))
    if books:
        UPB = {"spiritual": "moral", "patriotic": "patriotic", "legal": "civic", "economic": "economic", "intellectual": "intellectual",
               "local-history": "local-lore", "ecological": "ecology", "health": "health", "tolerance": "tolerance", "prevention": "prevention"}
        for _l, d, progs, schools, sh in ST.UPBRINGING["rows"]:
            nm = lname("upbringing-directions", UPB[d])
            rows = [r for _s, _p, b in books for r in b["programmes"] if r["direction"] == nm]
            got = [sum(_n(r["programmes"]) for r in rows), sum(1 for r in rows if _n(r["programmes"]) > 0)]
            eq(f"Воспитание {d} (line {_l})", got, [int(progs), int(schools)])
            # line 779: 49 of 63 is 77,8 %, the seed prints 77,7 (README, «Where the seed does not add up», 7)
            eq(f"Воспитание {d} share of {len(books)} schools", share(got[1], len(books)), 77.8 if d == "patriotic" else ST.number(sh))
        print(f"Воспитание 2019/2020: {len(books)} files; programmes and schools by direction = 2.8 (shares over {len(books)})")
    books = figures.get(("career", "2020/2021"))
    if books:
        P = {"tech": "tech", "science": "sci", "humanities": "hum", "socio-economic": "socecon", "universal": "univ"}
        for _l, p, cls, pup, sch in ST.PROFILES["rows"]:
            nm = lname("profiles", P[p])
            rows = [r for _s, _p, b in books for r in b["profiles"] if r["profile"] == nm]
            eq(f"Профили {p} (line {_l})", [sum(_n(r["classes"]) for r in rows), sum(_n(r["pupils"]) for r in rows),
                                            sum(1 for r in rows if _n(r["classes"]) > 0)], [int(cls), int(pup), int(sch)])
        tc = sum(_n(b["senior"]["profile_classes"]) for _s, _p, b in books)
        tp = sum(_n(b["senior"]["profile_pupils"]) for _s, _p, b in books)
        sp = sum(_n(b["senior"]["pupils"]) for _s, _p, b in books)
        eq("Профили: pupils (line 752)", tp, 4759)
        eq("Профили: share of grade 10–11 pupils (line 738)", share(tp, sp), 93.3)
        print(f"Профили 2020/2021: {len(books)} schools, {tc} classes (2.7.1 prints 228, its rows add up to 233), {tp} of {sp} pupils")
    books = figures.get(("diag10", "2020/2021"))
    if books:
        for line, subj, N, succ, qual, mean in ST.DIAG10["rows"]:
            rows = [r for _s, _p, b in books for r in b["results"] if r["subject"] == names[subj]]
            t = [sum(_n(r[k]) for r in rows) for k in ("n", "n5", "n4", "n3", "n2")]
            eq(f"Диагностика 10 {subj} pupils (line {line})", t[0], int(N))
            if subj != "chem":
                eq(f"Диагностика 10 {subj} % выполнения", share(t[1] + t[2] + t[3], t[0]), ST.number(succ))
                eq(f"Диагностика 10 {subj} % качества", share(t[1] + t[2], t[0]), ST.number(qual))
        print(f"Диагностика 10 2020/2021: {len(books)} schools; pupils of all 13 subjects, and the shares (chemistry apart) = 2.6.1")


if __name__ == "__main__":
    main()
