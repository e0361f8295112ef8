"""openpyxl (read_only=True): iterate every value of the first sheet. XLSX only."""
import sys

from openpyxl import load_workbook

if sys.argv[1] == "--import-only":
    sys.exit(0)
wb = load_workbook(sys.argv[1], read_only=True)
ws = wb.worksheets[0]
rows = cells = 0
for row in ws.values:
    rows += 1
    for v in row:
        if v is not None:
            cells += 1
wb.close()
print(f"rows={rows} cells={cells}")
