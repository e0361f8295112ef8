"""XlsxWriter peer: writes the data.py sheet. Usage: write_xlsxwriter.py OUT.xlsx ROWS [--import-only]"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsxwriter  # noqa: E402
from data import DATE_FORMAT, DATETIME_FORMAT, HEADER, SHEET, row  # noqa: E402


def main():
    if "--import-only" in sys.argv:
        return
    out, rows = sys.argv[1], int(sys.argv[2])
    # constant_memory: rows are flushed as written (inline strings), XlsxWriter's streaming mode,
    # the fair peer for a streaming writer.
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": DATE_FORMAT})
    dt_fmt = wb.add_format({"num_format": DATETIME_FORMAT})
    ws = wb.add_worksheet(SHEET)
    ws.freeze_panes(1, 0)
    for c, h in enumerate(HEADER):
        ws.write_string(0, c, h, bold)
    # typed write_* calls: the generic write() would spend time guessing types
    wn, wsg, wd = ws.write_number, ws.write_string, ws.write_datetime
    for r in range(1, rows + 1):
        v = row(r)
        wn(r, 0, v[0])
        wn(r, 1, v[1])
        wn(r, 2, v[2])
        wn(r, 3, v[3])
        wsg(r, 4, v[4])
        wsg(r, 5, v[5])
        wsg(r, 6, v[6])
        wsg(r, 7, v[7])
        wd(r, 8, v[8], date_fmt)
        wd(r, 9, v[9], dt_fmt)
    wb.close()


if __name__ == "__main__":
    main()
