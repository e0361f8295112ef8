#!/usr/bin/env python3
"""Writes one reporting year of filled МСОКО forms from all 62 general-education schools of Tula
into Samples/<academic-year>/<form>/, plus the seed's own city figures (Samples/<year>/seed/) and
a handful of files with the typical mistakes of real schools (Samples/<year>/planted/).
See Samples/README.md. Run from the repository root:

    .venv/bin/python Samples/make_samples.py [--schemas Schemas] [--out Samples] [--seed 2021]

Deterministic: one seeded RNG; the same schemas, registry and seed give the same figures (the
files differ only in the zip timestamps the office programs write).

How the figures are made
- The city totals are the seed's Section II tables (Samples/seed_tables.py, each value with its
  seed line). Where the seed publishes only shares (ВПР 2.2.1), the city counts are chosen so that
  their shares round to the published ones at the seed's own decimals.
- Each school gets a size (pupils per grade) and a strength (a lyceum writes better than an
  average ЦО) from the seeded RNG; a city total is split over the schools by size with
  largest-remainder rounding, and the marks «5»…«2» of a row are split so that every column adds
  up to the city's count and every school's row adds up to its participants (`allocate`). Shares
  are computed from the school's own counts and rounded half away from zero at one decimal, as
  the department does (and as svod's `tolerance: published` checks).
- Where a form compares years (`cross-period` rules), the previous year is generated too, with
  the same schools' sizes and strengths, and the current year is nudged (marks swapped between
  schools, which keeps every total) until no school moves by more than the rule allows.
- The layout comes from the schema (`svod schemas show ID --format json`): tabs, header labels,
  columns, cells. Every form starts with «Титул» (school, period, responsible, phone, date).
  A row of the form's title and an empty row stand above each table's header, as schools write.
- openpyxl writes every file as XLSX; every second school's files are converted to ODS by
  LibreOffice (one `soffice --headless --convert-to ods` call), so both formats come from real
  office programs.

Adding a form: write `def data_<id>(ctx, year)` returning {school code: {sheet id: rows or
cells}} (and, if the seed has its city table, `seed_<id>(ctx, year)` for the seed file), then
add it to FORMS. Forms missing from Schemas/forms/ are skipped with a note.
"""
import argparse, json, math, os, random, re, shutil, subprocess, sys, tempfile
from datetime import date
from decimal import Decimal, ROUND_HALF_UP
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import seed_tables as ST  # noqa: E402

SVOD = os.environ.get("SVOD", "/tmp/svod-helpers/svod")
N_SCHOOLS = 62
REPORTING_YEAR = "2019-2020"   # the manifest of all files lives in Samples/<reporting year>/


# ---------------------------------------------------------------- arithmetic the department uses
def share(part, whole, places=1):
    """part / whole × 100, rounded half away from zero (Excel's ROUND, svod's published places)."""
    if not whole:
        return None
    q = Decimal(part) * 100 / Decimal(whole)
    return float(q.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def rnd(x, places=1):
    return float(Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def places_of(text):
    """Decimals the seed prints: «98,4» → 1, «87» → 0, «74%» → 0."""
    t = text.rstrip("%+ ")
    return len(t.split(",")[1]) if "," in t else 0


def split_total(total, weights, caps=None):
    """Integers proportional to weights that add up to total exactly (largest remainder);
    caps (optional) bound each part."""
    s = sum(weights)
    if total == 0 or s == 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]
    out = [int(math.floor(r)) for r in raw]
    if caps:
        out = [min(o, c) for o, c in zip(out, caps)]
    left = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - math.floor(raw[i])), i))
    while left > 0:
        moved = False
        for i in order:
            if left == 0:
                break
            if caps is None or out[i] < caps[i]:
                out[i] += 1
                left -= 1
                moved = True
        if not moved:
            raise ValueError(f"cannot place {left} more within the caps")
    return out


def allocate(row_totals, col_totals, bias, scores):
    """An integer matrix with exactly these row and column sums. Row i leans to the columns with
    high `scores` by bias[i] (a school's strength); IPF first, then column-by-column rounding
    within what each row still has room for (the last column takes the rest)."""
    assert sum(row_totals) == sum(col_totals), (row_totals, col_totals)
    n, m = len(row_totals), len(col_totals)
    N = sum(col_totals) or 1
    base = [c / N for c in col_totals]
    t = [[row_totals[i] * base[j] * math.exp(bias[i] * scores[j]) for j in range(m)] for i in range(n)]
    for _ in range(60):  # iterative proportional fitting to both margins
        for i in range(n):
            s = sum(t[i])
            if s:
                t[i] = [x * row_totals[i] / s for x in t[i]]
        for j in range(m):
            s = sum(t[i][j] for i in range(n))
            if s:
                for i in range(n):
                    t[i][j] *= col_totals[j] / s
    out = [[0] * m for _ in range(n)]
    room = list(row_totals)
    for j in range(m - 1):
        col = split_total(col_totals[j], [t[i][j] + 1e-9 * (row_totals[i] > 0) for i in range(n)], caps=room)
        for i in range(n):
            out[i][j] = col[i]
            room[i] -= col[i]
    for i in range(n):
        out[i][m - 1] = room[i]
    return out


