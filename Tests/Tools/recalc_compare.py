"""Recalculates a workbook in LibreOffice headless and compares every formula's result with the
value svod cached for it. Usage: recalc_compare.py WORKBOOK.xlsx|.ods WORKDIR
Prints «formulas N differ M» and the first differences; exit 0 when none differ.

LibreOffice does not recalculate an XLSX or ODS on load by default (it trusts cached values),
so a private profile sets OOXMLRecalcMode and ODFRecalcMode to «always»: without it the check
would compare the cached values with themselves. The recalculated file is read back as XLSX by
openpyxl; the original by openpyxl (XLSX) or python-calamine (ODS)."""
import os, subprocess, sys, zipfile

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

def recalculated(path, work):
    profile = os.path.join(work, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE)
    out = os.path.join(work, "recalculated")
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--calc", "--convert-to", "xlsx",
                    "--outdir", out, path], check=True, capture_output=True, timeout=600)
    return os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".xlsx")

def same(x, y):
    if x in (None, "") and y in (None, ""):
        return True
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return abs(x - y) < 1e-9 * max(1, abs(x))
    return x == y

def main():
    import openpyxl
    path, work = sys.argv[1], sys.argv[2]
    again = openpyxl.load_workbook(recalculated(path, work), data_only=True)
    if path.endswith(".ods"):
        # The ODS's formulas are its own; the cached values come through calamine, formulas' places from the recalculated copy.
        from python_calamine import CalamineWorkbook
        cached = CalamineWorkbook.from_path(path)
        def value(sheet, row, col):
            rows = cached.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            return rows[row][col] if row < len(rows) and col < len(rows[row]) else None
        formulas = openpyxl.load_workbook(recalculated(path, work))
        cache = {}
        def cell(sheet, row, col):
            if sheet not in cache:
                cache[sheet] = cached.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            rows = cache[sheet]
            v = rows[row][col] if row < len(rows) and col < len(rows[row]) else None
            return None if v == "" else v
    else:
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        def cell(sheet, row, col):
            return values[sheet].cell(row + 1, col + 1).value
    n = bad = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    n += 1
                    x, y = cell(ws.title, c.row - 1, c.column - 1), again[ws.title][c.coordinate].value
                    if not same(x, y):
                        bad += 1
                        if bad <= 10:
                            print(ws.title, c.coordinate, c.value[:100], "cached", x, "recalculated", y)
    print("formulas", n, "differ", bad)
    sys.exit(1 if bad or n == 0 else 0)

main()
