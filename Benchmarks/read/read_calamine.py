"""python-calamine: read every cell of the first sheet. Prints rows/cells read."""
import sys

from python_calamine import CalamineWorkbook

if sys.argv[1] == "--import-only":
    sys.exit(0)
wb = CalamineWorkbook.from_path(sys.argv[1])
ws = wb.get_sheet_by_index(0)
rows = cells = 0
for row in ws.iter_rows():  # each row is a list of Python values ("" = empty)
    rows += 1
    for v in row:
        if v != "":
            cells += 1
print(f"rows={rows} cells={cells}")