# ---------------------------------------------------------------- schools
class School:
    def __init__(self, code, name, short, rng):
        self.code, self.name, self.short = code, name, short
        elite = bool(re.search(r"[Лл]ицей|[Гг]имназ", name))
        self.evening = bool(re.search(r"[Вв]ечерн|ВОШ", name + short))
        self.basic = bool(re.search(r"[Оо]сновная общеобразовательная|ООШ", name + short))
        self.size = rng.lognormvariate(0, 0.35) * (1.3 if elite else 1.0) * (0.35 if self.evening else 1.0)
        self.strength = rng.gauss(0.55 if elite else 0.0, 0.25) - (0.6 if self.evening else 0.0)
        self.senior = not self.basic          # has grades 10–11
        self.primary = not self.evening       # has grades 1–9 by day

    def __repr__(self):
        return self.code


def read_registry(schemas):
    """The general-education schools of Schemas/reference/organisations.yaml, read line by line
    (block or flow style), so that no YAML library is needed."""
    path = os.path.join(schemas, "reference", "organisations.yaml")
    orgs, cur = [], None
    for raw in open(path, encoding="utf-8"):
        line = raw.split(" #")[0].rstrip()
        m = re.match(r"\s*-\s*\{(.*)\}\s*$", line)
        if m:  # flow style: - {code: x, name: y, kind: z}
            d = dict(re.findall(r"(\w+):\s*(\"[^\"]*\"|\[[^\]]*\]|[^,]+)", m.group(1)))
            orgs.append({k: v.strip().strip('"') for k, v in d.items()})
            cur = None
            continue
        m = re.match(r"\s*-\s*code:\s*(\S+)", line)
        if m:
            cur = {"code": m.group(1).strip('"')}
            orgs.append(cur)
            continue
        m = re.match(r"\s+(name|short|kind):\s*(.*)$", line)
        if m and cur is not None:
            cur[m.group(1)] = m.group(2).strip()
    schools = []
    for o in orgs:
        if o.get("kind") != "general-school":
            continue
        short = o.get("short", "")
        short = [s.strip() for s in short.strip("[]").split(",")] if short.startswith("[") else [short]
        schools.append((o["code"], o.get("name", o["code"]).strip('"'), short[0] or o["code"]))
    return schools


# ---------------------------------------------------------------- schema layouts
_layouts = {}


def layout(ctx, form):
    if form not in _layouts:
        p = subprocess.run([SVOD, "schemas", "show", form, "--format", "json", "--schemas", ctx.schemas],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"make_samples: svod schemas show {form} failed: {p.stderr.strip()}")
        _layouts[form] = json.loads(p.stdout)
    return _layouts[form]


def usable_schemas(schemas, tmp):
    """The schema folder if `svod schemas check` passes; else a copy in tmp with the reference
    data and only the forms that pass on their own (others may be mid-edit), named on stderr."""
    if subprocess.run([SVOD, "schemas", "check", schemas], capture_output=True).returncode == 0:
        return schemas
    out = os.path.join(tmp, "Schemas")
    shutil.copytree(os.path.join(schemas, "reference"), os.path.join(out, "reference"))
    os.makedirs(os.path.join(out, "forms"))
    for f in sorted(os.listdir(os.path.join(schemas, "forms"))):
        if not f.endswith(".yaml"):
            continue
        shutil.copy(os.path.join(schemas, "forms", f), os.path.join(out, "forms", f))
        p = subprocess.run([SVOD, "schemas", "check", out], capture_output=True, text=True)
        if p.returncode != 0:
            os.remove(os.path.join(out, "forms", f))
            print(f"make_samples: {f} left out: svod schemas check fails on it", file=sys.stderr)
    if subprocess.run([SVOD, "schemas", "check", out], capture_output=True).returncode != 0:
        sys.exit(f"make_samples: the reference data in {schemas}/reference does not pass svod schemas check")
    return out


