#!/usr/bin/env python3
"""Reads spreadsheets with an independent reader and prints what it read in the corpus shape.

    dump_with.py calamine|openpyxl FILE...   ->  one JSON document per line, in order

Used by svod's tests to check that files svod writes read back the same in other programs.
"""
import datetime
import json
import sys

ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def typed(v, error=False):
    if v is None or v == "":
        return None
    if error:
        return ["error", str(v)]
    if isinstance(v, bool):
        return ["bool", v]
    if isinstance(v, (int, float)):
        return ["number", float(v)]
    if isinstance(v, datetime.datetime):
        return ["datetime", v.isoformat()]
    if isinstance(v, datetime.date):
        return ["date", v.isoformat()]
    if isinstance(v, datetime.time):
        return ["time", v.isoformat()]
    if isinstance(v, datetime.timedelta):
        return ["duration", v.total_seconds()]
    s = str(v)
    if s in ERRORS:
        return ["error", s]
    return ["string", s]


def calamine(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    sheets = []
    for meta in wb.sheets_metadata:
        visible = str(meta.visible).split(".")[-1].lower()
        kind = "chart" if "chart" in str(meta.typ).lower() else "worksheet"
        cells = []
        if kind == "worksheet":
            sheet = wb.get_sheet_by_name(meta.name)
            for r, row in enumerate(sheet.to_python(skip_empty_area=False)):
                for c, v in enumerate(row):
                    t = typed(v)
                    if t:
                        cells.append([f"{col_name(c)}{r + 1}"] + t)
        sheets.append({"name": meta.name, "visible": visible, "kind": kind, "cells": cells})
    return sheets


def openpyxl(path):
    import openpyxl as ox
    wb = ox.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                t = typed(cell.value, error=cell.data_type == "e")
                if t:
                    cells.append([cell.coordinate] + t)
        sheets.append({"name": ws.title, "visible": ws.sheet_state.lower(), "kind": "worksheet", "cells": cells})
    return sheets


def main():
    reader = {"calamine": calamine, "openpyxl": openpyxl}[sys.argv[1]]
    for path in sys.argv[2:]:
        try:
            doc = {"file": path, "error": None, "sheets": reader(path)}
        except Exception as e:  # the test reports it against the file
            doc = {"file": path, "error": f"{type(e).__name__}: {e}", "sheets": []}
        print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    main()
