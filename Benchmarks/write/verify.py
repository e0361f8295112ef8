"""Reads each output once with python-calamine and compares every cell with data.py;
checks that the header row is bold and frozen (zip + regex: python-calamine reads no styles).

Usage: verify.py ROWS FILE...   (bench.py calls check() after timing)

Cells must come back with the expected type: numbers as numbers, text as text, the date
column as datetime.date and the date-time column as datetime.datetime (so each writer must
have given them a date format). A number that differs from the exact double only beyond the
15th significant digit is counted apart: printf's %.16G (libxlsxwriter, XlsxWriter) cannot
always carry the last bit of a double, a shortest round-trip form can.
"""
import datetime
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_calamine import CalamineWorkbook  # noqa: E402
from data import HEADER, SHEET, row  # noqa: E402

MAX_SHOWN = 8


def same(got, want):
    """'exact', 'near' (numbers within 15 significant digits) or None."""
    if isinstance(want, datetime.datetime):
        return "exact" if type(got) is datetime.datetime and got == want else None
    if isinstance(want, datetime.date):
        return "exact" if type(got) is datetime.date and got == want else None
    if isinstance(want, str):
        return "exact" if isinstance(got, str) and got == want else None
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return None
    if got == want:
        return "exact"
    return "near" if math.isclose(got, want, rel_tol=1e-15) else None


HEAD = 1 << 18  # the header row and the automatic styles lie well within the parts' first 256 KiB
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def head(z, name):
    with z.open(name) as f:
        return f.read(HEAD).decode("utf-8", "replace")


def check_layout(path):
    """Problems with the header row's look: each of its cells bold, the row frozen."""
    problems = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if "content.xml" in names:  # ODS
            content = head(z, "content.xml")
            bold = {m.group(1) for m in re.finditer(
                r'<style:style style:name="([^"]+)"[^>]*>(.*?)</style:style>', content, re.S)
                if 'fo:font-weight="bold"' in m.group(2)}
            first = re.search(r"<table:table-row[^>]*>(.*?)</table:table-row>", content, re.S)
            cells = re.findall(r"<table:table-cell([^>]*)>", first.group(1)) if first else []
            styles = [(re.search(r'table:style-name="([^"]+)"', c) or [None, None])[1] for c in cells]
            settings = z.read("settings.xml").decode() if "settings.xml" in names else ""
            frozen = re.search(r'VerticalSplitMode" config:type="short">2<', settings) and re.search(
                r'VerticalSplitPosition" config:type="int">1<', settings)
        else:  # XLSX
            st = ET.fromstring(z.read("xl/styles.xml"))
            fonts = st.find(NS + "fonts").findall(NS + "font")
            bold_font = [f.find(NS + "b") is not None and f.find(NS + "b").get("val", "1") not in ("0", "false")
                         for f in fonts]
            xfs = st.find(NS + "cellXfs").findall(NS + "xf")
            bold = {str(i) for i, xf in enumerate(xfs) if bold_font[int(xf.get("fontId", "0"))]}
            sheet = head(z, next(n for n in names if n.startswith("xl/worksheets/sheet")))
            first = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheet, re.S)
            cells = re.findall(r"<c ([^>]*)>", first.group(1)) if first else []
            styles = [(re.search(r'\bs="(\d+)"', c) or [None, "0"])[1] for c in cells]
            pane = re.search(r"<pane [^>]*>", sheet)
            frozen = pane and 'ySplit="1"' in pane.group(0) and 'state="frozen"' in pane.group(0)
    if len(cells) != 10 or not all(s in bold for s in styles):
        problems.append(f"header row: {len(cells)} cells, bold: {[s in bold for s in styles]}")
    if not frozen:
        problems.append("header row not frozen")
    return problems


def check_file(path, rows):
    """(problems, near): a list of strings, and how many numbers were only near."""
    problems, near = check_layout(path), 0
    wb = CalamineWorkbook.from_path(path)
    if wb.sheet_names != [SHEET]:
        problems.append(f"sheets {wb.sheet_names}, expected [{SHEET!r}]")
    n = 0
    for i, got in enumerate(wb.get_sheet_by_index(0).iter_rows()):
        n += 1
        if i > rows:
            continue
        want = HEADER if i == 0 else row(i)
        got = list(got) + [""] * (len(want) - len(got))
        if len(got) > len(want):
            problems.append(f"row {i + 1}: {len(got)} cells, expected {len(want)}")
        for c, (g, w) in enumerate(zip(got, want)):
            verdict = same(g, w)
            if verdict == "near":
                near += 1
            elif verdict is None:
                problems.append(f"{'ABCDEFGHIJ'[c]}{i + 1}: got {g!r} ({type(g).__name__}), expected {w!r}")
    if n != rows + 1:
        problems.insert(0, f"{n:,} rows, expected {rows + 1:,}")
    return problems, near


def check(files, rows):
    """Prints the verdict for {label: path}; returns True when every file holds the expected cells."""
    ok = True
    nears = {}
    for label, path in files.items():
        problems, near = check_file(path, rows)
        nears[label] = near
        status = "OK" if not problems else f"{len(problems)} problem(s)"
        print(f"{label:22} {rows + 1:,} rows expected: {status}"
              + (f"; {near:,} numbers differ from the exact double beyond 15 significant digits" if near else ""))
        for p in problems[:MAX_SHOWN]:
            print(f"    {p}")
        if len(problems) > MAX_SHOWN:
            print(f"    … and {len(problems) - MAX_SHOWN:,} more")
        ok = ok and not problems
    if ok:
        print(f"all writers agree: every one of the {rows + 1:,} rows x {len(HEADER)} cells as data.py says "
              "(numbers to 15 significant digits; dates as dates, date-times as date-times; bold, frozen header)")
    else:
        print("the writers DISAGREE (see above)")
    return ok


if __name__ == "__main__":
    n = int(sys.argv[1])
    sys.exit(0 if check({os.path.basename(f): f for f in sys.argv[2:]}, n) else 1)