def forms_available(ctx):
    p = subprocess.run([SVOD, "schemas", "list", "--schemas", ctx.schemas], capture_output=True, text=True)
    return {line.split("\t")[0] for line in p.stdout.splitlines() if line.strip()}


# ---------------------------------------------------------------- people and dates
SURNAMES = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Соколова", "Попова", "Лебедева", "Козлова",
            "Новикова", "Морозова", "Волкова", "Алексеева", "Никитина", "Зайцева", "Павлова", "Семёнова",
            "Голубева", "Виноградова", "Богданова", "Воробьёва", "Фёдорова", "Михайлова", "Белова",
            "Тарасова", "Беляева", "Комарова", "Орлова", "Киселёва", "Макарова", "Андреева"]
INITIALS = "АВГЕИЛМНОСТЮ"


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(INITIALS)}. {rng.choice(INITIALS)}."


def phone(rng):
    return f"8 (4872) {rng.randint(30, 79)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
          "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}


def period_text(kind, year, part=None):
    a, b = year.split("/")
    if kind == "academic-year":
        return year
    if kind == "year":
        return b
    if kind == "quarter":
        return f"{part or 4} квартал {b}"
    if kind == "month":
        return f"{part or 5:02d}.{b}"
    return year


def filled_date(ctx, lay, year, rng):
    """A day of the month the seed's «Срок исполнения» names (June if it names none) of the
    year the academic year ends in."""
    text = (lay.get("periodicity") or {}).get("ru", "").lower()
    month = next((m for k, m in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])) if re.search(r"\b" + k, text)), 6)
    return date(int(year.split("/")[1]), month, rng.randint(3, 25))


# ---------------------------------------------------------------- the forms' figures
MARK_SCORES = [1.5, 0.5, -0.5, -1.5]            # «5», «4», «3», «2»: where strength pushes


def city_marks(N, success, quality, p_succ, p_qual, ratio5, rng):
    """City counts n5, n4, n3, n2 for N participants whose shares round to the published ones."""
    ks = round(success * N / 100)
    kq = round(quality * N / 100)
    if share(ks, N, p_succ) != rnd(success, p_succ) or share(kq, N, p_qual) != rnd(quality, p_qual):
        return None
    n5 = round(kq * ratio5)
    return [n5, kq - n5, ks - kq, N - ks]


def vpr_city(ctx):
    """City counts per (year, class, subject) for ВПР, matching table 2.2.1's shares."""
    if hasattr(ctx, "_vpr_city"):
        return ctx._vpr_city
    rng = random.Random(ctx.seed * 7 + 221)
    base = {"4": 4700, "5": 4550, "6": 4400}
    base11 = {"chem": 420, "bio": 520, "geo": 380, "phys": 610, "hist": 540, "lang": 700}
    out = {}
    for line, klass, subj, succ, qual in ST.VPR["rows"]:
        for yi, year in enumerate(ST.VPR_YEARS):          # 2017/2018 only for the seed file
            s, q = ST.number(succ[yi]), ST.number(qual[yi])
            N = int((base[klass] if klass in base else base11[subj]) * rng.uniform(0.93, 1.0))
            ratio5 = rng.uniform(0.25, 0.4)
            while True:  # the form publishes one decimal: «87» is taken as 87,0
                marks = city_marks(N, s, q, max(1, places_of(succ[yi])), max(1, places_of(qual[yi])), ratio5, rng)
                if marks:
                    break
                N += 1
            out[(year, klass, subj)] = marks
    ctx._vpr_city = out
    return out


def participants(ctx, schools, N, key, per_school_floor=0):
    """Split N pupils over the schools by size (a fixed share per school for a key)."""
    rng = random.Random(f"{ctx.seed}:{key}")
    w = [s.size * rng.uniform(0.9, 1.1) for s in schools]
    return split_total(N, w)


def vpr_takers(ctx, klass, subj):
    """The schools that wrote a ВПР: all day schools in grades 4–6; in grade 11 a subject is
    written by a seeded half of the schools with a senior stage."""
    if klass in ("4", "5", "6"):
        return [s for s in ctx.schools if s.primary]
    rng = random.Random(f"{ctx.seed}:vpr11:{subj}")
    return [s for s in ctx.schools if s.senior and s.primary and rng.random() < 0.55]


def vpr_quality(row):
    return share(row[0] + row[1], sum(row))


