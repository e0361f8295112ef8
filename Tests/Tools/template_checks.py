"""What openpyxl reads of svod's templates: sheets, protection, data validations, properties.

Usage: template_checks.py FILE.xlsx...  One JSON object a line per file.
"""
import json
import sys

import openpyxl

for path in sys.argv[1:]:
    out = {"file": path, "error": None}
    try:
        wb = openpyxl.load_workbook(path)
        out["title"] = wb.properties.title
        out["custom"] = {p.name: p.value for p in wb.custom_doc_props.props}
        sheets = []
        for ws in wb.worksheets:
            validations = sorted(
                [dv.type, str(dv.sqref), (dv.formula1 or "").replace("'", "").lstrip("=")]
                for dv in ws.data_validations.dataValidation
            )
            unlocked = sum(1 for row in ws.iter_rows() for c in row if c.protection is not None and not c.protection.locked)
            sheets.append({"name": ws.title, "state": ws.sheet_state, "protected": bool(ws.protection.sheet),
                           "validations": validations, "unlocked": unlocked})
        out["sheets"] = sheets
    except Exception as e:  # noqa: BLE001 — the test shows what went wrong
        out["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out, ensure_ascii=False))
