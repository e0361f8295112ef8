#!/usr/bin/env python3
"""Writes one reporting year of filled МСОКО forms from all 62 general-education schools of Tula
into Samples/<academic-year>/<form>/, plus the seed's own city figures (Samples/seed/<year>/) and
a handful of files with the typical mistakes of real schools (Samples/planted/<year>/).
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
  office programs. LibreOffice runs with a profile that writes no thumbnail (half an ODS's size).
- The manifest (Samples/manifest-<reporting year>.json, beside the year's folder) lists every file; planted and seed entries
  carry `expected` findings, `previous` (validated with --previous) and `validate_form` — the one
  source of truth for check_samples.py and the Swift tests (SEED_EXPECTED, SEED_PREVIOUS below).

Forms: vpr, rkr, gia9, ege, diag10, contingent, staff, director, teachers-pd, talents, career,
upbringing, upbringing-quarterly, upbringing-monthly, dod, low-results, objectivity (FORMS below). Pupils by grade are one
city shared by all forms (`kids`); fixed rows, totals and computed fields come from the schema
(`schema_meta`, `table`, `fill_computed`); a seed file is the schools' sum (`city_sum`) with the
seed's printed figures over it.

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

def default_svod():
    """$SVOD, else the project's own build (release, then debug), else `svod` on PATH."""
    if os.environ.get("SVOD"):
        return os.environ["SVOD"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for kind in ("release", "debug"):
        path = os.path.join(root, ".build", kind, "svod")
        if os.access(path, os.X_OK):
            return path
    return "svod"


SVOD = default_svod()
N_SCHOOLS = 62
REPORTING_YEAR = "2019-2020"
SEED_TITLE_SCHOOL = "co9"      # Титул!C3 of the seed files: a registry code (the city is not in the registry)   # the manifest of all files lives in Samples/<reporting year>/


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


def read_registry(schemas, kind="general-school"):
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
        if o.get("kind") != kind:
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
        for yi, year in enumerate(ST.VPR_YEARS):
            # the schools' counts give the corrected figure; the seed file types the misprint
            fix = ST.VPR_MISPRINTS.get((year, klass, subj), {})
            s, q = ST.number(succ[yi]), ST.number(fix.get("quality", qual[yi]))
            N = int((base[klass] if klass in base else base11[subj]) * rng.uniform(0.93, 1.0))
            ratio5 = rng.uniform(0.25, 0.4)
            while True:  # the form publishes one decimal: «87» is taken as 87,0
                marks = city_marks(N, s, q, max(1, places_of(succ[yi])), max(1, places_of(fix.get("quality", qual[yi]))), ratio5, rng)
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
    """The schools that wrote a ВПР: all day schools in grades 4–6 (the НОШ in grade 4); in grade 11
    a subject is written by a seeded half of the schools with a senior stage."""
    if klass in ("4", "5", "6"):
        return [s for s in ctx.schools if s.primary] + ([ctx.nosh] if klass == "4" and ctx.nosh else [])
    rng = random.Random(f"{ctx.seed}:vpr11:{subj}")
    return [s for s in ctx.schools if s.senior and s.primary and rng.random() < 0.55]


def vpr_quality(row):
    return share(row[0] + row[1], sum(row))


def data_vpr(ctx, year):
    city = vpr_city(ctx)
    res = {s.code: {"results": []} for s in all_schools(ctx, ("primary-school",))}
    for line, klass, subj, _s, _q in ST.VPR["rows"]:
        takers = vpr_takers(ctx, klass, subj)
        rows_by_year = {}
        rng = random.Random(f"{ctx.seed}:vprq:{klass}:{subj}")
        bias = [0.9 * s.strength + rng.gauss(0, 0.08) for s in takers]   # the same in both years
        years = ST.VPR_YEARS[::-1]                          # the earliest year first
        for y in years:
            marks = city[(y, klass, subj)]
            n = participants(ctx, takers, sum(marks), f"vpr:{klass}:{subj}:{y}")
            rows_by_year[y] = allocate(n, marks, bias, MARK_SCORES)
        for earlier, later in zip(years, years[1:]):
            keep_trend(rows_by_year[later], rows_by_year[earlier], limit=15)
        plant_risk(ctx, "vpr", (klass, subj), takers, rows_by_year)
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


# ---------------------------------------------------------------- planted risk-zone schools (3.2)
# A handful of schools made to fall into a risk zone (Schemas/indicators/risk-zones.yaml) — or to
# miss it by one pupil — by moving marks between schools: a «3» here for a «2» at a donor school,
# a «5» here for a «4» there (a «4» for a «2» where a school has too few «3»). Every city total
# stays, so the sums still equal the seed's tables; a school whose quality moves by more than 15
# points gets its vpr.quality-trend warning (check 2 derives them from the figures). Targets per year:
# ("at", p) — «2» exactly p % of the row's participants (chosen where p % is a whole number of
# pupils); ("over", p) — at least p %; ("under", p) — one pupil short of p %; ("below", p) — under
# p % (left alone if it already is); ("no5",) — no «5».
# `expect` is what `svod indicators … --period 2019/2020` must say of the school (identification
# year 2020/2021; the window of 3.2 is 2017/2018–2019/2020); written into the manifest.
RISK_PLANTS = [
    {"name": "one-criterion", "what": "ВПР 4 класс, окружающий мир: ни одной «5» в 2018/2019 и 2019/2020",
     "rows": [("vpr", ("4", "world"), {"2018/2019": ("no5",), "2019/2020": ("no5",)})],
     "expect": {"verdict": "risk", "risks": ["vpr4"]}},
    {"name": "borderline", "what": "ВПР 4 класс, {subject}: «2» ровно у 20 % в {years} (20 % — уже «20 % и более»)",
     # the first 4th-grade subject and pair of years where 20 % is a whole number of pupils
     "choices": [[("vpr", ("4", subj), {y: ("at", 20) for y in years})]
                 for years in (("2017/2018", "2018/2019"), ("2018/2019", "2019/2020"), ("2017/2018", "2019/2020"))
                 for subj in ("math", "rus")],
     "expect": {"verdict": "risk", "risks": ["vpr4"]}},
    {"name": "just-under", "what": "ВПР 4 класс, русский язык: «2» на одного ученика меньше 20 % во всех трёх годах",
     "rows": [("vpr", ("4", "rus"), {y: ("under", 20) for y in ("2017/2018", "2018/2019", "2019/2020")})],
     "expect": {"verdict": "clear", "risks": []}},
    {"name": "two-criteria", "what": "ОГЭ, математика и русский язык: «2» у 30 % и более в 2017/2018 и 2018/2019, "
                                     "в 2019/2020 меньше (положительная динамика)",
     "rows": [("gia9", "math", {"2017/2018": ("over", 35), "2018/2019": ("over", 32), "2019/2020": ("below", 20)}),
              ("gia9", "rus", {"2017/2018": ("over", 33), "2018/2019": ("over", 31), "2019/2020": ("below", 15)})],
     "expect": {"verdict": "risk", "risks": ["oge-math", "oge-rus"], "positive_dynamics": True}},
    {"name": "vpr56", "what": "ВПР 5 класс, русский язык, 2018/2019 и 6 класс, математика, 2019/2020: «2» у 30 % и более "
                              "(две работы за два года)",
     "rows": [("vpr", ("5", "rus"), {"2018/2019": ("over", 30)}), ("vpr", ("6", "math"), {"2019/2020": ("over", 30)})],
     "expect": {"verdict": "risk", "risks": ["vpr56"]}},
    {"name": "late", "what": "ВПР 4 класс, русский язык: «2» у 20 % и более в 2017/2018 и 2019/2020; файл 2017/2018 не прислан "
                             "(он в late/2017-2018/)",
     "rows": [("vpr", ("4", "rus"), {"2017/2018": ("over", 20), "2019/2020": ("over", 20)})],
     "late": ("vpr", "2017/2018"),
     "expect": {"verdict": "no-data", "risks": []}, "expect_with_late": {"verdict": "risk", "risks": ["vpr4"]}},
]
# Schools the plants must not take: those the clean figures already put in a risk zone (ЕГЭ profile
# mathematics: weak schools with few takers have nobody at 81+ in two of the three years).
RISK_AVOID = {"co7", "co9", "co26", "vosh"}


def vpr_row_sizes(ctx, key, year):
    """{school: participants} of a ВПР row in a year — the same split data_vpr makes."""
    klass, subj = key
    takers = vpr_takers(ctx, klass, subj)
    n = participants(ctx, takers, sum(vpr_city(ctx)[(year, klass, subj)]), f"vpr:{klass}:{subj}:{year}")
    return {s.code: x for s, x in zip(takers, n)}


def risk_plan(ctx):
    """[(plant, school code)]: the weakest day schools first, each school planted once; an
    («at», p) target takes a school whose row has a whole number of pupils at p %."""
    if "risk" in ctx._cache:
        return ctx._cache["risk"]
    day = sorted((s for s in ctx.schools if s.primary and s.code not in RISK_AVOID), key=lambda s: s.strength)
    used, plan = set(), []

    def fits(rows, s):
        for form, key, targets in rows:
            for y, t in targets.items():
                if t[0] == "at" and (vpr_row_sizes(ctx, key, y)[s.code] * t[1]) % 100:
                    return False
        return True
    for plant in RISK_PLANTS:
        pick = next(((rows, s) for rows in plant.get("choices", [plant.get("rows")]) for s in day
                     if s.code not in used and fits(rows, s)), None)
        if pick is None:
            raise SystemExit(f"risk plant {plant['name']}: no school fits")
        rows, s = pick
        _f, key, targets = rows[0]
        subj = key[1] if isinstance(key, tuple) else key
        plant = dict(plant, rows=rows, what=plant["what"].format(
            subject={"math": "математика", "rus": "русский язык"}.get(subj, subj), years=" и ".join(sorted(targets))))
        used.add(s.code)
        plan.append((plant, s.code))
    ctx._cache["risk"] = plan
    return plan


def plant_risk(ctx, form, key, schools, rows_by_year):
    """Apply the plants of this form's row to rows_by_year[year][i] = [n5, n4, n3, n2]."""
    plan = risk_plan(ctx)
    planted = {code for _p, code in plan}
    index = {s.code: i for i, s in enumerate(schools)}
    for plant, code in plan:
        for f, k, targets in plant["rows"]:
            if f != form or k != key:
                continue
            for year, target in targets.items():
                rows = rows_by_year[year]
                donors = [j for j, s in enumerate(schools) if s.code not in planted and sum(rows[j])]
                set_marks(rows, index[code], target, donors, f"{plant['name']} {form} {key} {year}")


def set_marks(rows, i, target, donors, what):
    n = sum(rows[i])
    if target[0] == "no5":
        while rows[i][0]:
            k = max(donors, key=lambda j: rows[j][1])
            if not rows[k][1]:
                raise SystemExit(f"{what}: no donor has a «4»")
            rows[i][0] -= 1; rows[i][1] += 1; rows[k][1] -= 1; rows[k][0] += 1
        return
    p = target[1]
    need = -(-n * p // 100)                       # ceil: the fewest «2» that make p %
    want = {"at": need, "over": max(need, rows[i][3]), "under": need - 1, "below": min(need - 1, rows[i][3])}[target[0]]
    if target[0] == "at" and need * 100 != n * p:
        raise SystemExit(f"{what}: {p} % of {n} is not a whole number of pupils")
    while rows[i][3] < want:                      # a «3» here (else a «4», a «5») becomes a «2»; a donor's «2» that mark
        k = max(donors, key=lambda j: rows[j][3])
        m = next((m for m in (2, 1, 0) if rows[i][m]), None)
        if m is None or not rows[k][3]:
            raise SystemExit(f"{what}: no mark to turn into a «2»")
        rows[i][m] -= 1; rows[i][3] += 1; rows[k][3] -= 1; rows[k][m] += 1
    while rows[i][3] > want:                      # and back: the donor with the fewest «2» takes one
        k = min((j for j in donors if rows[j][2]), key=lambda j: rows[j][3] / sum(rows[j]))
        rows[i][3] -= 1; rows[i][2] += 1; rows[k][2] -= 1; rows[k][3] += 1


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




# ================================================================ the other forms (issue 5)
# Shared machinery: the schema's fixed rows, totals and computed fields are read from the YAML
# (svod's JSON layout omits them); computed fields are evaluated from their rule (exact
# fractions, rounded half up at the field's places), so a form's data function gives inputs only.
from fractions import Fraction

_meta = {}


def schema_meta(ctx, form):
    """{sheet id: {"rows": [dict], "totals": {...} or None, "computed": {code: (expr, when)}}}."""
    if form in _meta:
        return _meta[form]
    text = open(os.path.join(ctx.schemas, "forms", form + ".yaml"), encoding="utf-8").read()
    sheets, cur, mode = {}, None, None
    for line in text.split("\n"):
        if re.match(r"^rules:", line):
            break
        m = re.match(r"^  - id:\s*(\S+)", line)
        if m:
            cur = sheets.setdefault(m.group(1), {"rows": [], "totals": None, "computed": set()})
            mode = None
            continue
        if cur is None:
            continue
        s = line.split(" #")[0].rstrip()
        if re.match(r"^    rows:\s*$", s):
            mode = "rows"; continue
        m = re.match(r"^    totals:\s*(\{.*\})?\s*$", s)
        if m:
            cur["totals"] = {"labels": [], "fields": [], "group": [], "label": None}
            mode = "totals"
            if m.group(1):
                body = m.group(1)
                mm = re.search(r"label-field:\s*([\w-]+)", body)
                cur["totals"]["label"] = mm.group(1) if mm else None
                for k, key in (("labels", "labels"), ("fields", "fields"), ("group", "group-by")):
                    mm = re.search(key + r":\s*\[([^\]]*)\]", body)
                    if mm:
                        cur["totals"][k] = [x.strip() for x in mm.group(1).split(",") if x.strip()]
                mode = None
            continue
        if re.match(r"^    \S", s):
            mode = "fields" if re.match(r"^    fields:", s) else None
        if mode == "rows":
            m = re.match(r"^\s+- \{(.*)\}\s*$", s)
            if m:
                cur["rows"].append({k: v.strip().strip('"') for k, v in re.findall(r"([\w-]+):\s*(\"[^\"]*\"|[^,]+)", m.group(1))})
        elif mode == "totals":
            mm = re.match(r"^\s+label-field:\s*([\w-]+)", s)
            if mm:
                cur["totals"]["label"] = mm.group(1)
            mm = re.match(r"^\s+(labels|fields|group-by):\s*\[(.*)\]?\s*$", s)
            if mm:
                cur["totals"][{"group-by": "group"}.get(mm.group(1), mm.group(1))] = [x.strip() for x in mm.group(2).rstrip("]").split(",") if x.strip()]
            elif re.match(r"^\s{8,}\S", s) and cur["totals"]["fields"] and not s.strip().startswith(("label", "group")):
                cur["totals"]["fields"] += [x.strip() for x in s.strip().rstrip("]").split(",") if x.strip()]
        m = re.search(r"code:\s*([\w]+).*computed:\s*true", s)
        if m:
            cur["computed"].add(m.group(1))
    lay = layout(ctx, form)
    comp = {}
    for r in lay.get("rules", []):
        m = re.match(r"^\s*(\w+)\s*=\s*(.+)$", r["check"])
        if m and m.group(1) in sheets.get(r.get("sheet"), {}).get("computed", ()):
            comp.setdefault(r["sheet"], {})[m.group(1)] = (m.group(2), r.get("when"))
    for sid, sh in sheets.items():
        sh["computed"] = comp.get(sid, {})
    _meta[form] = sheets
    return sheets


FUNCS = {"MIN": min, "MAX": max, "ABS": abs}


def evaluate(expr, rec):
    """An expression of the rule language over one record (numbers as Fractions); None if a value
    is missing or a division by zero."""
    py = expr.replace("<>", "!=")
    py = re.sub(r"(?<![<>!=])=(?!=)", "==", py)
    py = re.sub(r"\bAND\b", " and ", re.sub(r"\bOR\b", " or ", re.sub(r"\bNOT\b", " not ", py)))
    py = re.sub(r"\b[a-z_][a-z0-9_]*\.([a-z_][a-z0-9_]*)\b", r"\1", py)   # sheet.field: same record here

    def val(m):
        name = m.group(0)
        if name in FUNCS or name in ("and", "or", "not"):
            return name
        v = rec.get(name)
        if v is None:
            raise KeyError(name)
        if isinstance(v, bool):
            return str(v)
        return f"Fraction('{v}')"
    try:
        py = re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*\b(?!\()", val, py)
        return eval(py, {"Fraction": Fraction, **FUNCS})
    except (KeyError, ZeroDivisionError):
        return None


def half_up(q, places):
    q = Fraction(q) * 10 ** places
    n = math.floor(abs(q) + Fraction(1, 2))
    return float(Fraction(n if q >= 0 else -n, 10 ** places))


def fill_computed(ctx, form, values):
    """Computed fields of every sheet (form cells and table records) from their rules."""
    meta = schema_meta(ctx, form)
    lay = layout(ctx, form)
    places = {(s["id"], f["code"]): f.get("places", 1) for s in lay["sheets"] for f in s["fields"]}
    for sid, data in values.items():
        comp = meta.get(sid, {}).get("computed", {})
        for rec in (data if isinstance(data, list) else [data]):
            for code, (expr, when) in comp.items():
                ok = evaluate(when, rec) if when else True
                v = evaluate(expr, rec) if ok else None
                rec[code] = None if v is None else half_up(v, places[(sid, code)])
    return values


def list_names(schemas):
    """Every reference list's items, list id → code → name, read from the YAML as text (no YAML library needed)."""
    out = {}
    for fn in sorted(os.listdir(os.path.join(schemas, "reference"))):
        cur = None
        for line in open(os.path.join(schemas, "reference", fn), encoding="utf-8"):
            m = re.match(r"^  - id:\s*(\S+)", line)
            if m:
                cur = m.group(1)
            m = re.match(r"\s*-\s*\{code:\s*\"?([\w-]+)\"?,\s*name:\s*(\"[^\"]*\"|[^,}]+)", line)
            if m and cur:
                out.setdefault(cur, {})[m.group(1)] = m.group(2).strip().strip('"')
    return out


_names = {}


def list_name(ctx, list_id, code):
    """The item's name in the reference lists (what a school types), by list."""
    if not _names:
        _names.update(list_names(ctx.schemas))
    return _names.get(list_id, {}).get(code, code)


def table(ctx, form, sid, by_key, total=True):
    """The sheet's fixed rows in the schema's order, each {key fields: names} + by_key[key tuple]
    (missing rows get zeros in the total's fields), then the «Всего» row(s) when the sheet has totals."""
    meta = schema_meta(ctx, form)[sid]
    lay = layout(ctx, form)
    sheet = next(s for s in lay["sheets"] if s["id"] == sid)
    lists = {f["code"]: f.get("list") for f in sheet["fields"]}
    keys = sheet.get("key") or []
    out = []
    tot = meta["totals"]
    for row in meta["rows"]:
        k = tuple(row[x] for x in keys)
        rec = {x: list_name(ctx, lists[x], row[x]) if lists.get(x) else row[x] for x in keys}
        rec.update(by_key.get(k if len(k) > 1 else k[0], {}))
        rec["_key"] = k
        out.append(rec)
    if tot and total:
        numeric = tot["fields"]
        lf = tot["label"] or keys[0]
        label = tot["labels"][0] if tot["labels"] else "Всего"
        res = []
        for g, recs in _group(out, tot["group"]):
            t = {x: recs[0][x] for x in tot["group"]}
            t[lf] = label
            for f in numeric:
                vals = [r.get(f) for r in recs]
                t[f] = sum(v for v in vals if v is not None) if any(v is not None for v in vals) else None
            res += recs + [t]
        out = res
    for r in out:
        r.pop("_key", None)
    return out


def _group(recs, fields):
    if not fields:
        return [((), recs)]
    out = {}
    for r in recs:
        out.setdefault(tuple(r[f] for f in fields), []).append(r)
    return list(out.items())


# ---------------------------------------------------------------- one city of pupils
# Pupils by grade at the end of each year, per school, shared by every form that asks for them
# (contingent, gia9/ege graduates, talents, career, upbringing, dod, the quarterly and monthly
# forms), so one school's forms agree with one another.
CITY_PUPILS = {  # year: (all pupils of the 62 schools and the НОШ, grade 9, grade 11)
    "2017/2018": (53460, 4418, 2540),      # grade 9: 4382 sat ГИА-9 Russian (line 547) + 30 not admitted (570)
    "2018/2019": (53910, 4690, 2560),
    "2019/2020": (54280, 4686, 2600),      # line 457: 54280; 4686: 4679 certificates = 99,9 % (line 598)
    "2020/2021": (54650, 4712, 2570),
}
GRADE_WEIGHT = [1.12, 1.1, 1.08, 1.06, 1.04, 1.02, 1.0, 0.98, 0, 0.55, 0]


def all_schools(ctx, form_submitters=("general-school",)):
    return ctx.schools + ([ctx.nosh] if "primary-school" in form_submitters and ctx.nosh else [])


def grades_of(s):
    if s.code == getattr(s, "nosh_code", None) or getattr(s, "nosh", False):
        return range(1, 5)
    if s.evening:
        return range(9, 12)
    return range(1, 12)


def kids(ctx, year):
    """{school code: [pupils of grade 1..11]} at the end of the year."""
    if year in ctx._kids:
        return ctx._kids[year]
    total, g9, g11 = CITY_PUPILS[year]
    schools = all_schools(ctx, ("primary-school",))
    rest = total - g9 - g11
    if year == "2020/2021":        # grades 10–11 follow the profiles of table 2.7.1 (see career)
        senior = career_senior(ctx)
        s10 = sum(senior[s.code][0] for s in ctx.schools)
        s11 = sum(senior[s.code][1] for s in ctx.schools)
        g11 = s11
        rest = total - g9 - s10 - s11
    per_grade = split_total(rest, GRADE_WEIGHT[:8])
    if year != "2020/2021":
        w10 = GRADE_WEIGHT[9]
        per_grade = split_total(rest, GRADE_WEIGHT[:8] + [w10])
    out = {s.code: [0] * 11 for s in schools}
    for g in range(1, 12):
        if g == 9:
            T = g9
        elif g == 11:
            T = g11
        elif g == 10:
            if year == "2020/2021":
                continue
            T = per_grade[8]
        else:
            T = per_grade[g - 1]
        takers = [s for s in schools if g in grades_of(s)]
        w = [s.size * (1.0 + 0.08 * math.sin(sum(map(ord, s.code)) % 97 + g)) for s in takers]
        for s, n in zip(takers, split_total(T, w)):
            out[s.code][g - 1] = n
    if year == "2020/2021":
        for s in ctx.schools:
            out[s.code][9], out[s.code][10] = senior[s.code]
    ctx._kids[year] = out
    return out


def total_pupils(ctx, year, code):
    return sum(kids(ctx, year)[code])


def rint(rng, a, b):
    return rng.randint(int(a), int(max(a, b)))


def weights(ctx, schools, key, strength=0.0, noise=0.15):
    rng = random.Random(f"{ctx.seed}:w:{key}")
    return [s.size * math.exp(strength * s.strength) * rng.uniform(1 - noise, 1 + noise) for s in schools]


def split_marks(ctx, schools, n, key, city_marks, spread=0.9):
    """Rows [n5, n4, n3, n2] for each school's n participants adding up to the city's marks."""
    rng = random.Random(f"{ctx.seed}:m:{key}")
    bias = [spread * s.strength + rng.gauss(0, 0.08) for s in schools]
    return allocate(n, city_marks, bias, MARK_SCORES)


def marks_for(N, p5, p4, p2):
    n5, n4, n2 = round(N * p5), round(N * p4), round(N * p2)
    return [n5, n4, N - n5 - n4 - n2, n2]


# ---------------------------------------------------------------- ГИА-9 (2.4.1, 2.4.2)
GIA9_SCHOOL_YEARS = ["2017/2018", "2018/2019", "2019/2020"]      # the earliest first
GIA9_ADMIT = {"2019/2020": {"vosh": (5, 4), "co6": (2, 2)},          # lines 592–596; 6 repeat (572)
              "2018/2019": None}                                    # 19 not admitted (line 571), spread


def gia9_summary(ctx, year):
    key = ("gia9s", year)
    if key in ctx._cache:
        return ctx._cache[key]
    ks = kids(ctx, year)
    grads = {s.code: ks[s.code][8] for s in ctx.schools}
    res = ST.GIA9_RESULTS["rows"]
    row = next(d for _l, y, d in res if y == year)
    na = {s.code: (0, 0) for s in ctx.schools}
    if GIA9_ADMIT.get(year):
        for c, v in GIA9_ADMIT[year].items():
            na[c] = v
    else:
        rng = random.Random(f"{ctx.seed}:na:{year}")
        picks = rng.sample([s.code for s in ctx.schools if not s.strength > 0.4], 9)
        for c, n in zip(picks, split_total(int(row["not_admitted"]), [1] * 9)):
            na[c] = (n, n // 2)
    hon = split_total(int(row["honours"]), weights(ctx, ctx.schools, "honours", 1.2, 0.05),
                      caps=[grads[s.code] - na[s.code][0] for s in ctx.schools])
    out = {}
    for s, h in zip(ctx.schools, hon):
        g = grads[s.code]
        n, rep = na[s.code]
        out[s.code] = {"grads": g, "not_admitted": n, "not_admitted_repeat": rep, "attestat": g - n,
                       "no_attestat": n, "honours": h}
    ctx._cache[key] = out
    return out


def gia9_city_marks(year, subj, N):
    p = {"rus": (0.2, 0.45, 0.01), "math": (0.11, 0.5, 0.015)}.get(subj, (0.16, 0.45, 0.02))
    m = marks_for(N, *p)
    if subj in ("rus", "math"):      # «5» printed in 2.4.2 for 2017/2018 and 2018/2019 (lines 570–571); 2019/2020 alike
        printed = year if year in ("2017/2018", "2018/2019") else "2018/2019"
        d1 = next(d for _l, y, d in ST.GIA9_RESULTS["rows"] if y == printed)
        n5 = int(d1[subj + "5"]) if printed == year else round(N * int(d1[subj + "5"]) / 4665)
        rest = N - n5
        n2 = round(N * p[2])
        n4 = round(rest * 0.55)
        m = [n5, n4, rest - n4 - n2, n2]
    return m


def data_gia9(ctx, year):
    summ = gia9_summary(ctx, year)
    res = {s.code: {"summary": dict(summ[s.code]), "results": {}} for s in ctx.schools}
    d = next(d for _l, y, d in ST.GIA9_RESULTS["rows"] if y == year)
    years = GIA9_SCHOOL_YEARS
    room = {y: [4 * gia9_summary(ctx, y)[s.code]["attestat"] for s in ctx.schools] for y in years}
    for line, subj, vals in ST.GIA9_PARTICIPANTS["rows"]:
        rows_by_year = {}
        for y in years:
            yj = ST.GIA9_YEARS.index(y)
            N = int(vals[yj])
            adm = [gia9_summary(ctx, y)[s.code]["attestat"] for s in ctx.schools]
            # at most 4 exams per admitted pupil (gia9.exams-per-pupil): the city has 3,97
            n = split_total(N, [a * (1 + 0.2 * math.sin(sum(map(ord, s.code + subj)))) + 1e-9 for a, s in zip(adm, ctx.schools)],
                            caps=[min(a, r) for a, r in zip(adm, room[y])])
            room[y] = [r - x for r, x in zip(room[y], n)]
            rows_by_year[y] = split_marks(ctx, ctx.schools, n, f"gia9:{subj}", gia9_city_marks(y, subj, N))
        for earlier, later in zip(years, years[1:]):
            keep_trend(rows_by_year[later], rows_by_year[earlier], limit=15)
        plant_risk(ctx, "gia9", subj, ctx.schools, rows_by_year)
        rows = rows_by_year[year]
        nmax_total = int(d.get(subj + "_max", 0)) if year == "2018/2019" else 0
        nmax = split_total(nmax_total, [r[0] + 1e-9 for r in rows], caps=[r[0] for r in rows]) if nmax_total else [0] * len(rows)
        for s, r, nm in zip(ctx.schools, rows, nmax):
            n = sum(r)
            gve = (1 if n and subj in ("rus", "math") and (s.evening or sum(map(ord, s.code)) % 5 == 0) else 0)
            res[s.code]["results"][subj] = {"n": n, "n_gve": gve, "n5": r[0], "n4": r[1], "n3": r[2], "n2": r[3], "n_max": nm}
    for s in ctx.schools:
        res[s.code]["results"] = table(ctx, "gia9", "results", res[s.code]["results"])
    return res


def seed_gia9(ctx, year):
    """Tables 2.4.1 and 2.4.2 as one «school» file: participants by subject and «Всего
    человеко-экзаменов» as printed, «5» (and the top score) in Russian and mathematics and the
    graduates' lines as printed; what the seed does not print (the other marks, graduates) is the
    sum of the schools' files."""
    book = city_sum(ctx, "gia9", year)
    yi = ST.GIA9_YEARS.index(year)
    d = next(d for _l, y, d in ST.GIA9_RESULTS["rows"] if y == year)
    recs = {r["subject"]: r for r in book["results"]}
    for line, subj, vals in ST.GIA9_PARTICIPANTS["rows"]:
        recs[list_name(ctx, "subjects", subj)]["n"] = int(vals[yi])
    recs["Всего человеко-экзаменов"]["n"] = int(ST.GIA9_PARTICIPANTS["total"][1][yi])
    for k in ("rus", "math"):
        if k + "5" in d:
            recs[list_name(ctx, "subjects", k)]["n5"] = int(d[k + "5"])
        if k + "_max" in d:
            recs[list_name(ctx, "subjects", k)]["n_max"] = int(d[k + "_max"])
    sm = book["summary"]
    sm["honours"] = int(d["honours"])
    sm["not_admitted"] = int(d["not_admitted"])
    if "repeat" in d:
        sm["not_admitted_repeat"] = int(d["repeat"])
    if year == "2019/2020":
        sm["attestat"] = int(ST.GIA9_RESULTS["certificates_2020"][1])
    return book


def form_data(ctx, form, year, part=None):
    """form.data for a year (and quarter/month), once: the seed files and the planted files reuse it."""
    key = ("data", form.id, year, part)
    if key not in ctx._cache:
        ctx._cache[key] = form.data(ctx, year, part) if part else form.data(ctx, year)
    import copy
    return copy.deepcopy(ctx._cache[key])


def city_sum(ctx, form, year, part=None):
    """The schools' files of a form added up as one book: numbers summed (form cells and table
    rows by their key), yes/no true if any school says yes; computed fields are left to
    fill_computed. The seed files start from this and put the seed's printed figures over it."""
    data = form_data(ctx, next(x for x in FORMS if x.id == form), year, part)
    book = {}
    for code, sheets in data.items():
        for sid, v in sheets.items():
            if isinstance(v, dict):
                b = book.setdefault(sid, {})
                for k, x in v.items():
                    if isinstance(x, bool):
                        b[k] = b.get(k, False) or x
                    elif isinstance(x, (int, float)):
                        b[k] = b.get(k, 0) + x
            else:
                b = book.setdefault(sid, [])
                for i, r in enumerate(v):
                    if len(b) <= i:
                        b.append({k: x for k, x in r.items() if isinstance(x, str)})
                    for k, x in r.items():
                        if isinstance(x, bool):
                            b[i][k] = b[i].get(k, False) or x
                        elif isinstance(x, (int, float)):
                            b[i][k] = b[i].get(k, 0) + x
    return book


# ---------------------------------------------------------------- ЕГЭ (2.5.1–2.5.5)
EGE_MIN = {"rus": 24, "math-prof": 27, "phys": 36, "chem": 36, "inf": 40, "bio": 36, "hist": 32, "geo": 37,
           "soc": 42, "lit": 32, "eng": 22, "deu": 22, "fra": 22, "spa": 22}
# participants of the whole city per subject (the seed prints only shares and means): chosen so
# that the shares of 2.5.2 and 2.5.3 round to the printed ones
EGE_N = {"2017/2018": {"rus": 2420, "math-prof": 1450, "phys": 645, "chem": 430, "inf": 330, "bio": 560, "hist": 330,
                       "geo": 50, "soc": 1230, "lit": 140, "eng": 380, "deu": 9, "fra": 14, "spa": 2},
         "2019/2020": {"rus": 2480, "math-prof": 1406, "phys": 608, "chem": 402, "inf": 380, "bio": 520, "hist": 300,
                       "geo": 60, "soc": 1150, "lit": 160, "eng": 420, "deu": 12, "fra": 18, "spa": 4},
         "2018/2019": {"rus": 2450, "math-prof": 1438, "phys": 627, "chem": 410, "inf": 350, "bio": 540, "hist": 320,
                       "geo": 55, "soc": 1200, "lit": 150, "eng": 400, "deu": 10, "fra": 16, "spa": 3}}
EGE_SEED_SUBJ = {"rus": "rus", "math-prof": "math", "phys": "phys"}
EGE_OTHER_MEAN = {"chem": 58, "inf": 62, "bio": 55, "hist": 60, "geo": 60, "soc": 57, "lit": 66, "eng": 72, "deu": 60, "fra": 68, "spa": 60}
EGE_OTHER_100 = {"2017/2018": {"chem": 5, "lit": 4, "hist": 3, "inf": 2, "soc": 1, "eng": 1},
                 "2019/2020": {"chem": 3, "lit": 2, "hist": 2, "soc": 1, "inf": 1}, "2018/2019": {"chem": 6, "lit": 4, "hist": 4, "inf": 3, "soc": 2, "eng": 2, "bio": 3}}


EGE_BASE = {"2017/2018": [420, 439, 277, 14], "2018/2019": [360, 520, 284, 16]}   # «5» «4» «3» «2»


def ege_city_row(year, subj):
    yi = ST.EGE_YEARS.index(year)
    N = EGE_N[year][subj]
    sk = EGE_SEED_SUBJ.get(subj)
    if sk:
        get = lambda part: next(v for _l, k, v in ST.EGE[part]["rows"] if k == sk)[yi]
        share80 = ST.number(get("share80"))
        below = get("below_min").split("/")[-1]
        mean = get("mean").split("/")[-1]
        n100 = int(get("hundred"))
        n81 = round(share80 * N / 100)
        assert share(n81, N) == share80, (year, subj, n81, N)
        return N, int(below), n81, n100, ST.number(mean)
    n81 = round(N * 0.09)
    return N, round(N * 0.02), n81, EGE_OTHER_100[year].get(subj, 0), EGE_OTHER_MEAN[subj]


def ege_bounds(n, below, n81, n100, mn):
    lo = (100 * n100 + 81 * (n81 - n100) + mn * (n - n81 - below)) / n
    hi = (100 * n81 + 80 * (n - n81 - below) + (mn - 1) * below) / n
    return math.ceil(lo * 10 + 1e-9) / 10, math.floor(hi * 10 - 1e-9) / 10


def ege_year(ctx, year):
    key = ("ege", year)
    if key in ctx._cache:
        return ctx._cache[key]
    ks = kids(ctx, year)
    grads = [ks[s.code][10] for s in ctx.schools]
    yi = ST.EGE_YEARS.index(year)
    medals_city = int(next(v for _l, k, v in ST.EGE["city"]["rows"] if k == "medalists")[yi])
    medals = split_total(medals_city, weights(ctx, ctx.schools, "medals", 1.5, 0.05), caps=grads)
    out = {s.code: {"summary": {}, "scores": {}, "base": {}} for s in ctx.schools}
    for subj in EGE_N[year]:
        N, below, n81, n100, mean = ege_city_row(year, subj)
        takers = [s for s in ctx.schools if subj in ("rus",) or random.Random(f"{ctx.seed}:ege:{subj}:{s.code}").random() < min(1, 0.35 + N / 1500)]
        w = weights(ctx, takers, f"ege:{subj}", 0.4, 0.3)
        caps = [ks[s.code][10] for s in takers]
        n = split_total(N, w, caps=caps)
        rng = random.Random(f"{ctx.seed}:egeq:{subj}")
        bias = [s.strength + rng.gauss(0, 0.1) for s in takers]
        # columns: 81+ (of them 100 apart), 80…min, below
        rows = allocate(n, [n100, n81 - n100, N - n81 - below, below], bias, [2.5, 1.5, 0, -1.5])
        mn = EGE_MIN[subj]
        means = []
        for s, r, ni in zip(takers, rows, n):
            if not ni:
                means.append(None)
                continue
            lo, hi = ege_bounds(ni, r[3], r[0] + r[1], r[0], mn)
            target = mean + 9 * s.strength + 6 * (r[0] + r[1]) / ni - 4 * r[3] / ni
            means.append(min(hi, max(lo, rnd(target))))
        # nudge the schools' means by 0,1 until the city mean rounds to the printed one
        want_lo, want_hi = (mean - 0.05) * N, (mean + 0.05) * N
        order = sorted(range(len(takers)), key=lambda i: -n[i])
        for _ in range(20000):
            S = sum(m * ni for m, ni in zip(means, n) if m is not None)
            if want_lo <= S < want_hi:
                break
            step = 0.1 if S < want_lo else -0.1
            moved = False
            for i in order:
                if means[i] is None:
                    continue
                lo, hi = ege_bounds(n[i], rows[i][3], rows[i][0] + rows[i][1], rows[i][0], mn)
                nv = rnd(means[i] + step)
                if lo <= nv <= hi:
                    means[i] = nv
                    moved = True
                    break
            order = order[1:] + order[:1]
            if not moved:
                raise SystemExit(f"ЕГЭ {year} {subj}: the city mean {mean} is out of the schools' reach")
        for s, r, ni, m in zip(takers, rows, n, means):
            out[s.code]["scores"][subj] = {"year": int(year[-4:]), "n": ni, "mean": m, "below": r[3],
                                           "n81": r[0] + r[1], "n100": r[0]}
    two = int(next(v for _l, k, v in ST.EGE["city"]["rows"] if k == "two_hundreds")[yi])
    two_left = two
    for s, g, md in zip(ctx.schools, grads, medals):
        sc = out[s.code]["scores"]
        n100 = sum(r["n100"] for r in sc.values())
        x2 = 1 if two_left and n100 >= 2 else 0
        two_left -= x2
        na = 0
        adm = g - na
        n81max = max([r["n81"] for r in sc.values()] or [0])
        grads80 = min(adm, n81max + round(0.25 * n81max))
        rng = random.Random(f"{ctx.seed}:egesum:{year}:{s.code}")
        nb = max(1, round(0.004 * g)) if g > 30 and not s.strength > 0.3 else 0
        out[s.code]["summary"] = {"grads": g, "not_admitted": na, "attestat": g - nb, "no_attestat": nb,
                                  "medal1": md, "medal2": 0, "medals": md, "medal_no60": min(md, rng.randint(0, 2)),
                                  "grads80": grads80, "grads100": n100 - x2, "grads100x2": x2,
                                  "grads3": max(0, adm - rng.randint(2, 8) - nb)}
    if two_left:
        raise SystemExit(f"ЕГЭ {year}: {two_left} «two hundreds» left unplaced")
    # базовая математика: 2018 — mean mark 4,1 and 14 «2», 2019 — «4/…» and 16 «2» (2.5.1, 2.5.3);
    # 2020 — not held. 2018: (5·420 + 4·439 + 3·277 + 2·14) / 1150 = 4,1
    if year in EGE_BASE:
        takers = ctx.schools
        marks = EGE_BASE[year]
        n = split_total(sum(marks), weights(ctx, takers, "ege:base", 0, 0.3), caps=[ks[s.code][10] for s in takers])
        rows = split_marks(ctx, takers, n, "ege:base", marks)
    else:
        rows = [[0, 0, 0, 0] for _ in ctx.schools]
    for s, r in zip(ctx.schools, rows):
        out[s.code]["base"] = {"n": sum(r), "n5": r[0], "n4": r[1], "n3": r[2], "n2": r[3]}
    ctx._cache[key] = out
    return out


def data_ege(ctx, year):
    d = ege_year(ctx, year)
    res = {}
    for s in ctx.schools:
        x = d[s.code]
        sc = {k: dict(v) for k, v in x["scores"].items()}
        recs = table(ctx, "ege", "scores", sc)
        for r in recs:
            r.setdefault("year", int(year[-4:]))
            for k in ("n", "below", "n81", "n100"):
                r.setdefault(k, 0)
        res[s.code] = {"summary": dict(x["summary"]), "scores": recs, "base": dict(x["base"])}
    return res


def seed_ege(ctx, year):
    """Tables 2.5.1–2.5.5 as one file: the printed means, counts below the minimum, 100-point
    results, medalists, «сотни» and two-hundreds; participants and 81+ counts are the schools' sums
    (their shares give 2.5.2); the base mathematics mark as the mean mark."""
    book = city_sum(ctx, "ege", year)
    yi = ST.EGE_YEARS.index(year)
    d = ege_year(ctx, year)
    recs = {r["subject"]: r for r in book["scores"]}
    for r in book["scores"]:
        r["year"] = int(year[-4:])
    for subj in EGE_N[year]:
        r = recs[list_name(ctx, "subjects", subj)]
        tot = sum(d[s.code]["scores"][subj]["mean"] * d[s.code]["scores"][subj]["n"]
                  for s in ctx.schools if subj in d[s.code]["scores"] and d[s.code]["scores"][subj]["n"])
        r["mean"] = rnd(tot / r["n"]) if r.get("n") else None
        sk = EGE_SEED_SUBJ.get(subj)
        if sk:
            get = lambda part: next(v for _l, k, v in ST.EGE[part]["rows"] if k == sk)[yi]
            r["mean"] = ST.number(get("mean").split("/")[-1])
            r["below"] = int(get("below_min").split("/")[-1])
            r["n100"] = int(get("hundred"))
    sm = book["summary"]
    city = {k: int(v[yi]) for _l, k, v in ST.EGE["city"]["rows"]}
    sm["medal1"], sm["medals"] = city["medalists"], city["medalists"]
    sm["grads100x2"] = city["two_hundreds"]
    return book


# ---------------------------------------------------------------- 10th-grade diagnostics (2.6.1, 2020/2021)
def diag10_city(line, subj, N, succ, qual, mean):
    """City marks for a row of 2.6.1: the nearest counts to the printed shares and mean mark
    (chemistry's 95,6 % / 75,4 % of 312 are unreachable: 298 and 235 are taken, 95,5 % and 75,3 %)."""
    N = int(N)
    s, q, m = ST.number(succ), ST.number(qual), ST.number(mean)
    best = None
    for ks in range(N + 1):
        if abs(ks * 100 / N - s) > 0.2:
            continue
        for kq in range(ks + 1):
            if abs(kq * 100 / N - q) > 0.2:
                continue
            for n5 in range(kq + 1):
                n4, n3, n2 = kq - n5, ks - kq, N - ks
                mm = (5 * n5 + 4 * n4 + 3 * n3 + 2 * n2) / N
                # the form publishes one decimal: «74%» is taken as 74,0, «4» as 4,0
                err = (abs(share(ks, N, 1) - s) + abs(share(kq, N, 1) - q) * 1.0001
                       + abs(float(Decimal(str(mm)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) - m) * 10
                       + abs(n5 / max(kq, 1) - 0.3) * 0.01)
                if best is None or err < best[0]:
                    best = (err, [n5, n4, n3, n2])
    return best[1]


def data_diag10(ctx, year):
    ks = kids(ctx, year)
    res = {s.code: {"summary": {"pupils": ks[s.code][9]}, "results": {}} for s in ctx.schools}
    tops = {subj: int(n) for _l, subj, n, _p in ST.DIAG10["top"]}
    for line, subj, N, succ, qual, mean in ST.DIAG10["rows"]:
        marks = diag10_city(line, subj, N, succ, qual, mean)
        takers = [s for s in ctx.schools if ks[s.code][9] and (subj in ("rus", "math") or
                  random.Random(f"{ctx.seed}:d10:{subj}:{s.code}").random() < min(1, int(N) / 900 + 0.05))]
        n = split_total(int(N), weights(ctx, takers, f"d10:{subj}", 0.3, 0.3), caps=[ks[s.code][9] for s in takers])
        rows = split_marks(ctx, takers, n, f"d10:{subj}", marks)
        top = tops.get(subj, 0)
        tm = split_total(top, [r[0] + 1e-9 for r in rows], caps=[r[0] for r in rows]) if top else [0] * len(rows)
        for s, r, t in zip(takers, rows, tm):
            res[s.code]["results"][subj] = {"n": sum(r), "n5": r[0], "n4": r[1], "n3": r[2], "n2": r[3], "n_max": t}
    for s in ctx.schools:
        rs = res[s.code]["results"]
        res[s.code]["results"] = [dict({"n": 0, "n5": 0, "n4": 0, "n3": 0, "n2": 0, "n_max": 0}, **{k: v for k, v in r.items()})
                                  for r in table(ctx, "diag10", "results", rs)]
    return res


def seed_diag10(ctx, year):
    """Table 2.6.1 as printed: pupils, % выполнения, % качества, mean mark (as text where printed
    with «%»: the form types them as numbers), the top scores of lines 710–720; the marks are the
    schools' sums (the seed prints none)."""
    book = city_sum(ctx, "diag10", year)
    recs = {r["subject"]: r for r in book["results"]}
    book["_fixed"] = {}
    for line, subj, N, succ, qual, mean in ST.DIAG10["rows"]:
        r = recs[list_name(ctx, "subjects", subj)]
        r["n"] = int(N)
        book["_fixed"][r["subject"]] = {"success": ST.number(succ), "quality": ST.number(qual), "mean": ST.number(mean)}
    return book


# ---------------------------------------------------------------- career: profiles (2.7.1, 2020/2021)
PROFILE_CODES = {"tech": "tech", "science": "sci", "humanities": "hum", "socio-economic": "socecon", "universal": "univ"}


def career_profiles(ctx):
    """{school: {profile: (classes, pupils)}}: every column of table 2.7.1 (classes, pupils, number
    of schools) and the number of profiles per school (lines 754–758: 29 schools with one, 16
    with two, 11 with three, 6 with four) exactly."""
    if "profiles" in ctx._cache:
        return ctx._cache["profiles"]
    rows = ST.PROFILES["rows"]
    need = {PROFILE_CODES[p]: int(sch) for _l, p, _c, _n, sch in rows}
    counts = [4] * 6 + [3] * 11 + [2] * 16 + [1] * 29
    order = sorted(ctx.schools, key=lambda s: -s.size * math.exp(s.strength))
    has = {s.code: [] for s in ctx.schools}
    for s, k in zip(order, counts):
        for p in sorted(need, key=lambda p: (-need[p], p))[:k]:
            has[s.code].append(p)
            need[p] -= 1
    assert all(v == 0 for v in need.values()), need
    out = {s.code: {} for s in ctx.schools}
    for _l, p, cls, pup, _sch in rows:
        pc = PROFILE_CODES[p]
        schools = [s for s in ctx.schools if pc in has[s.code]]
        c = split_total(int(cls) - len(schools), [s.size for s in schools])
        c = [x + 1 for x in c]
        n = split_total(int(pup), [x * 21 for x in c])
        for s, a, b in zip(schools, c, n):
            out[s.code][pc] = (a, b)
    ctx._cache["profiles"] = out
    return out


def career_senior(ctx):
    """Grades 10 and 11 of 2020/2021 per school: the profile pupils plus the rest (4759 are
    93,3 % of 5100, line 738)."""
    if "senior" in ctx._cache:
        return ctx._cache["senior"]
    prof = career_profiles(ctx)
    pp = [sum(b for _a, b in prof[s.code].values()) for s in ctx.schools]
    extra = split_total(5100 - sum(pp), [s.size for s in ctx.schools])
    out = {}
    for s, a, e in zip(ctx.schools, pp, extra):
        t = a + e
        out[s.code] = (t - t // 2, t // 2)
    ctx._cache["senior"] = out
    return out


def data_career(ctx, year):
    ks = kids(ctx, year)
    prof = career_profiles(ctx)
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:career:{s.code}")
        P = sum(ks[s.code])
        g10, g11 = ks[s.code][9], ks[s.code][10]
        pr = prof[s.code]
        pcl = sum(a for a, _b in pr.values())
        ppu = sum(b for _a, b in pr.values())
        net = {p: (1 if a >= 2 and rng.random() < 0.3 else 0) for p, (a, _b) in pr.items()}
        classes = pcl + (1 if g10 + g11 - ppu > 15 else 0)
        reg = rng.randint(0, max(0, ppu // 25))
        fin = rng.randint(0, reg // 3)
        guidance = {k: rng.random() < pr_ for k, pr_ in (("robotics_centre", 0.2), ("mupk", 0.6), ("cabinet", 0.5), ("consultations", 0.9),
                    ("electives_6_9", 0.8), ("electives_10_11", 0.9), ("trajectory", 0.4), ("no_turnstiles", 0.7), ("single_day", 0.8), ("excursions", 0.6))}
        guidance.update({"pupils": P, "covered": round(P * rng.uniform(0.6, 0.9)), "senior_month": round(P * rng.uniform(0.2, 0.4)),
                         "ticket": round((g10 + g11) * rng.uniform(0.05, 0.15)), "proektoria": round(P * rng.uniform(0.1, 0.3)),
                         "success_lessons": round(P * rng.uniform(0.05, 0.15)), "future_staff": rng.randint(0, 3), "other_actions": round(P * rng.uniform(0.05, 0.2))})
        senior = {"classes": classes, "pupils": g10 + g11, "profile_classes": pcl, "profile_pupils": ppu,
                  "network_classes": sum(net.values()), "regional_n": reg, "regional_wp": rng.randint(0, reg // 2),
                  "final_n": fin, "final_wp": rng.randint(0, fin), "achievers": rng.randint(reg, max(reg, ppu // 6))}
        T = max(4, round(pcl * 2.2 + rng.randint(0, 4)))
        exp = split_total(T, [0.08, 0.08, 0.14, 0.25, 0.45])
        edu = split_total(T, [0.85, 0.1, 0.05, 0.0])
        cat = split_total(T, [0.45, 0.3, 0.2, 0.05])
        teachers = dict(zip(("exp_lt3", "exp_3_5", "exp_5_10", "exp_10_20", "exp_20"), exp))
        teachers.update(zip(("edu_higher_ped", "edu_higher_other", "edu_vocational", "edu_other"), edu))
        teachers.update(zip(("cat_highest", "cat_first", "cat_position", "cat_none"), cat))
        teachers["total"] = T
        kinds = [rng.randint(1, 4), rng.randint(1, 5), rng.randint(0, 3), rng.randint(1, 4), rng.randint(0, 3)]
        tot = sum(kinds)
        partners = {"has_partners": True, "total": tot, **dict(zip(("higher", "vocational", "enterprises", "culture", "other"), kinds)),
                    "matching": rng.randint(tot // 2, tot), "agreements": rng.randint(tot // 2, tot), "events": rng.randint(2, 15)}
        # graduates of the year before (June 2020): grade 9 and 11 of 2019/2020
        p9, p11 = ks[s.code][8], ks[s.code][10]     # the graduates of this year (June)
        g9o = min(p9, rng.randint(0, 3))
        g11o = min(p11, rng.randint(0, 2))
        rep9 = 1 if p9 > 60 and rng.random() < 0.1 else 0
        to10 = round((p9 - rep9) * rng.uniform(0.45, 0.6))
        work9 = 0
        idle9 = 1 if p9 - rep9 - to10 > 20 and rng.random() < 0.2 else 0
        other9 = rng.randint(0, 2) if p9 - rep9 - to10 - idle9 > 10 else 0
        spo9 = p9 - rep9 - to10 - idle9 - other9 - work9
        rep11 = 0
        ege = {"grads3": max(0, p11 - rng.randint(1, 6))}
        army = rng.randint(0, 2) if p11 > 20 else 0
        work11 = rng.randint(0, 2) if p11 > 20 else 0
        idle11 = 1 if p11 > 40 and rng.random() < 0.3 else 0
        other11 = rng.randint(0, 1) if p11 > 10 else 0
        rest = p11 - rep11 - army - work11 - idle11 - other11
        vo = round(rest * rng.uniform(0.7, 0.85))
        spo11 = rest - vo
        o9 = [0] * 6
        if g9o:
            o9 = [min(g9o, to10), 0, 0, 0, 0, 0]
            o9[1] = g9o - o9[0]
            if o9[1] > spo9:
                g9o = o9[0] + spo9
                o9[1] = spo9
        o11 = [min(g11o, vo), 0, 0, 0, 0, 0, 0]
        o11[1] = min(g11o - o11[0], spo11)
        g11o = sum(o11)
        gr = {"g9": p9, "g9o": g9o, "g11": p11, "g11o": g11o,
              "g9_grade10": to10, "g9o_grade10": o9[0], "g11_vo": vo, "g11o_vo": o11[0],
              "g9_spo": spo9, "g9o_spo": o9[1], "g11_spo": spo11, "g11o_spo": o11[1],
              "g9_work": work9, "g9o_work": 0, "g11_work": work11, "g11o_work": 0, "g11_army": army, "g11o_army": 0,
              "g9_repeat": rep9, "g9o_repeat": 0, "g11_repeat": rep11, "g11o_repeat": 0,
              "g9_idle": idle9, "g9o_idle": 0, "g11_idle": idle11, "g11o_idle": 0, "g9_other": other9, "g9o_other": 0,
              "g11_other": other11, "g11o_other": 0, "g9_grade10_profile": round(to10 * 0.8),
              "g11_ege3": min(p11, ege["grads3"]), "g11o_ege3": min(g11o, ege["grads3"])}
        profiles = {p: {"classes": a, "pupils": b, "network": net[p]} for p, (a, b) in pr.items()}
        recs = [dict({"classes": 0, "pupils": 0, "network": 0}, **r) for r in table(ctx, "career", "profiles", profiles)]
        res[s.code] = {"guidance": guidance, "senior": senior, "profiles": recs, "teachers": teachers,
                       "partners": partners, "graduates": gr}
    return res


def seed_career(ctx, year):
    """Table 2.7.1 as printed: classes and pupils by profile, and the ИТОГО row on «Профильное
    обучение» (228 classes, 4759 pupils); the rest is the schools' sums."""
    book = city_sum(ctx, "career", year)
    recs = {r["profile"]: r for r in book["profiles"]}
    for _l, p, cls, pup, _sch in ST.PROFILES["rows"]:
        r = recs[list_name(ctx, "profiles", PROFILE_CODES[p])]
        r["classes"], r["pupils"] = int(cls), int(pup)
    _l, cls, pup, _sch = ST.PROFILES["total"]
    book["senior"]["profile_classes"], book["senior"]["profile_pupils"] = int(cls), int(pup)
    return book


# ---------------------------------------------------------------- talents (2.9)
TALENT_LEVEL = {"international": "international", "federal": "final", "regional": "regional", "municipal": "municipal"}


def data_talents(ctx, year):
    ks = kids(ctx, year)
    meta = schema_meta(ctx, "talents")
    rows = meta["contests"]["rows"]
    res = {s.code: {"contests": {}} for s in ctx.schools}
    for _l, lvl, n, wp, _sh in ST.TALENTS["rows"]:
        lv = TALENT_LEVEL[lvl]
        keys = [(r["kind"], r["level"], r["direction"]) for r in rows if r["level"] == lv]
        n_s = split_total(int(n), weights(ctx, ctx.schools, f"tal:{lv}", 0.5, 0.3))
        w_s = split_total(int(wp), weights(ctx, ctx.schools, f"talw:{lv}", 1.0, 0.2), caps=n_s)
        for s, a, b in zip(ctx.schools, n_s, w_s):
            rng = random.Random(f"{ctx.seed}:tal:{lv}:{s.code}")
            kw = [rng.uniform(0.3, 1.5) for _ in keys]
            na = split_total(a, kw)
            wa = split_total(b, [x + 1e-9 for x in na], caps=na)
            for k, x, y in zip(keys, na, wa):
                res[s.code]["contests"][k] = {"n": x, "wp": y}
    vs = [r["subject"] for r in meta["vsosh"]["rows"]]
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:talents:{s.code}")
        P = sum(ks[s.code])
        v = {}
        for subj in vs:
            a = rng.randint(0, max(1, P // 40)) if not s.evening else 0
            b = rng.randint(0, a // 4)
            c = rng.randint(0, b // 4)
            d = 1 if c and rng.random() < 0.05 else 0
            rec = {}
            for st, n in zip(("school", "municipal", "regional", "final"), (a, b, c, d)):
                w = rng.randint(0, n // 10)
                p = rng.randint(0, (n - w) // 4)
                rec.update({f"{st}_n": n, f"{st}_w": w, f"{st}_p": p})
            v[(subj,)] = rec
        recs = table(ctx, "talents", "vsosh", {k[0]: r for k, r in v.items()})
        vt = {}
        for st in ("school", "municipal", "regional", "final"):
            n = sum(r[f"{st}_n"] for r in recs)
            w = sum(r[f"{st}_w"] for r in recs)
            p = sum(r[f"{st}_p"] for r in recs)
            vt.update({f"{st}_n": n, f"{st}_w": w, f"{st}_p": p})
        prev = None
        for st in ("school", "municipal", "regional", "final"):
            n = vt[f"{st}_n"]
            pp = min(n, round(n * 0.6)) if prev is None else min(n, prev, round(n * 0.8))
            if n and not pp:
                pp = min(1, prev if prev is not None else 1)
            prev = pp
            wpp = min(pp, vt[f"{st}_w"] + vt[f"{st}_p"])
            vt[f"{st}_pupils"], vt[f"{st}_wp_pupils"] = pp, wpp
        deep = round(P * rng.uniform(0, 0.2)) if s.strength > 0.2 else 0
        gg = rng.randint(0, 8)
        pupils = {"pupils": P, "deep": deep, "npk": round(P * rng.uniform(0.02, 0.08)), "projects": round(P * rng.uniform(0.01, 0.05)),
                  "publications": round(P * rng.uniform(0, 0.01)), "gifted_graduates": gg, "gifted_admitted": rng.randint(0, gg),
                  "teachers_trained": rng.randint(0, 6)}
        lay = layout(ctx, "talents")
        practice = {f["code"]: rng.random() < 0.8 for f in next(x for x in lay["sheets"] if x["id"] == "practice")["fields"]}
        practice.update(form_olympiads=True, form_contests=True, form_research=True)
        if practice["method_portfolio"]:
            practice["support_portfolio_system"] = True
        cont = [dict({"n": 0, "wp": 0}, **r) for r in table(ctx, "talents", "contests", res[s.code]["contests"])]
        res[s.code] = {"practice": practice, "pupils": pupils, "vsosh": recs, "vsosh_total": vt, "contests": cont}
    return res


def seed_talents(ctx, year):
    """Section 2.9 as printed: participants and winners/prize-winners by level (the «Всего» row of
    each kind and level adds up to them over both kinds; the printed figures go in the olympiads'
    «Всего» rows, the contests' rows are left as the schools' sums … see README)."""
    return city_sum(ctx, "talents", year)


# ---------------------------------------------------------------- upbringing (2.8, over 63 schools)
UPB_DIR = {"spiritual": "moral", "patriotic": "patriotic", "legal": "civic", "economic": "economic",
           "intellectual": "intellectual", "local-history": "local-lore", "ecological": "ecology",
           "health": "health", "tolerance": "tolerance", "prevention": "prevention"}


def data_upbringing(ctx, year):
    schools = all_schools(ctx, ("primary-school",))
    ks = kids(ctx, year)
    res = {s.code: {"programmes": {}} for s in schools}
    extra = {"heritage": (40, 30), "labour": (50, 40), "volunteering": (55, 45)}
    rows = [(UPB_DIR[d], int(p), int(o)) for _l, d, p, o, _sh in ST.UPBRINGING["rows"]] + [(k, a, b) for k, (a, b) in extra.items()]
    for code, progs, nsch in rows:
        rng = random.Random(f"{ctx.seed}:upb:{code}")
        order = sorted(schools, key=lambda s: -s.size * rng.uniform(0.5, 1.5))
        chosen = order[:nsch]
        n = [1 + x for x in split_total(progs - nsch, [s.size for s in chosen])]
        for s, k in zip(chosen, n):
            P = sum(ks[s.code])
            res[s.code]["programmes"][code] = {"local_act": True, "programmes": k, "covered": round(P * rng.uniform(0.2, 0.9))}
    for s in schools:
        rng = random.Random(f"{ctx.seed}:upbs:{s.code}")
        P = sum(ks[s.code])
        progs = [dict({"local_act": rng.random() < 0.3, "programmes": 0, "covered": 0}, **r) for r in table(ctx, "upbringing", "programmes", res[s.code]["programmes"])]
        staff = {}
        for pos in ("deputy", "psychologist", "social", "organiser", "librarian", "educator", "defectologist", "speech"):
            rates = {"deputy": 1.0, "psychologist": 1.0, "social": 1.0, "organiser": 0.5, "librarian": 1.0}.get(pos, 0.0)
            if P > 900 and pos in ("deputy", "psychologist"):
                rates = 1.5
            filled = rates if rng.random() < 0.85 else max(0.0, rates - 0.5)
            people = math.ceil(filled) if filled else 0
            tr = rng.randint(0, people)
            staff[pos] = {"rates": rates, "filled": filled, "people": people, "trained": tr, "city": rng.randint(0, people)}
        st = table(ctx, "upbringing", "staff", staff)
        for r in st:
            for k in ("rates", "filled"):
                r[k] = float(r[k])
        assoc = {}
        for kind in [r["kind"] for r in schema_meta(ctx, "upbringing")["associations"]["rows"]]:
            u = rng.randint(0, 2) if kind != "sport-club" else 1
            assoc[kind] = {"units": u, "members": min(P, u * rng.randint(10, 30))}
        sg = max(round(P * 0.05) + 1, round(P * rng.uniform(0.06, 0.12)))
        res[s.code] = {"general": {"pupils": P, "self_gov": sg, "conference": round(P * rng.uniform(0.01, 0.05)),
                                   "positive_share": rnd(rng.uniform(70, 95)), "parents": True},
                       "staff": st, "programmes": progs, "associations": table(ctx, "upbringing", "associations", assoc)}
    return res


def seed_upbringing(ctx, year):
    """Section 2.8 as printed: programmes by direction (the «ОО» counts are not a field: they are
    the number of school files with programmes > 0, checked by check_samples.py)."""
    book = city_sum(ctx, "upbringing", year)
    recs = {r["direction"]: r for r in book["programmes"]}
    for _l, d, p, _o, _sh in ST.UPBRINGING["rows"]:
        recs[list_name(ctx, "upbringing-directions", UPB_DIR[d])]["programmes"] = int(p)
    book["general"]["positive_share"] = None
    for r in book["staff"]:
        for k in ("rates", "filled"):
            r[k] = round(r[k], 2)
    return book


# ---------------------------------------------------------------- additional education (2.12.1)
DOD_DIR = {"art": "art", "technical": "tech", "sport": "sport", "social": "social", "science": "science", "tourism": "tourism"}


def data_dod(ctx, year):
    schools = all_schools(ctx, ("primary-school",))
    ks = kids(ctx, year)
    yi = ST.DOD_YEARS.index(year)
    res = {s.code: {} for s in schools}
    for d, (_l1, a), (_l2, p) in ST.DOD["rows"]:
        A, Pn = int(a[yi]), int(p[yi])
        w = [s.size * (0.3 if s.code == "plekhanovo" else 1) for s in schools]
        ws = weights(ctx, schools, f"dod:{d}", 0, 0.1)
        w = [x * y / s.size for x, y, s in zip(w, ws, schools)]
        an = split_total(A, w)
        pn = split_total(Pn - sum(an), [x + 1e-9 for x in an])
        pn = [x + y for x, y in zip(an, pn)]
        for s, x, y in zip(schools, an, pn):
            net = x // 5
            pnet = round(y * net / x) if x else 0
            pnet = max(pnet, net)
            if y - pnet < x - net:
                pnet = y - (x - net)
            res[s.code][DOD_DIR[d]] = {"assoc_own": x - net, "people_own": y - pnet, "assoc_net": net, "people_net": pnet}
    out = {}
    for s in schools:
        P = ks[s.code] and sum(ks[s.code])
        recs = table(ctx, "dod", "associations", res[s.code])
        for r in recs:
            r["assoc"] = r["assoc_own"] + r["assoc_net"]
            r["people"] = r["people_own"] + r["people_net"]
        mx = max(r["people"] for r in recs if r["direction"] != "ИТОГО")
        rng = random.Random(f"{ctx.seed}:dodc:{s.code}")
        # without double counting: 14,5 % / 17 % of the pupils, at most the largest direction
        # (stricter than dod.covered-total, which asks for at most ИТОГО, the directions' sum;
        # the city's sum stays under the seed's ИТОГО too)
        cov = min(mx, P, round(P * (0.17 if year == "2019/2020" else 0.145)))
        out[s.code] = {"associations": recs, "coverage": {"pupils": P, "covered": cov, "registered_covered": min(cov, rng.randint(0, 4))}}
    return out


def seed_dod(ctx, year):
    """Table 2.12.1 as printed (all associations «на базе ОО»: the seed does not split them);
    the ИТОГО row as printed; «Охват» is the schools' sums with 54280 pupils (line 457)."""
    yi = ST.DOD_YEARS.index(year)
    rows = {DOD_DIR[d]: {"assoc_own": int(a[yi]), "people_own": int(p[yi]), "assoc_net": 0, "people_net": 0,
                         "assoc": int(a[yi]), "people": int(p[yi])} for d, (_l1, a), (_l2, p) in ST.DOD["rows"]}
    recs = table(ctx, "dod", "associations", rows)
    (_l1, ta), (_l2, tp) = ST.DOD["total"]
    recs[-1].update(assoc_own=int(ta[yi]), people_own=int(tp[yi]), assoc=int(ta[yi]), people=int(tp[yi]))
    cov = city_sum(ctx, "dod", year)["coverage"] if year in ("2018/2019", "2019/2020") else \
        {"pupils": 54280, "covered": None, "registered_covered": None}
    return {"associations": recs, "coverage": cov}


# ---------------------------------------------------------------- contingent, staff, director, teachers-pd
def data_contingent(ctx, year):
    ks = kids(ctx, year)
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:cont:{s.code}")
        cls = {}
        for g in range(1, 12):
            end = ks[s.code][g - 1]
            if not end and g not in grades_of(s):
                cls[str(g)] = {k: 0 for k in ("sets", "start", "arrived", "left", "end", "passing", "ovz", "disabled", "adapted", "home")}
                continue
            arr, left = rng.randint(0, 4), rng.randint(0, 4)
            start = end - arr + left
            if start < 0:
                start, left = end - arr, 0
            ovz = rng.randint(0, max(0, end // 25))
            dis = rng.randint(0, max(0, end // 60))
            passing = end - (rng.randint(0, 2) if g not in (1, 9, 11) else 0)
            if g == 9:
                passing = end - gia9_summary(ctx, year)[s.code]["no_attestat"]
            if g == 11:
                passing = ege_year(ctx, year)[s.code]["summary"]["attestat"]
            cls[str(g)] = {"sets": max(1, math.ceil(end / 27)) if end else 0, "start": start, "arrived": arr, "left": left, "end": end,
                           "passing": max(0, passing), "ovz": ovz, "disabled": dis, "adapted": min(ovz + dis, ovz), "home": min(dis, 1)}
        g4, g9, g11 = ks[s.code][3], ks[s.code][8], ks[s.code][10]
        gia, ege = gia9_summary(ctx, year)[s.code], ege_year(ctx, year)[s.code]["summary"]
        lv = {}
        for p, fin, done_or_cert in (("noo", g4, None), ("ooo", g9, gia["attestat"]), ("soo", g11, ege["attestat"])):
            arr, left = rng.randint(0, 10), rng.randint(0, 12)
            lv[f"{p}_started"], lv[f"{p}_arrived"], lv[f"{p}_left"], lv[f"{p}_finished"] = fin - arr + left, arr, left, fin
            if fin - arr + left < 0:
                lv[f"{p}_started"], lv[f"{p}_left"] = fin - arr + left + (arr - fin + 0), 0
                lv[f"{p}_arrived"] = fin - lv[f"{p}_started"]
            if p == "noo":
                lv["noo_done"] = fin - (1 if fin > 80 and rng.random() < 0.3 else 0)
            else:
                lv[f"{p}_cert"], lv[f"{p}_nocert"] = done_or_cert, fin - done_or_cert
        res[s.code] = {"classes": table(ctx, "contingent", "classes", cls), "levels": lv}
    return res


def data_staff(ctx, year):
    ks = kids(ctx, year)
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:staff:{s.code}")
        P = sum(ks[s.code])
        base = {"teachers": max(8, round(P / 15)), "pdo": rng.randint(0, 4), "psychologists": 1 + (P > 900), "social": 1,
                "speech": rng.randint(0, 2), "organisers": rng.randint(0, 2), "tutors": rng.randint(0, 2), "librarians": 1, "other": rng.randint(0, 3)}
        rows = {}
        for pos, n in base.items():
            age = split_total(n, [0.06, 0.15, 0.22, 0.25, 0.25, 0.07])
            hi = n - (0 if n < 3 else round(n * 0.1))
            spo = n - hi
            exp = split_total(n, [0.1, 0.07, 0.13, 0.12, 0.1, 0.48])
            if exp[3] + exp[4] + exp[5] > n - age[0]:
                exp = [exp[0] + age[0], exp[1], exp[2], exp[3], exp[4], exp[5] - age[0]] if exp[5] >= age[0] else exp
            cat = split_total(n, [0.4, 0.3, 0.2, 0.1])
            att = min(cat[0] + cat[1], round(n * 0.15))
            load = split_total(n, [0.15, 0.65, 0.2])
            r = dict(zip(("age_u25", "age_25_34", "age_35_44", "age_45_54", "age_55_64", "age_65"), age))
            r.update(n=n, edu_high=hi, edu_high_ped=round(hi * 0.9), edu_spo=spo, edu_spo_ped=spo, edu_none=0)
            r.update(zip(("exp_u3", "exp_3_5", "exp_5_10", "exp_10_15", "exp_15_20", "exp_20"), exp))
            r.update(zip(("cat_high", "cat_first", "cat_fit", "cat_none"), cat))
            r.update(att=att, att_high=att // 2, vacancies=rng.randint(0, 2) if pos == "teachers" else 0)
            r.update(zip(("load_lt1", "load_1_15", "load_gt15"), load))
            rows[pos] = r
        res[s.code] = {"staff": table(ctx, "staff", "staff", rows)}
    return res


def data_director(ctx, year):
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:dir:{s.code}")
        ege = ege_year(ctx, year)[s.code]["summary"]
        pre = rng.randint(20, 60) if rng.random() < 0.2 else 0
        fin = rnd(rng.uniform(30000, 120000), 1)
        extra = rnd(fin * rng.uniform(0.01, 0.08), 1)
        d = {"dop_budget": rng.randint(2, 25), "ege100": ege["grads100"], "ege80": ege["grads80"], "biased": 0,
             "noku": rnd(rng.uniform(75, 98), 2), "fin_total": fin, "fin_extra": extra,
             "ovz_cond": True, "sick_cond": rng.random() < 0.7, "prevent_programs": rng.randint(0, 4),
             "preprofile": True, "dop_pupils": round(sum(kids(ctx, year)[s.code]) * rng.uniform(0.4, 0.7)),
             "head_dpo": True, "head_att": rng.random() < 0.9,
             "comp_edu": True, "comp_dev": True, "comp_res": True, "comp_rep": True, "comp_inn": rng.random() < 0.5,
             "orders": 0, "complaints": rng.randint(0, 1), "registered": rng.randint(0, 6), "offences": rng.randint(0, 2),
             "rural": False, "adverse": s.evening}
        if pre:
            d.update(pre_n=pre, pre_ok=pre - rng.randint(0, 1))
        if d["ege80"] < d["ege100"]:
            d["ege80"] = d["ege100"]
        res[s.code] = {"inputs": d}
    return res


def data_teachers_pd(ctx, year):
    st = data_staff(ctx, year)
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:tpd:{s.code}")
        T = next(r["n"] for r in st[s.code]["staff"] if r["position"] == list_name(ctx, "staff-positions", "teachers"))
        ped = T + 3
        pk3 = round(ped * rng.uniform(0.85, 1.0))
        dy = round(ped * rng.uniform(0.25, 0.45))
        dy = min(dy, pk3)
        dpo = {"ped_total": ped, "pk3": pk3, "dpo_year": dy, "dpo_pk": dy, "dpo_pp": rng.randint(0, dy // 5),
               "dpo_remote": dy // 2, "dpo_fed": dy // 5, "dpo_reg": dy // 2, "dpo_mun": dy // 4,
               "rus_total": max(1, T // 8), "math_total": max(1, T // 9), "deficits": rng.randint(0, ped // 4),
               "iom": rng.randint(0, ped // 6), "requests": rng.randint(0, ped // 3),
               "plan": True, "stimulus": rng.random() < 0.7, "growth_point": rng.random() < 0.3, "burnout": rng.random() < 0.5}
        dpo["rus_dpo"], dpo["math_dpo"] = rng.randint(0, dpo["rus_total"]), rng.randint(0, dpo["math_total"])
        young = rng.randint(0, max(1, ped // 10))
        coh = rng.randint(0, 4)
        mentors = rng.randint(1, 5)
        pairs = mentors + rng.randint(0, 2)
        meth = {"young": young, "young_cohort": coh, "young_kept": rng.randint(0, coh), "young_quit": rng.randint(0, 1),
                "mentors": mentors, "pairs": pairs, "pairs_young": min(pairs, young), "mentoring_program": True,
                "young_club": rng.randint(0, 3), "mo": rng.randint(3, 8), "mo_members": ped - rng.randint(0, 3),
                "ps_members": rng.randint(0, ped // 3), "shared": rng.randint(0, ped // 5), "events": rng.randint(0, 5), "method_program": True}
        cont = {}
        for lv in ("municipal", "regional", "federal"):
            n = rng.randint(0, 3) if lv != "federal" else rng.randint(0, 1)
            w = rng.randint(0, n)
            p = rng.randint(0, n - w)
            cont[lv] = {"participants": n, "winners": w, "prizewinners": p, "leaders_winners": min(w, rng.randint(0, 1))}
        res[s.code] = {"dpo": dpo, "methodical": meth, "contests": table(ctx, "teachers-pd", "contests", cont)}
    return res


# ---------------------------------------------------------------- quarterly and monthly upbringing
QUARTERS = [(4, "2019/2020"), (1, "2019/2020"), (2, "2019/2020")]      # 4 кв. 2019, 1 и 2 кв. 2020


def data_upbringing_quarterly(ctx, year, part=None):
    schools = all_schools(ctx, ("primary-school",))
    ks = kids(ctx, year)
    qi = [q for q, _y in QUARTERS].index(part or 2)    # 0 = 4 кв. 2019 (not written), 1, 2
    res = {}
    for s in schools:
        rng = random.Random(f"{ctx.seed}:upq:{s.code}")
        P = sum(ks[s.code])
        pu = rng.randint(1, 3) if s.primary and not s.code == "plekhanovo" else 0
        yu = min(pu, 1) if pu else 0
        base = {"pupils": P, "patriotic_units": pu, "patriotic_members": pu * rng.randint(12, 25),
                "yunarmia_units": yu, "yunarmia_members": yu * rng.randint(10, 20) + qi * yu,
                "rdsh_members": round(P * rng.uniform(0.02, 0.06)) + qi, "volunteer_units": 1}
        vm = rng.randint(10, 30) + 2 * qi
        vol = vm + rng.randint(5, 40) + 3 * qi
        base.update(volunteer_members=vm, volunteers=min(P, vol), volunteer_books=min(vm, rng.randint(5, 20)))
        if base["volunteers"] < vm:
            base["volunteer_members"] = base["volunteers"]
        reg = max(0, rng.randint(0, 6) - qi)
        sop = max(0, rng.randint(0, 3) - (qi > 1))
        prev = {"reg_school": reg, "reg_pdn": min(reg, rng.randint(0, 2)), "reg_kdn": min(reg, rng.randint(0, 1)),
                "sop": sop, "sop_ipr": sop, "sop_dod": rng.randint(0, sop), "sop_social": rng.randint(0, sop), "sop_mentor": sop,
                "offences": max(0, rng.randint(0, 2) - qi), "crimes": 0}
        res[s.code] = {"movement": base, "prevention": prev}
    return res


MONTHS_UPB = [2, 3]     # 02.2020 and 03.2020


def data_upbringing_monthly(ctx, year, part=None):
    schools = all_schools(ctx, ("primary-school",))
    ks = kids(ctx, year)
    mi = MONTHS_UPB.index(part or 3)
    res = {}
    for s in schools:
        rng = random.Random(f"{ctx.seed}:upm:{s.code}")
        P = sum(ks[s.code])
        att = {"pupils": P, "not_started": 0, "truants": max(0, rng.randint(0, 3) - mi), "not_subject": rng.randint(0, 1),
               "foreign": rng.randint(0, 6)}
        ev = {}
        for k in [r["kind"] for r in schema_meta(ctx, "upbringing-monthly")["events"]["rows"]]:
            e = rng.randint(0, 5)
            ev[k] = {"events": e, "covered": min(P, e * rng.randint(20, 80))}
        res[s.code] = {"attendance": att, "events": table(ctx, "upbringing-monthly", "events", ev)}
    return res


# ---------------------------------------------------------------- low-results (mechanism 2) and objectivity (mechanism 5)
def data_low_results(ctx, year):
    """Mechanism 2 (3.2): the school's programme of help, its social passport, partners and the
    teachers of the risk-zone subjects. Pupils are the contingent's (`kids`); teachers: Russian
    and mathematics are teachers-pd's counts, primary teachers one per class set of grades 1–4
    (contingent's «Классов-комплектов»), within staff's teachers."""
    ks = kids(ctx, year)
    st, tpd = data_staff(ctx, year), data_teachers_pd(ctx, year)
    cont = data_contingent(ctx, year)
    res = {}
    for s in ctx.schools:
        rng = random.Random(f"{ctx.seed}:low:{s.code}")
        # a programme (plan) of raising quality: every school but some of the strongest (line 971)
        prog = s.strength < 0.6 or rng.random() < 0.3
        measures = rint(rng, 8, 30) if prog else 0
        done = measures - (rint(rng, 0, 4) if measures else 0)
        p = {"programme": prog, "approved": date(int(year.split("/")[0]), 8, rint(rng, 20, 31)) if prog else None,
             "measures": measures, "done": max(0, done), "self_diag": rng.random() < 0.85,
             "parents_events": rint(rng, 1, 8), "seminars": rint(rng, 0, 12) if s.strength < 0.4 else rint(rng, 0, 4),
             "psych_trained": rint(rng, 0, 3)}
        P = sum(ks[s.code])
        weak = max(0.0, 0.3 - s.strength)          # weaker schools: harder social conditions
        soc = {"pupils": P, "low_income": round(P * rng.uniform(0.04, 0.10 + 0.2 * weak)),
               "large": round(P * rng.uniform(0.08, 0.16)), "single": round(P * rng.uniform(0.15, 0.28)),
               "guardianship": round(P * rng.uniform(0.003, 0.02 + 0.02 * weak)),
               "non_native": round(P * rng.uniform(0.0, 0.03 + 0.08 * weak))}
        # partners: other schools of the registry; strong schools help, weak ones are helped
        others = [o for o in ctx.schools if o.code != s.code]
        parts = []
        for o in rng.sample(others, rint(rng, 1, 3)):
            role = "helps" if s.strength > o.strength + 0.4 else "helped" if o.strength > s.strength + 0.4 else "mutual"
            parts.append({"partner": o.short, "role": list_name(ctx, "partnership-roles", role),
                          "forms": rng.choice(["наставничество, открытые уроки", "совместные МО", "сетевая реализация программ",
                                               "открытые уроки, мастер-классы", "совместные МО, наставничество"]),
                          "events": rint(rng, 1, 8)})
        T = next(r["n"] for r in st[s.code]["staff"] if r["position"] == list_name(ctx, "staff-positions", "teachers"))
        rus, math_ = tpd[s.code]["dpo"]["rus_total"], tpd[s.code]["dpo"]["math_total"]
        sets = sum(r["sets"] for r in cont[s.code]["classes"] if str(r.get("class")) in ("1", "2", "3", "4"))
        groups = {"primary": min(sets, max(0, T - rus - math_)), "rus": rus, "math": math_}
        d = {}
        for g, n in groups.items():
            diag = rint(rng, 0, n)
            up = rint(rng, 0, diag)
            defi = rint(rng, 0, n // 2)
            d[g] = {"teachers": n, "diag": diag, "diag_up": up, "deficits": defi, "routes": rint(rng, 0, defi)}
        res[s.code] = {"programme": p, "social": soc, "partners": parts, "deficits": table(ctx, "low-results", "deficits", d)}
    return res


def data_objectivity(ctx, year):
    """Mechanism 5 (4.1): how the school organised its assessments, observation and checking by
    procedure, and the re-checking of ВПР works. «Проведено» for ВПР is the school's class ×
    subject rows of its vpr file, for РКР its rkr rows; re-checked are some of those rows, at most
    their participants. Every ВПР session observed and checked collegially (tasks 19–20), so the
    warnings stay quiet; re-checking confirms at least 90 % of the marks. The Плехановская НОШ
    writes the 4th-grade ВПР (3 subjects; it has no vpr file in the samples) and the school stage."""
    vpr = form_data(ctx, next(f for f in FORMS if f.id == "vpr"), year)
    rkr = form_data(ctx, next(f for f in FORMS if f.id == "rkr"), year) if year == "2019/2020" else {}
    ks = kids(ctx, year)
    res = {}
    for s in all_schools(ctx, ("primary-school",)):
        rng = random.Random(f"{ctx.seed}:obj:{s.code}")
        vrows = vpr.get(s.code, {}).get("results", [])
        n_vpr = len(vrows) if s.code in vpr else sum(1 for r in ST.VPR["rows"] if r[1] == "4")
        P = sum(ks[s.code])
        held = {"vpr": n_vpr, "niko": 0, "rkr": len(rkr.get(s.code, {}).get("results", [])), "diag10": 0,
                "vsosh-school": 0 if s.evening else (8 if getattr(s, "nosh", False) else rint(rng, 14, 22)),
                "vsosh-municipal": rint(rng, 0, 3) if s.strength > 0.2 and not getattr(s, "nosh", False) else 0,
                "olympiads": rint(rng, 0, 4)}
        proc = {}
        for k, h in held.items():
            if k == "vpr":
                obs, coll = h, h
            else:
                obs, coll = rint(rng, 0, h) if h else 0, h if k.startswith("vsosh") else rint(rng, 0, h) if h else 0
            vid = rint(rng, 0, h) if h else 0
            proc[k] = {"held": h, "observed": obs, "observers": rint(rng, max(1, obs // 3), max(1, obs)) if obs else 0,
                       "video_held": vid, "video_check": min(vid, rint(rng, 0, h)) if h else 0, "collegial": coll,
                       "violations": 1 if h and rng.random() < 0.05 else 0}
        org = {"coordinator": True, "vpr_plan": True, "vsoko": True, "criteria": rng.random() < 0.9, "hotline": rng.random() < 0.85,
               "kim": True, "informed": True, "no_conflict": rng.random() < 0.95, "pk_objectivity": rint(rng, 1, max(2, P // 120)),
               "experts": rint(rng, 3, 8) if n_vpr else 0, "vsosh_published": held["vsosh-school"] > 0}
        org["appeals"] = rint(rng, 0, 5) if held["vsosh-school"] else 0
        org["appeals_ok"] = rint(rng, 0, org["appeals"] // 2)
        # re-checking: one to three of the school's ВПР rows (a third of the schools none)
        rec = []
        if vrows and rng.random() < 0.67:
            for r in rng.sample(vrows, min(len(vrows), rint(rng, 1, 3))):
                n = rint(rng, max(1, r["n"] // 4), r["n"])
                changed = rint(rng, 0, n // 10)
                low = rint(rng, 0, changed)
                level = "municipal" if rng.random() < 0.4 else "school"
                rec.append({"class": r["class"], "subject": r["subject"], "level": list_name(ctx, "recheck-levels", level),
                            "rechecked": n, "confirmed": n - changed, "lowered": low, "raised": changed - low})
        res[s.code] = {"organisation": org, "procedures": table(ctx, "objectivity", "procedures", proc), "recheck": rec}
    return res


class Form:
    """years: the academic years with school files; seed_years: the years with a seed file; parts:
    quarters or months within a year (period kinds quarter/month) — (number, calendar year);
    primary: the Плехановская НОШ submits it too; computed: fill computed fields from the rules."""
    def __init__(self, id, years, data, seed=None, seed_years=(), parts=None, primary=False, computed=True):
        self.id, self.years, self.data, self.seed, self.seed_years = id, years, data, seed, seed_years
        self.parts, self.primary, self.computed = parts, primary, computed


FORMS = [
    Form("vpr", ["2019/2020", "2018/2019", "2017/2018"], data_vpr, seed_vpr, ["2019/2020", "2018/2019", "2017/2018"], computed=False,
         primary=True),
    Form("rkr", ["2019/2020"], data_rkr, seed_rkr, ["2019/2020"], computed=False),
    Form("gia9", ["2019/2020", "2018/2019", "2017/2018"], data_gia9, seed_gia9, ["2019/2020", "2018/2019", "2017/2018"]),
    Form("ege", ["2019/2020", "2018/2019", "2017/2018"], data_ege, seed_ege, ["2019/2020", "2018/2019", "2017/2018"]),
    Form("diag10", ["2020/2021"], data_diag10, seed_diag10, ["2020/2021"]),
    Form("contingent", ["2019/2020"], data_contingent),
    Form("staff", ["2019/2020"], data_staff),
    Form("director", ["2019/2020"], data_director),
    Form("teachers-pd", ["2019/2020"], data_teachers_pd),
    Form("talents", ["2019/2020"], data_talents, seed_talents, ["2019/2020"]),
    Form("career", ["2020/2021"], data_career, seed_career, ["2020/2021"]),
    Form("upbringing", ["2019/2020"], data_upbringing, seed_upbringing, ["2019/2020"], primary=True),
    Form("upbringing-quarterly", ["2019/2020"], data_upbringing_quarterly, parts=[(1, 2020), (2, 2020)], primary=True),
    Form("upbringing-monthly", ["2019/2020"], data_upbringing_monthly, parts=[(3, 2020)], primary=True),
    Form("dod", ["2019/2020", "2018/2019"], data_dod, seed_dod, ["2019/2020", "2018/2019"], primary=True),
    Form("low-results", ["2019/2020"], data_low_results),
    Form("objectivity", ["2019/2020"], data_objectivity, primary=True),
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
                if label_col in used_rows[row]:
                    label_col = 0         # several fields in a row: no label over another field's cell
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
    head = w.rows["results"][0] - 1
    return [("column.moved", "warning", w.tab["results"], f"{get_column_letter(last - 1 - len(srcs))}{head}")]


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
    return [("sheet.renamed", "warning", "Математика", None)]


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


def plant_staff_breakdown(wb, w):
    """Staff: teachers aged 45–54 typed one more (the total row with it), so the age groups no
    longer add up to «Всего, чел.» of the teachers' row."""
    ws = wb[w.tab["staff"]]
    c = w.col["staff"]["age_45_54"]
    for r in (w.rows["staff"][0], w.rows["staff"][-1]):
        ws[f"{c}{r}"] = ws[f"{c}{r}"].value + 1
    c = w.col["staff"]["n"]
    return [("staff.age", "error", w.tab["staff"], f"{c}{w.rows['staff'][0]}"),
            ("staff.age", "error", w.tab["staff"], f"{c}{w.rows['staff'][-1]}")]


def plant_share_text(wb, w):
    """Quarterly upbringing: the volunteers' share typed as text «NN,N %»."""
    ws = wb[w.tab["movement"]]
    a = w.cell[("movement", "volunteers_share")]
    ws[a] = f"{ws[a].value:.1f}".replace(".", ",") + " %"
    ws[a].number_format = "@"
    return [("field.format", "warning", w.tab["movement"], a)]


def plant_maybe(wb, w):
    """Talents: a да/нет question answered «может быть»."""
    ws = wb[w.tab["practice"]]
    a = w.cell[("practice", "method_psych_tests")]
    ws[a] = "может быть"
    return [("field.type", "error", w.tab["practice"], a)]


def plant_missing(wb, w):
    """Contingent: «ООО: завершили обучение» left empty."""
    ws = wb[w.tab["levels"]]
    a = w.cell[("levels", "ooo_finished")]
    ws[a] = None
    return [("field.required", "error", w.tab["levels"], a)]


def plant_dod_total(wb, w):
    """Additional education: the ИТОГО row's «Человек всего» typed 10 more than its directions."""
    ws = wb[w.tab["associations"]]
    c, r = w.col["associations"]["people"], w.rows["associations"][-1]
    ws[f"{c}{r}"] = ws[f"{c}{r}"].value + 10
    # One mistake, one finding: the row's own people = own + network fails too, at the same cell.
    return [("totals.sum", "error", w.tab["associations"], f"{c}{r}")]


def plant_low_share(wb, w):
    """Low results: the share of pupils from large families typed as the low-income share of the
    row above (copied down, the count left right)."""
    ws = wb[w.tab["social"]]
    a, b = w.cell[("social", "large_share")], w.cell[("social", "low_income_share")]
    assert abs(ws[a].value - ws[b].value) > 0.2, "pick a school whose two shares differ"
    ws[a] = ws[b].value
    return [("low-results.large-share", "error", w.tab["social"], a)]


def plant_recheck_sum(wb, w):
    """Objectivity: «Перепроверено работ» of the 1st re-check row typed one more than the
    confirmed, lowered and raised marks add up to."""
    ws = wb[w.tab["recheck"]]
    r, c = w.rows["recheck"][0], w.col["recheck"]["rechecked"]
    ws[f"{c}{r}"] = ws[f"{c}{r}"].value + 1
    return [("objectivity.recheck-sum", "error", w.tab["recheck"], f"{c}{r}")]


# What svod must find in the files filled with the seed's own city tables (README.md, «The seed's
# own tables»): (form, year) → [(rule, severity, sheet, cell)]; nothing else may be reported.
# Written into the manifest as each seed entry's `expected`.
SEED_EXPECTED = {
    ("vpr", "2019/2020"): [("field.type", "error", "ВПР", "I10")],      # 5 История quality «61,3++» (line 501)
    # 4 Русский язык quality 2017/2018 «8,0» (line 496): the schools' marks (VPR_MISPRINTS) give 80,0
    ("vpr", "2017/2018"): [("vpr.quality", "error", "ВПР", "I5")],
    # 2.6.1 chemistry (line 702): 95,6 % and 75,4 % of 312 pupils are unreachable (298 / 235 → 95,5 / 75,3)
    ("diag10", "2020/2021"): [("diag10.success", "error", "Диагностика 10 кл.", "G12"),
                              ("diag10.quality", "error", "Диагностика 10 кл.", "H12")],
    # 2.7.1 ИТОГО (line 752): 228 classes, the profiles add up to 233
    ("career", "2020/2021"): [("career.profiles-sum-classes", "error", "Профильное обучение", "C5")],
}
# Seed files validated once more against the previous year's seed file (`--previous`): a second
# manifest entry with the same path. (form, year, previous year) → findings.
SEED_PREVIOUS = {
    # the seed's own columns year over year: quality moved by more than 15 points
    ("vpr", "2018/2019", "2017/2018"): [
        ("vpr.quality-trend", "warning", "ВПР", "I5"),    # 4 Русский язык 8,0 → 79,6 (line 496)
        ("vpr.quality-trend", "warning", "ВПР", "I12"),   # 6 Математика 62,1 → 45,2 (line 503)
        ("vpr.quality-trend", "warning", "ВПР", "I18"),   # 11 Биология 72,0 → 88,7 (line 509)
        ("vpr.quality-trend", "warning", "ВПР", "I19"),   # 11 География 54,0 → 74,6 (line 510)
    ],
    ("vpr", "2019/2020", "2018/2019"): [("field.type", "error", "ВПР", "I10")],
}


def findings(items):
    return [dict(zip(("rule", "severity", "sheet", "cell"), e)) for e in items]


# planted files of the late forms: a school whose social shares differ (low-results) and one
# with re-checked ВПР rows (objectivity)
LOW_SHARE_SCHOOL, RECHECK_SCHOOL = 10, 30

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
    ("staff", "2019/2020", 6, "age-does-not-add-up", plant_staff_breakdown,
     "teachers aged 45–54 typed one more (and the «Всего» row with it): the age groups exceed «Всего, чел.»", False),
    ("upbringing-quarterly", "2019/2020", 15, "percent-as-text", plant_share_text,
     "«Доля обучающихся, вовлеченных в добровольческую деятельность, %» typed as text «NN,N %»", False),
    ("talents", "2019/2020", 24, "maybe", plant_maybe,
     "a да/нет question («психологическое тестирование») answered «может быть»", False),
    ("contingent", "2019/2020", 37, "missing-value", plant_missing,
     "«ООО: завершили обучение (выпускников 9 классов)» left empty", False),
    ("dod", "2019/2020", 45, "total-does-not-add-up", plant_dod_total,
     "the ИТОГО row's «Человек всего» typed 10 more than the directions add up to", False),
    ("low-results", "2019/2020", LOW_SHARE_SCHOOL, "share-copied", plant_low_share,
     "«Доля обучающихся из многодетных семей, %» typed as the low-income share of the row above (the count is right)", False),
    ("objectivity", "2019/2020", RECHECK_SCHOOL, "recheck-does-not-add-up", plant_recheck_sum,
     "«Перепроверено работ» of the 1st re-check row typed one more than confirmed + lowered + raised", False),
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
    ap.add_argument("--only", help="comma-separated form ids: write only these forms (for trying a form out; "
                                   "use with --out elsewhere, the manifest lists only them)")
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
    ctx.nosh = None
    for code, name, short in read_registry(ctx.schemas, "primary-school")[:1]:
        ctx.nosh = School(code, name, short, random.Random(f"{args.seed}:{code}"))
        ctx.nosh.nosh, ctx.nosh.senior, ctx.nosh.evening = True, False, False
    ctx._kids, ctx._cache = {}, {}
    ctx.subject_name = subject_namer(ctx.schemas)
    have = forms_available(ctx)
    manifest = {"seed": args.seed, "files": [], "skipped": []}
    to_ods = []
    outdirs = set()

    only = set(args.only.split(",")) if args.only else None
    # a school whose file of a year «did not arrive» (a risk plant): written to late/<year>/<form>/
    late = {(p["late"][0], p["late"][1], code): p for p, code in risk_plan(ctx) if p.get("late")}
    for form in FORMS:
        if only and form.id not in only:
            continue
        if form.id not in have:
            manifest["skipped"].append(form.id)
            print(f"skip {form.id}: no such form in {args.schemas}/forms", file=sys.stderr)
            continue
        lay = layout(ctx, form.id)
        for year in form.years + [y for y in form.seed_years if y not in form.years]:
            ydir = year.replace("/", "-")
            d = os.path.join(args.out, ydir, form.id)
            if d not in outdirs:
                shutil.rmtree(d, ignore_errors=True)
                outdirs.add(d)
            for part, cyear in (form.parts or [(None, None)]):
                figures = form_data(ctx, form, year, part) if year in form.years else {}
                schools = (all_schools(ctx, ("primary-school",)) if form.primary else ctx.schools) if year in form.years else []
                if schools:
                    os.makedirs(d, exist_ok=True)
                ptext = period_text(lay["period"], year) if not part else \
                    (f"{part} квартал {cyear}" if lay["period"] == "quarter" else f"{part:02d}.{cyear}")
                pstem = ydir if not part else (f"{cyear}-q{part}" if lay["period"] == "quarter" else f"{cyear}-{part:02d}")
                for i, s in enumerate(schools):
                    prng = random.Random(f"{args.seed}:{form.id}:{year}:{part}:{s.code}" if part else f"{args.seed}:{form.id}:{year}:{s.code}")
                    ctx.period_label = f"{year} учебный год" if not part else ptext
                    ctx.school_label = s.short
                    title = {"school": s.short if i % 3 else s.code, "period": ptext,
                             "responsible": person(prng), "phone": phone(prng), "filled": filled_date(ctx, lay, year, prng)}
                    vals = figures[s.code]
                    # A school with nothing to report in a form of tables only (the evening school
                    # writes no ВПР) sends no file: an empty form is svod's `form.empty`.
                    if vals and all(isinstance(v, list) and not v for v in vals.values()):
                        continue
                    if form.computed:
                        vals = fill_computed(ctx, form.id, vals)
                    wb, w = write_workbook(ctx, lay, vals, title, None)
                    stem = f"{form.id}-{pstem}-{s.code}"
                    fd = d
                    if (form.id, year, s.code) in late:
                        fd = os.path.join(args.out, "late", ydir, form.id)
                        if fd not in outdirs:
                            shutil.rmtree(os.path.join(args.out, "late"), ignore_errors=True)
                            outdirs.add(fd)
                        os.makedirs(fd, exist_ok=True)
                    xlsx = os.path.join(fd, stem + ".xlsx")
                    wb.save(xlsx)
                    # ODS for every second school of ВПР/РКР, every fourth elsewhere (Samples/ stays under 15 MB)
                    ods = (i % 2 == 1 if form.id in ("vpr", "rkr") else i % 4 == 1) and not args.no_ods
                    if ods:
                        to_ods.append(xlsx)
                    manifest["files"].append({"path": os.path.relpath(xlsx[:-4] + ("ods" if ods else "xlsx"), args.out),
                                              "form": form.id, "year": year, "part": part and ptext, "school": s.code, "kind": "school"})
                    if fd != d:
                        manifest["files"][-1]["late"] = True
            # the seed's own city table
            if form.seed and year in form.seed_years:
                sd = os.path.join(args.out, "seed", ydir)
                if sd not in outdirs:
                    shutil.rmtree(sd, ignore_errors=True)
                    outdirs.add(sd)
                os.makedirs(sd, exist_ok=True)
                ctx.period_label, ctx.school_label = f"{year} учебный год", "г. Тула (таблица программы МСОКО)"
                # a registry code in the school cell (the city is not a school; any code keeps
                # Титул clean so that only the table's own faults are reported)
                title = {"school": SEED_TITLE_SCHOOL, "period": period_text(lay["period"], year),
                         "responsible": "Управление образования администрации города Тулы"}
                vals = form.seed(ctx, year)
                fixed = vals.pop("_fixed", None)
                if form.computed:
                    vals = fill_computed(ctx, form.id, vals)
                for sid, recs in (fixed and {k: v for k, v in vals.items() if isinstance(v, list)} or {}).items():
                    for r in recs:
                        for k, v in fixed.get(r.get("subject"), {}).items():
                            r[k] = v
                wb, w = write_workbook(ctx, lay, vals, title, None)
                p = os.path.join(sd, f"{form.id}-{ydir}-seed.xlsx")
                wb.save(p)
                manifest["files"].append({"path": os.path.relpath(p, args.out), "form": form.id, "year": year,
                                          "kind": "seed", "validate_form": False, "previous": None,
                                          "expected": findings(SEED_EXPECTED.get((form.id, year), []))})

    # seed files once more against the previous year's seed file
    seed_path = {(f["form"], f["year"]): f["path"] for f in manifest["files"] if f["kind"] == "seed"}
    for (fid, year, prev), want in SEED_PREVIOUS.items():
        if (fid, year) in seed_path and (fid, prev) in seed_path:
            manifest["files"].append({"path": seed_path[(fid, year)], "form": fid, "year": year, "kind": "seed",
                                      "validate_form": False, "previous": seed_path[(fid, prev)], "expected": findings(want)})
    by_school_path = {(f["form"], f["year"], f.get("school")): f["path"] for f in manifest["files"] if f["kind"] == "school"}
    # planted mistakes: copies of a school's clean file with one mistake each
    for fid, year, idx, stem, fn, what, need_form in PLANTED:
        if fid not in have or only and fid not in only:
            continue
        form = next(f for f in FORMS if f.id == fid)
        lay = layout(ctx, fid)
        ydir = year.replace("/", "-")
        s = ctx.schools[idx]
        part, cyear = (form.parts or [(None, None)])[-1]
        figures = form_data(ctx, form, year, part)
        prng = random.Random(f"{args.seed}:{fid}:{year}:{s.code}")
        ctx.period_label, ctx.school_label = f"{year} учебный год", s.short
        ptext = period_text(lay["period"], year) if not part else \
            (f"{part} квартал {cyear}" if lay["period"] == "quarter" else f"{part:02d}.{cyear}")
        title = {"school": s.short, "period": ptext,
                 "responsible": person(prng), "phone": phone(prng), "filled": filled_date(ctx, lay, year, prng)}
        vals = fill_computed(ctx, fid, figures[s.code]) if form.computed else figures[s.code]
        wb, w = write_workbook(ctx, lay, vals, title, None)
        expected = fn(wb, w)
        pd = os.path.join(args.out, "planted", ydir)
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
                                  "expected": findings(expected)})

    manifest["risk_plants"] = [
        {"name": p["name"], "school": code, "what": p["what"], "expect": p["expect"],
         **({"late": next(f["path"] for f in manifest["files"] if f.get("late") and f["school"] == code),
             "expect_with_late": p["expect_with_late"]} if p.get("late") else {})}
        for p, code in risk_plan(ctx) if not only or any(f in only for f, _k, _t in p["rows"])]
    if to_ods:
        convert_to_ods(to_ods)
    os.makedirs(os.path.join(args.out, REPORTING_YEAR), exist_ok=True)
    with open(os.path.join(args.out, f"manifest-{REPORTING_YEAR}.json"), "w", encoding="utf-8") as fh:
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
        # no thumbnail.png in the files (8 KB of an 18 KB ODS; Samples/ stays small)
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                     'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                     '<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" '
                     'oor:op="fuse"><value>false</value></prop></item>\n</oor:items>\n')
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