def data_vpr(ctx, year):
    city = vpr_city(ctx)
    res = {s.code: {"results": []} for s in ctx.schools}
    prev = {}
    for line, klass, subj, _s, _q in ST.VPR["rows"]:
        takers = vpr_takers(ctx, klass, subj)
        rows_by_year = {}
        rng = random.Random(f"{ctx.seed}:vprq:{klass}:{subj}")
        bias = [0.9 * s.strength + rng.gauss(0, 0.08) for s in takers]   # the same in both years
        for y in ST.VPR_YEARS[:2][::-1]:                    # the earlier year first
            marks = city[(y, klass, subj)]
            n = participants(ctx, takers, sum(marks), f"vpr:{klass}:{subj}:{y}")
            rows_by_year[y] = allocate(n, marks, bias, MARK_SCORES)
        later, earlier = ST.VPR_YEARS[0], ST.VPR_YEARS[1]
        keep_trend(rows_by_year[later], rows_by_year[earlier], limit=15)
        for s, row in zip(takers, rows_by_year[year]):
            if sum(row):
                n5, n4, n3, n2 = row
                res[s.code]["results"].append({
                    "class": klass, "subject": ctx.subject_name(subj), "n": n5 + n4 + n3 + n2,
                    "n5": n5, "n4": n4, "n3": n3, "n2": n2,
                    "success": share(n5 + n4 + n3, n5 + n4 + n3 + n2), "quality": share(n5 + n4, n5 + n4 + n3 + n2)})
    return res


def keep_trend(now, before, limit):
    """Swap marks between schools (a «5» here for a «3» there: every total stays) while some
    school's quality moves by more than `limit` points from the year before and another school
    has room to take the difference. Where the city itself moved by nearly `limit` (6th-grade
    history: 52,9 → 67,2) not every school fits: those keep their warning (see README)."""
    def delta(i):
        if not sum(now[i]) or not sum(before[i]):
            return 0
        return round(vpr_quality(now[i]) - vpr_quality(before[i]), 6)
    stuck = set()
    for _ in range(20000):
        bad = [i for i in range(len(now)) if abs(delta(i)) > limit and i not in stuck]
        if not bad:
            return
        i = bad[0]
        up = delta(i) > 0                                  # i has too many good marks now
        hi = [0, 1] if up else [2, 3]                      # what i gives away
        lo = [2, 3] if up else [0, 1]                      # what i receives
        best = None
        for k in range(len(now)):
            if k == i or not sum(now[k]):
                continue
            a = next((j for j in hi if now[i][j] > 0), None)
            b = next((j for j in lo if now[k][j] > 0), None)
            if a is None or b is None:
                continue
            now[i][a] -= 1; now[i][b] += 1; now[k][b] -= 1; now[k][a] += 1
            ok = abs(delta(k)) <= limit
            gain = (abs(delta(i)), abs(delta(k)))
            now[i][a] += 1; now[i][b] -= 1; now[k][b] += 1; now[k][a] -= 1
            if ok and (best is None or gain < best[0]):
                best = (gain, k, a, b)
        if best is None:
            stuck.add(i)
            continue
        _, k, a, b = best
        now[i][a] -= 1; now[i][b] += 1; now[k][b] -= 1; now[k][a] += 1


def seed_vpr(ctx, year):
    """Table 2.2.1 as one «school» file: the city counts (the sum of the schools' files, which the
    seed does not print) with the seed's own published shares, as text where the seed's cell is
    not a number."""
    yi = ST.VPR_YEARS.index(year)
    city = vpr_city(ctx)
    rows = []
    for line, klass, subj, succ, qual in ST.VPR["rows"]:
        n5, n4, n3, n2 = city[(year, klass, subj)]
        rows.append({"class": klass, "subject": ctx.subject_name(subj), "n": n5 + n4 + n3 + n2,
                     "n5": n5, "n4": n4, "n3": n3, "n2": n2,
                     "success": seed_value(succ[yi]), "quality": seed_value(qual[yi])})
    return {"results": rows}


