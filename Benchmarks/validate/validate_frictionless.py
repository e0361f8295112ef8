"""frictionless-py: validate an XLSX table against a Table Schema, as a user would
(frictionless.validate with the defaults: every built-in check, at most 1,000 errors).

Usage: validate_frictionless.py FILE.xlsx SCHEMA.json
       validate_frictionless.py --import-only

Prints one JSON object: {"valid", "rows", "errors": [[type, constraint, cell], ...], "other"}
where constraint is the constraint a constraint-error names (required, minimum, maximum, pattern,
enum) or "" and cell is the A1 reference ("" when the error has no cell); "other" holds the
messages of errors not about a row (a file it cannot read, a header that does not match). Exit 0 whatever it
found; 2 when the validation itself failed.
"""
import json
import os
import re
import sys

import frictionless

if sys.argv[1] == "--import-only":
    sys.exit(0)


def column(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(ord("A") + r) + s
    return s


path, schema_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    descriptor = json.load(f)
descriptor.pop("$comment", None)
# frictionless refuses absolute paths ("not safe") unless trusted: give it the name, as a user
# running `frictionless validate table.xlsx` in that folder would
os.chdir(os.path.dirname(os.path.abspath(path)))
report = frictionless.validate(os.path.basename(path), schema=frictionless.Schema.from_descriptor(descriptor))
task = report.tasks[0] if report.tasks else None
errors, other = [], []
for e in report.flatten(["type", "note", "rowNumber", "fieldNumber"]):
    kind, note, row, field = e
    if not row:
        other.append(f"{kind}: {note}")
    m = re.match(r'constraint "(\w+)"', note or "")
    cell = f"{column(field)}{row}" if row and field else ""
    errors.append([kind, m.group(1) if m and kind == "constraint-error" else "", cell])
out = {"valid": report.valid, "rows": task.stats.get("rows") if task else None, "errors": errors,
       "limit_errors": frictionless.settings.DEFAULT_LIMIT_ERRORS,
       "other": [e.message for e in report.errors] + other}
print(json.dumps(out, ensure_ascii=False))
# the file not read at all (a resource or format error) is a failure of the run, not a finding
sys.exit(0 if task and task.stats.get("rows") is not None else 2)
