"""fastexcel: load the first sheet and materialise it as an Arrow table.

The first row is taken as the header (fastexcel's default), so the printed
rows/cells add it back (+1 row, +columns cells) to compare with the others.
"""
import sys

import fastexcel

if sys.argv[1] == "--import-only":
    import pyarrow  # noqa: F401  (what to_arrow() needs)
    sys.exit(0)
sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0)
table = sheet.to_arrow()
cols = table.num_columns
cells = sum(len(c) - c.null_count for c in table.columns) + cols
print(f"rows={table.num_rows + 1} cells={cells}")