def seed_value(text):
    """The seed's cell as a number where it is one, else its text (e.g. «61,3++»)."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


RKR_CLASSES = {"9": 2468, "11": 1332}   # the seed gives 3800 for grades 9 and 11 together (line 521)


def rkr_split(ctx):
    """City marks of table 2.3.1 split into grade 9 and grade 11 (the seed gives them together)."""
    v = {k: int(x.replace(",", ".").split(".")[0]) if k not in ("level", "quality") else None
         for k, x in ST.RKR["values"].items()}
    marks = [v["n5"], v["n4"], v["n3"], v["n2"]]
    by_class = allocate(list(RKR_CLASSES.values()), marks, [-0.1, 0.15], MARK_SCORES)
    return dict(zip(RKR_CLASSES, by_class))


def data_rkr(ctx, year):
    res = {s.code: {"results": []} for s in ctx.schools}
    for klass, marks in rkr_split(ctx).items():
        takers = [s for s in ctx.schools if klass == "9" or s.senior]
        n = participants(ctx, takers, sum(marks), f"rkr:{klass}")
        rng = random.Random(f"{ctx.seed}:rkrq:{klass}")
        rows = allocate(n, marks, [0.9 * s.strength + rng.gauss(0, 0.1) for s in takers], MARK_SCORES)
        for s, (n5, n4, n3, n2) in zip(takers, rows):
            N = n5 + n4 + n3 + n2
            res[s.code]["results"].append({
                "class": klass, "subject": "Математика", "n": N, "below": n2,
                "level": share(n5 + n4 + n3, N), "enough": n5 + n4 + n3, "quality": share(n5 + n4, N),
                "n5": n5, "n4": n4, "n3": n3, "n2": n2})
    return res


def seed_rkr(ctx, year):
    """Table 2.3.1 as printed (line 529): one row, grades 9 and 11 together. The form keys rows
    by class, so the row is filed under grade 9 (the seed's row has no class)."""
    v = ST.RKR["values"]
    row = {"class": "9", "subject": "Математика"}
    row.update({k: seed_value(x) for k, x in v.items()})
    return {"results": [row]}


class Form:
    def __init__(self, id, years, data, seed=None, seed_years=()):
        self.id, self.years, self.data, self.seed, self.seed_years = id, years, data, seed, seed_years


FORMS = [
    Form("vpr", ["2019/2020", "2018/2019"], data_vpr, seed_vpr, ["2019/2020", "2018/2019", "2017/2018"]),
    Form("rkr", ["2019/2020"], data_rkr, seed_rkr, ["2019/2020"]),
]


# ---------------------------------------------------------------- writing a workbook
class Written:
    """Where the writer put things: sheet tab by sheet id, column by field, row numbers of records."""
    def __init__(self):
        self.tab, self.col, self.rows, self.cell = {}, {}, {}, {}


TITLE_ROWS = 2     # the form's title and an empty row above each table's header


def write_workbook(ctx, lay, values, title_values, path):
    wb = Workbook()
    wb.remove(wb.active)
    w = Written()
    bold = Font(bold=True)
    for sheet in lay["sheets"]:
        sid = sheet["id"]
        ws = wb.create_sheet(sheet["name"])
        w.tab[sid] = sheet["name"]
        data = title_values if sid == "title" else values.get(sid)
        if sheet["layout"] == "form":
            ws["A1"] = lay["title"]["ru"] if sid == "title" else sheet["name"]
            ws["A1"].font = bold
            used_rows = {}
            for f in sheet["fields"]:
                m = re.match(r"([A-Z]+)(\d+)", f["cell"])
                col, row = column_index_from_string(m.group(1)), int(m.group(2))
                used_rows.setdefault(row, []).append(col)
            for f in sheet["fields"]:
                m = re.match(r"([A-Z]+)(\d+)", f["cell"])
                col, row = column_index_from_string(m.group(1)), int(m.group(2))
                label_col = 1 if len(used_rows[row]) == 1 and col > 1 else col - 1
                if label_col >= 1 and ws.cell(row, label_col).value is None:
                    ws.cell(row, label_col, f["label"])
                w.cell[(sid, f["code"])] = f["cell"]
                if data is not None and f["code"] in data and data[f["code"]] is not None:
                    put(ws.cell(row, col), data[f["code"]], f)
            ws.column_dimensions["A"].width = 58
            ws.column_dimensions["C"].width = 40
            continue
        # table
        header_rows = sheet.get("header_rows", 1)
        first = sheet.get("first_data_row", header_rows + 1) + TITLE_ROWS
        head = first - 1
        ws.cell(1, 1, f"{lay['title']['ru']}, {ctx.period_label} — {ctx.school_label}").font = bold
        cols = {}
        for f in sheet["fields"]:
            c = column_index_from_string(f["column"])
            cols[f["code"]] = c
            h = ws.cell(head, c, f["label"])
            h.font = bold
            h.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[f["column"]].width = max(8, min(24, len(f["label"]) // 2 + 4))
        w.col[sid] = {k: get_column_letter(c) for k, c in cols.items()}
        w.rows[sid] = []
        for r, rec in enumerate(data or [], start=first):
            for f in sheet["fields"]:
                v = rec.get(f["code"])
                if v is not None:
                    put(ws.cell(r, cols[f["code"]]), v, f)
            w.rows[sid].append(r)
    return wb, w


def put(cell, v, f):
    t = f.get("type")
    if isinstance(v, bool) or t == "boolean" and isinstance(v, bool):
        cell.value = "да" if v else "нет"
        return
    cell.value = v
    if isinstance(v, date):
        cell.number_format = "DD.MM.YYYY"
    elif isinstance(v, float) and t in ("percent", "decimal"):
        cell.number_format = "0." + "0" * f.get("places", 1)
    elif t == "code" and isinstance(v, str) and v.isdigit():
        cell.value = int(v)  # classes as numbers, as schools type them


# ---------------------------------------------------------------- planted mistakes
# Each plant edits a clean file's workbook and returns what `svod validate` must report:
# [(rule, severity, sheet tab or None, cell or None)]. The clean twin stays in the school folder,
# so the city totals are untouched.
def plant_sum(wb, w):
    ws = wb[w.tab["results"]]
    r, c = w.rows["results"][1], w.col["results"]["n"]
    ws[f"{c}{r}"] = ws[f"{c}{r}"].value + 1
    return [("vpr.participants", "error", w.tab["results"], f"{c}{r}")]


def plant_percent_text(wb, w):
    ws = wb[w.tab["results"]]
    r, c = w.rows["results"][0], w.col["results"]["quality"]
    ws[f"{c}{r}"] = f"{ws[f'{c}{r}'].value:.1f}".replace(".", ",") + " %"
    ws[f"{c}{r}"].number_format = "@"
    return [("field.format", "warning", w.tab["results"], f"{c}{r}")]


def plant_moved_column(wb, w):
    """The school moved «Уровень обученности (%)» and «Качество обученности (%)» to the end of the
    table. svod binds columns by their header, so it reads the file correctly — and says nothing."""
    ws = wb[w.tab["results"]]
    cols = w.col["results"]
    last = max(column_index_from_string(c) for c in cols.values())
    srcs = []
    for code in ("level", "quality"):
        src = column_index_from_string(cols[code])
        last += 1
        for r in range(1, ws.max_row + 1):
            ws.cell(r, last).value = ws.cell(r, src).value
            ws.cell(r, last).number_format = ws.cell(r, src).number_format
        srcs.append(src)
    for src in sorted(srcs, reverse=True):
        ws.delete_cols(src)
    return []


def plant_no_school(wb, w):
    wb[w.tab["title"]][w.cell[("title", "school")]] = None
    return [("field.required", "error", w.tab["title"], w.cell[("title", "school")])]


def plant_number_as_text(wb, w):
    ws = wb[w.tab["results"]]
    r, c = w.rows["results"][2], w.col["results"]["n4"]
    ws[f"{c}{r}"] = str(ws[f"{c}{r}"].value)
    ws[f"{c}{r}"].number_format = "@"
    return [("field.format", "warning", w.tab["results"], f"{c}{r}")]


def plant_renamed_sheet(wb, w):
    wb[w.tab["results"]].title = "Лист1"
    return [("sheet.renamed", "warning", "Лист1", None)]


def plant_renamed_unknown(wb, w):
    wb[w.tab["results"]].title = "Математика"
    return [("sheet.missing", "error", None, None)]


def plant_wrong_share(wb, w):
    """«Уровень обученности (%)» of the 2nd row computed over all pupils of the grade, not over
    those who wrote: typed 2,5 points lower."""
    ws = wb[w.tab["results"]]
    r, c = w.rows["results"][1], w.col["results"]["level"]
    ws[f"{c}{r}"] = round(ws[f"{c}{r}"].value - 2.5, 1)
    return [("rkr.level", "error", w.tab["results"], f"{c}{r}")]


def plant_trend(wb, w):
    """A school whose 4th-grade mathematics fell apart: most «5» and «4» of the 1st row became «3»
    (counts, participants and shares all consistent) — a drop the year-over-year rule queries."""
    ws = wb[w.tab["results"]]
    r, c = w.rows["results"][0], w.col["results"]
    n5, n4, n3, n2 = (ws[f"{c[k]}{r}"].value for k in ("n5", "n4", "n3", "n2"))
    k5, k4 = n5 // 2, n4 // 2
    n5, n4, n3 = n5 - k5, n4 - k4, n3 + k5 + k4
    for k, v in (("n5", n5), ("n4", n4), ("n3", n3)):
        ws[f"{c[k]}{r}"] = v
    ws[f"{c['success']}{r}"] = share(n5 + n4 + n3, n5 + n4 + n3 + n2)
    ws[f"{c['quality']}{r}"] = share(n5 + n4, n5 + n4 + n3 + n2)
    return [("vpr.quality-trend", "warning", w.tab["results"], f"{c['quality']}{r}")]


# form, year, school index, file stem, plant, what the school did, validate with --form
PLANTED = [
    ("vpr", "2019/2020", 3, "sum-does-not-add-up", plant_sum,
     "«Участников» of the 2nd row typed one more than «5»+«4»+«3»+«2»", False),
    ("vpr", "2019/2020", 8, "percent-as-text", plant_percent_text,
     "«Качество, %» of the 1st row typed as text with a decimal comma and a percent sign («81,7 %»)", False),
    ("rkr", "2019/2020", 12, "moved-columns", plant_moved_column,
     "the two % columns moved to the right end of the table (headers moved with them)", False),
    ("rkr", "2019/2020", 20, "no-school-code", plant_no_school,
     "Титул!C3 (the school) left empty", False),
    ("vpr", "2019/2020", 27, "number-as-text", plant_number_as_text,
     "«4» of the 3rd row stored as text (the cell was formatted as text before typing)", False),
    ("vpr", "2019/2020", 33, "renamed-sheet", plant_renamed_sheet,
     "the «ВПР» tab renamed to «Лист1» (an alias the schema accepts)", False),
    ("rkr", "2019/2020", 41, "renamed-sheet-unknown", plant_renamed_unknown,
     "the «РКР» tab renamed to «Математика» (neither its name nor an alias)", True),
    ("rkr", "2019/2020", 50, "wrong-share", plant_wrong_share,
     "«Уровень обученности (%)» of the 2nd row typed 2,5 points too low", False),
    ("vpr", "2019/2020", 57, "quality-drop", plant_trend,
     "4th-grade mathematics: half the «5» and «4» became «3» (all consistent); checked with --previous", False),
]


# ---------------------------------------------------------------- main
class Ctx:
    pass


def subject_namer(schemas):
    """Subject code → its name in lists.yaml (what a school types)."""
    names = {}
    for line in open(os.path.join(schemas, "reference", "lists.yaml"), encoding="utf-8"):
        m = re.match(r"\s*-\s*\{code:\s*([\w-]+),\s*name:\s*([^,}]+)", line)
        if m:
            names.setdefault(m.group(1), m.group(2).strip().strip('"'))
    return lambda code: names.get(code, code)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--schemas", default=os.path.join(os.path.dirname(HERE), "Schemas"))
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--no-ods", action="store_true", help="write XLSX only (no LibreOffice)")
    args = ap.parse_args()

    ctx = Ctx()
    tmp = tempfile.mkdtemp(prefix="make_samples-")
    ctx.schemas, ctx.seed = usable_schemas(args.schemas, tmp), args.seed
    rng = random.Random(args.seed)
    reg = read_registry(ctx.schemas)
    if len(reg) < N_SCHOOLS:
        sys.exit(f"make_samples: the registry {args.schemas}/reference/organisations.yaml lists {len(reg)} "
                 f"organisations of kind general-school; the seed's city tables are over {N_SCHOOLS} "
                 "(line 521: «62 образовательных организаций»). Complete the registry first.")
    if len(reg) > N_SCHOOLS:
        sys.exit(f"make_samples: the registry lists {len(reg)} general-school organisations, "
                 f"the seed's tables are over exactly {N_SCHOOLS}")
    reg.sort(key=lambda t: t[0])
    ctx.schools = [School(code, name, short, rng) for code, name, short in reg]
    ctx.subject_name = subject_namer(ctx.schemas)
    have = forms_available(ctx)
    manifest = {"seed": args.seed, "files": [], "skipped": []}
    to_ods = []
    outdirs = set()

    for form in FORMS:
        if form.id not in have:
            manifest["skipped"].append(form.id)
            print(f"skip {form.id}: no such form in {args.schemas}/forms", file=sys.stderr)
            continue
        lay = layout(ctx, form.id)
        for year in form.years + [y for y in form.seed_years if y not in form.years]:
            ydir = year.replace("/", "-")
            figures = form.data(ctx, year) if year in form.years else {}
            schools = ctx.schools if year in form.years else []
            d = os.path.join(args.out, ydir, form.id)
            if d not in outdirs:
                shutil.rmtree(d, ignore_errors=True)
                outdirs.add(d)
            if schools:
                os.makedirs(d, exist_ok=True)
            for i, s in enumerate(schools):
                prng = random.Random(f"{args.seed}:{form.id}:{year}:{s.code}")
                ctx.period_label = f"{year} учебный год"
                ctx.school_label = s.short
                title = {"school": s.short if i % 3 else s.code, "period": period_text(lay["period"], year),
                         "responsible": person(prng), "phone": phone(prng), "filled": filled_date(ctx, lay, year, prng)}
                wb, w = write_workbook(ctx, lay, figures[s.code], title, None)
                stem = f"{form.id}-{ydir}-{s.code}"
                xlsx = os.path.join(d, stem + ".xlsx")
                wb.save(xlsx)
                ods = (i % 2 == 1) and not args.no_ods
                if ods:
                    to_ods.append(xlsx)
                manifest["files"].append({"path": os.path.relpath(xlsx[:-4] + ("ods" if ods else "xlsx"), args.out),
                                          "form": form.id, "year": year, "school": s.code, "kind": "school"})
            # the seed's own city table
            if form.seed and year in form.seed_years:
                sd = os.path.join(args.out, ydir, "seed")
                if sd not in outdirs:
                    shutil.rmtree(sd, ignore_errors=True)
                    outdirs.add(sd)
                os.makedirs(sd, exist_ok=True)
                ctx.period_label, ctx.school_label = f"{year} учебный год", "г. Тула (таблица программы МСОКО)"
                title = {"school": "г. Тула", "period": period_text(lay["period"], year),
                         "responsible": "Управление образования администрации города Тулы"}
                wb, w = write_workbook(ctx, lay, form.seed(ctx, year), title, None)
                p = os.path.join(sd, f"{form.id}-{ydir}-seed.xlsx")
                wb.save(p)
                manifest["files"].append({"path": os.path.relpath(p, args.out), "form": form.id, "year": year,
                                          "kind": "seed"})

    by_school_path = {(f["form"], f["year"], f.get("school")): f["path"] for f in manifest["files"] if f["kind"] == "school"}
    # planted mistakes: copies of a school's clean file with one mistake each
    for fid, year, idx, stem, fn, what, need_form in PLANTED:
        if fid not in have:
            continue
        form = next(f for f in FORMS if f.id == fid)
        lay = layout(ctx, fid)
        ydir = year.replace("/", "-")
        s = ctx.schools[idx]
        figures = form.data(ctx, year)
        prng = random.Random(f"{args.seed}:{fid}:{year}:{s.code}")
        ctx.period_label, ctx.school_label = f"{year} учебный год", s.short
        title = {"school": s.short, "period": period_text(lay["period"], year),
                 "responsible": person(prng), "phone": phone(prng), "filled": filled_date(ctx, lay, year, prng)}
        wb, w = write_workbook(ctx, lay, figures[s.code], title, None)
        expected = fn(wb, w)
        pd = os.path.join(args.out, ydir, "planted")
        if pd not in outdirs:
            shutil.rmtree(pd, ignore_errors=True)
            outdirs.add(pd)
        os.makedirs(pd, exist_ok=True)
        p = os.path.join(pd, f"{fid}-{ydir}-{s.code}-{stem}.xlsx")
        wb.save(p)
        ods = stem in ("percent-as-text", "moved-columns")   # two planted files travel as ODS
        if ods and not args.no_ods:
            to_ods.append(p)
        manifest["files"].append({"path": os.path.relpath(p[:-4] + ("ods" if ods and not args.no_ods else "xlsx"), args.out),
                                  "form": fid, "year": year, "school": s.code, "kind": "planted", "mistake": stem,
                                  "what": what, "validate_form": need_form,
                                  "previous": by_school_path.get((fid, previous_year(year), s.code)) if stem == "quality-drop" else None,
                                  "expected": [dict(zip(("rule", "severity", "sheet", "cell"), e)) for e in expected]})

    if to_ods:
        convert_to_ods(to_ods)
    os.makedirs(os.path.join(args.out, REPORTING_YEAR), exist_ok=True)
    with open(os.path.join(args.out, REPORTING_YEAR, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    n = len(manifest["files"])
    print(f"{n} files ({len(to_ods)} ODS) for forms {sorted({f['form'] for f in manifest['files']})}; "
          f"skipped: {manifest['skipped'] or 'none'}")


def previous_year(year):
    a, b = year.split("/")
    return f"{int(a) - 1}/{int(b) - 1}"


def convert_to_ods(paths):
    """One LibreOffice call per folder (soffice converts a batch), then the XLSX originals go."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found (apt-get install libreoffice-calc-nogui), or use --no-ods")
    by_dir = {}
    for p in paths:
        by_dir.setdefault(os.path.dirname(p), []).append(p)
    with tempfile.TemporaryDirectory() as profile:
        for d, files in by_dir.items():
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "ods", "--outdir", d] + files,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for f in files:
                if not os.path.exists(f[:-4] + "ods"):
                    sys.exit(f"LibreOffice did not write {f[:-4]}ods")
                os.remove(f)


if __name__ == "__main__":
    main()
