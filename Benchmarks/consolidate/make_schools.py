"""Makes N generated schools for the consolidation benchmark, from the bundled year of samples.

    make_schools.py OUT N [--schemas-only]

--schemas-only refreshes OUT/schemas from the project's Schemas/ and leaves the files (a rerun
after a schema change must not judge the files by last week's copy).
OUT/schemas — a copy of Schemas/ whose registry adds N general schools (b00001…, round-robin
over the five districts) to the bundled one; OUT/files/<form>/ — one file per school and annual form: school i sends
the sample files of sample school i mod 62 (XLSX or ODS as the sample is), with its code on the
title sheet replaced by its own. Every file is a real office program's file (openpyxl,
LibreOffice), byte for byte, but for the code."""
import os, re, shutil, sys, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
YEAR = os.path.join(ROOT, "Samples", "2019-2020")
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

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    if "--schemas-only" in sys.argv[3:]:
        schemas(out, n)
        return
    shutil.rmtree(out, ignore_errors=True)
    schemas(out, n)
    count, spellings = 0, names()
    for form in ANNUAL:
        folder = os.path.join(YEAR, form)
        if not os.path.isdir(folder):
            continue
        samples = sorted(os.listdir(folder))
        by_school = {re.sub(r"^.*-2019-2020-", "", os.path.splitext(s)[0]): s for s in samples}
        schools = sorted(by_school)
        os.makedirs(os.path.join(out, "files", form))
        for i in range(1, n + 1):
            school = schools[(i - 1) % len(schools)]
            name = by_school[school]
            ext = os.path.splitext(name)[1]
            recoded(os.path.join(folder, name), os.path.join(out, "files", form, f"{form}-2019-2020-b{i:05d}{ext}"),
                    spellings.get(school, [school]), f"b{i:05d}")
            count += 1
    print(f"{count} files of {n} schools in {out}/files")

main()
