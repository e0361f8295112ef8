#!/usr/bin/env python3
"""Writes ВПР forms the way a school's spreadsheet program would, with planted mistakes.

    make_vpr_forms.py OUTDIR   ->  prints a JSON list of {"file", "mistakes": [[rule, cell], ...]}

Each form is written by openpyxl the way a coordinator fills one in Excel: a title and the
school on the first rows, a header, numbers typed (some as text with a decimal comma, some as
percentages formatted «0.0%»), optional blank rows. The test runs svod on them and expects
exactly the planted mistakes, at their cells.
"""
import json
import os
import sys

import openpyxl
from openpyxl.styles import Font

HEADER = ["Класс", "Предмет", "Участников", "«5»", "«4»", "«3»", "«2»", "Успеваемость, %", "Качество, %"]


def row(cls, subject, marks):
    n = sum(marks)
    success = round((marks[0] + marks[1] + marks[2]) / n * 100 + 1e-9, 1)
    quality = round((marks[0] + marks[1]) / n * 100 + 1e-9, 1)
    return [cls, subject, n] + marks + [success, quality]


GOOD = [row(4, "Математика", [31, 27, 12, 1]), row(4, "Русский язык", [22, 33, 14, 2]),
        row(5, "История", [10, 20, 30, 3]), row(6, "География", [5, 15, 25, 5])]


def write(path, rows, header_row=4, percent_as_fraction=False, text_numbers=(), blank_after=None, sheet="ВПР", order=None):
    wb = openpyxl.Workbook()
    title = wb.active
    title.title = "Титул"
    for r, (label, value) in enumerate([("Образовательная организация", "co9"), ("Отчётный период", "2023/2024"),
                                        ("Ответственный за заполнение (ФИО)", "Иванова Анна Петровна")], 3):
        title.cell(r, 2, label)
        title.cell(r, 3, value)
    ws = wb.create_sheet(sheet)
    ws.cell(1, 1, "Результаты ВПР, 2023/2024 учебный год")
    ws.cell(2, 1, "Образовательная организация:")
    ws.cell(2, 3, "МБОУ ЦО № 9")
    # order: the schema's columns in the order the school laid them out (a moved column).
    order = order or list(range(len(HEADER)))
    for c, h in enumerate((HEADER[k] for k in order), 1):
        ws.cell(header_row, c, h).font = Font(bold=True)
    r = header_row + 1
    for i, values in enumerate(rows):
        for c, v in enumerate((values[k] for k in order), 1):
            cell = ws.cell(r, c)
            if (i, c) in text_numbers:
                cell.value = str(v).replace(".", ",")
            elif percent_as_fraction and c in (8, 9):
                cell.value = v / 100
                cell.number_format = "0.0%"
            else:
                cell.value = v
        r += 1
        if blank_after == i:
            r += 1
    wb.save(path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cases = []

    def case(name, rows, mistakes, **kw):
        path = os.path.join(out, name + ".xlsx")
        write(path, rows, **kw)
        cases.append({"file": path, "mistakes": mistakes})

    case("clean", GOOD, [])
    case("clean-percent-format", GOOD, [], percent_as_fraction=True)
    case("clean-header-lower-blank-row", GOOD, [], header_row=7, blank_after=1)
    bad = [list(r) for r in GOOD]
    bad[1][2] = 72                      # participants ≠ sum of marks → C6
    bad[2][8] = 50.0                    # quality miscomputed → I7
    case("sum-and-quality", bad, [["vpr.participants", "C6"], ["vpr.quality", "I7"]])
    bad = [list(r) for r in GOOD]
    bad[0][1] = "Домоводство"           # not a subject → B5
    bad[3][6] = -5                      # negative count → G8 (and the sum no longer adds up)
    # A value that fails its own check is reported once: the sums and shares that use it are skipped.
    case("list-and-range", bad, [["field.list", "B5"], ["field.range", "G8"]])
    case("text-numbers", GOOD, [["field.format", "I5"], ["field.format", "H6"]], text_numbers={(0, 9), (1, 8)})
    # «Участников» moved to the end: bound by its header and checked, with one warning at it.
    case("moved-column", GOOD, [["column.moved", "I4"]], order=[0, 1, 3, 4, 5, 6, 7, 8, 2])
    bad = [list(r) for r in GOOD] + [list(GOOD[0])]
    case("duplicate", bad, [["key.duplicate", "A9"]])
    print(json.dumps(cases, ensure_ascii=False))


if __name__ == "__main__":
    main()
