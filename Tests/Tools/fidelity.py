#!/usr/bin/env python3
"""How much of a workbook's look a conversion keeps, item by item, read with openpyxl.

    fidelity.py REFERENCE.xlsx CANDIDATE.xlsx [--json] [--missing]

Both files are XLSX (an ODS result is first saved as XLSX by LibreOffice, the same for every
candidate, so that only the conversion under test differs). For each item the reference has,
the share of its instances the candidate has the same way: a cell's number format, bold,
italic, underline, font colour and size, fill, borders, alignment and wrapping, protection
(unlocked cells); column widths (within 0.6 of a character) and hidden columns, row heights
(within 1 pt) and hidden rows, merges, frozen panes, sheet protection, data validations,
conditional formats (formula rules per range), comments, page orientation and fit, print titles, tab colours, hidden sheets, document title
and custom properties. Prints `item kept total` lines, or one JSON object; `--missing` lists on
standard error each instance the candidate lacks, with the reference's and the candidate's value.
"""
import json
import sys

import openpyxl


def color(c):
    if c is None or c.type != "rgb" or not isinstance(c.rgb, str):
        return None
    rgb = c.rgb.upper()[-6:]
    return None if rgb == "000000" else rgb


def fill(cell):
    f = cell.fill
    if f is None or f.fill_type in (None, "none"):
        return None
    return color(f.fgColor) or color(f.bgColor) or "pattern"


def border(cell):
    b = cell.border
    return tuple((s.style or None) is not None for s in (b.left, b.right, b.top, b.bottom))


def fmt(code):
    # Codes ignore case (DD.MM.YYYY is dd.mm.yyyy); escapes and quotes are spellings of one literal.
    return None if code in (None, "General") else code.replace("\\", "").replace('"', "").lower()


CELL_ITEMS = {
    "number format": lambda c: fmt(c.number_format),
    "bold": lambda c: bool(c.font.b),
    "italic": lambda c: bool(c.font.i),
    "underline": lambda c: bool(c.font.u and c.font.u != "none"),
    "font colour": lambda c: color(c.font.color),
    "font size": lambda c: round(float(c.font.sz or 11) * 2) / 2,
    "fill": fill,
    "borders": border,
    "alignment": lambda c: (c.alignment.horizontal if c.alignment.horizontal not in (None, "general") else None,
                            c.alignment.vertical if c.alignment.vertical not in (None, "bottom") else None),
    "wrapping": lambda c: bool(c.alignment.wrap_text),
    "unlocked cells": lambda c: c.protection.locked is False,
}
# What a plain cell has: only differences from it are counted as the reference's items.
DEFAULT = {"number format": None, "bold": False, "italic": False, "underline": False, "font colour": None, "font size": 11.0,
           "fill": None, "borders": (False, False, False, False), "alignment": (None, None), "wrapping": False, "unlocked cells": False}


def items(path):
    wb = openpyxl.load_workbook(path)
    out = {}

    def add(item, key, value):
        out.setdefault(item, {})[key] = value

    for ws in wb.worksheets:
        s = ws.title
        for row in ws.iter_rows():
            for c in row:
                for item, get in CELL_ITEMS.items():
                    try:
                        v = get(c)
                    except Exception:
                        v = None
                    if v != DEFAULT[item]:
                        add(item, (s, c.coordinate), v)
        for letter, d in ws.column_dimensions.items():
            if d.customWidth and d.width:
                for i in range(d.min or 1, (d.max or d.min or 1) + 1):
                    add("column widths", (s, i), round(d.width / 0.6))
            if d.hidden:
                for i in range(d.min or 1, (d.max or d.min or 1) + 1):
                    add("hidden columns", (s, i), True)
        for r, d in ws.row_dimensions.items():
            if d.customHeight and d.height:
                add("row heights", (s, r), round(d.height))
            if d.hidden:
                add("hidden rows", (s, r), True)
        for m in ws.merged_cells.ranges:
            add("merges", (s, str(m)), True)
        if ws.freeze_panes:
            add("frozen panes", s, ws.freeze_panes)
        if ws.protection.sheet:
            add("sheet protection", s, True)
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                add("data validations", (s, rng), (dv.type, dv.formula1 is not None))
        for cf in ws.conditional_formatting:
            rules = [r for r in cf.rules if r.formula]
            if rules:
                add("conditional formats", (s, str(cf.sqref)), len(rules))
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:
                    add("comments", (s, c.coordinate), c.comment.text.strip()[:40])
        ps = ws.page_setup
        if ps.orientation == "landscape":
            add("page orientation", s, "landscape")
        if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
            add("fit to page", s, (ps.fitToWidth, ps.fitToHeight))
        if ws.print_title_rows:
            add("print titles", s, ws.print_title_rows)
        if ws.sheet_properties.tabColor is not None:
            add("tab colours", s, color(ws.sheet_properties.tabColor))
        if ws.sheet_state != "visible":
            add("hidden sheets", s, True)
    if wb.properties.title:
        add("document title", "title", wb.properties.title)
    for p in getattr(wb, "custom_doc_props", None) or []:
        add("custom properties", p.name, str(p.value))
    return out


def main():
    reference, candidate = items(sys.argv[1]), items(sys.argv[2])
    result = {}
    for item, expected in reference.items():
        got = candidate.get(item, {})
        result[item] = [sum(1 for k, v in expected.items() if got.get(k) == v), len(expected)]
        if "--missing" in sys.argv:
            for k, v in expected.items():
                if got.get(k) != v:
                    print(f"{item}\t{k}\t{v!r}\t{got.get(k)!r}", file=sys.stderr)
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for item, (kept, total) in result.items():
            print(f"{item}\t{kept}\t{total}")


if __name__ == "__main__":
    main()
