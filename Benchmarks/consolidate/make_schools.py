"""Makes N generated schools for the consolidation benchmark, from the bundled year of samples.

    make_schools.py OUT N [--schemas-only] [--years 2017-2018,2018-2019,2019-2020] [--forms vpr,rkr]

--schemas-only refreshes OUT/schemas from the project's Schemas/ and leaves the files (a rerun
after a schema change must not judge the files by last week's copy).
OUT/schemas — a copy of Schemas/ whose registry adds N general schools (b00001…, round-robin
over the five districts) to the bundled one; OUT/files/<form>/ — one file per school and annual form: school i sends
the sample files of sample school i mod 62 (XLSX or ODS as the sample is), with its code on the
title sheet replaced by its own. Every file is a real office program's file (openpyxl,
LibreOffice), byte for byte, but for the code. With --years, OUT/files/<year>/<form>/ for each
sample year named (its annual forms that Samples/<year>/ has), for the benchmarks over several years.
--forms limits the files to the forms named."""
import os, re, shutil, sys, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ANNUAL = ["career", "contingent", "director", "dod", "ege", "gia9", "low-results", "objectivity", "rkr", "staff",
          "talents", "teachers-pd", "upbringing", "vpr"]
DISTRICTS = ["central", "sovetsky", "privokzalny", "proletarsky", "zarechensky"]

def registry(n):
    """The bundled registry (the samples name its schools as partners) and N generated general schools after it."""
    out = [open(os.path.join(ROOT, "Schemas", "reference", "organisations.yaml"), encoding="utf-8").read().rstrip("\n"),
           "  # Generated for the consolidation benchmark: N general schools."]
    for i in range(1, n + 1):
        out += [f"  - code: b{i:05d}", f"    name: Муниципальное бюджетное общеобразовательное учреждение «Школа № {i}»",
                f"    short: [МБОУ Школа № {i}]", "    kind: general-school", f"    district: {DISTRICTS[i % 5]}"]
    return "\n".join(out) + "\n"

def names():
    """Registry code → every way the samples write the school on their title (its code and short names)."""
    out, code = {}, None
    for line in open(os.path.join(ROOT, "Schemas", "reference", "organisations.yaml"), encoding="utf-8"):
        t = line.strip()
        if t.startswith("- code:"):
            code = t[7:].split("#")[0].strip()
            out[code] = [code]
        elif t.startswith("short:") and code:
            out[code] += [x.strip() for x in t[6:].strip().strip("[]").split(",")]
    return out

def recoded(src, dst, old, new):
    """Copies the zip src to dst with the title's school (its code or a short name, in `old`) replaced by new."""
    escaped = [o.replace("&", "&amp;").replace('"', "&quot;") for o in old]
    pattern = re.compile(rb">(" + b"|".join(re.escape(o.encode()) for o in sorted(set(old + escaped), key=len, reverse=True)) + rb")<")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml"):
                data = pattern.sub(b">" + new.encode() + b"<", data)
            zout.writestr(item, data, compress_type=item.compress_type)

def schemas(out, n):
    """OUT/schemas: the project's Schemas/ with the generated schools in its registry."""
    shutil.rmtree(os.path.join(out, "schemas"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Schemas"), os.path.join(out, "schemas"))
    with open(os.path.join(out, "schemas", "reference", "organisations.yaml"), "w") as f:
        f.write(registry(n))

def sample_files(year, form):
    """{sample school: file name} of a form in Samples/<year>/ ({} without the folder)."""
    folder = os.path.join(ROOT, "Samples", year, form)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return {re.sub(r"^.*-" + year + "-", "", os.path.splitext(s)[0]): s for s in names}

def year_files(year, out, n, spellings, years):
    """The N schools' files of every annual form Samples/<year>/ has, into `out`/<form>/; the count written.
    School i is the same sample school in every year of `years` (a sample school without that
    year's file, as the one whose file came late, leaves its generated schools without it too)."""
    count = 0
    for form in FORMS or ANNUAL:
        by_school = sample_files(year, form)
        if not by_school:
            continue
        folder = os.path.join(ROOT, "Samples", year, form)
        schools = sorted(set().union(*(sample_files(y, form) for y in years)))
        os.makedirs(os.path.join(out, form))
        for i in range(1, n + 1):
            school = schools[(i - 1) % len(schools)]
            if school not in by_school:
                continue
            name = by_school[school]
            ext = os.path.splitext(name)[1]
            recoded(os.path.join(folder, name), os.path.join(out, form, f"{form}-{year}-b{i:05d}{ext}"),
                    spellings.get(school, [school]), f"b{i:05d}")
            count += 1
    return count

FORMS = sys.argv[sys.argv.index("--forms") + 1].split(",") if "--forms" in sys.argv else None

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    if "--schemas-only" in sys.argv[3:]:
        schemas(out, n)
        return
    years = sys.argv[sys.argv.index("--years") + 1].split(",") if "--years" in sys.argv else None
    shutil.rmtree(out, ignore_errors=True)
    schemas(out, n)
    spellings = names()
    if years:
        count = sum(year_files(y, os.path.join(out, "files", y), n, spellings, years) for y in years)
    else:
        count = year_files("2019-2020", os.path.join(out, "files"), n, spellings, ["2019-2020"])
    print(f"{count} files of {n} schools in {out}/files")

main()
