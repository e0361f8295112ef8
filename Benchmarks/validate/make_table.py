"""Write the validation benchmark's table: a header row + ROWS records x 11 columns, with one
planted violation in every block of 1,000 rows (0.1 %), and the list of what was planted.

Usage: make_table.py OUT.xlsx [ROWS]     (also writes OUT.expected.json)

The header is the field labels of schema/forms/bench.yaml (= the field names of
bench.tableschema.json). Records are consistent ВПР-style results: «5»+«4»+«3»+«2» = Участников,
Средний балл and Качество, % computed from the marks (rounded half up, as the rules variant
expects). Deterministic (fixed seed). XlsxWriter in constant_memory mode: rows streamed to disk,
strings inline (<c t="inlineStr">), as streaming writers write them.

Each planted violation breaks exactly one constraint of one cell, the same one for svod and
frictionless; KINDS cycles through 8 of them (type, required, minimum x2, maximum, pattern,
enum for an `allowed` field, enum for a code-list field).
"""
import json
import random
import sys
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

HEADER = ["Код ОО", "Класс", "Предмет", "Форма проведения", "Участников",
          "«5»", "«4»", "«3»", "«2»", "Средний балл", "Качество, %"]
COL = {h: chr(ord("A") + i) for i, h in enumerate(HEADER)}
SUBJECTS = ["Русский язык", "Математика", "Окружающий мир", "Биология", "История", "География",
            "Обществознание", "Физика", "Химия", "Информатика и ИКТ", "Литература", "Английский язык"]
KINDS_OF_SCHOOL = ["ЦО", "СШ", "ОШ", "ЛЦ", "ГМ", "НШ", "КШ", "ВС"]
MODES = ["бумажная", "компьютерная"]

# (constraint, column label, bad cell values to cycle through)
KINDS = [
    ("type", "«4»", ["много", "12 чел", "?"]),
    ("required", "Код ОО", [None]),
    ("minimum", "«2»", [-1, -3]),
    ("maximum", "Качество, %", [120.5, 101]),
    ("minimum", "Средний балл", [1.5, 0]),
    ("pattern", "Код ОО", ["71-ЦО", "071-ЦO", "071-цо", "0712-СШ"]),  # 2nd: Latin O
    ("enum", "Форма проведения", ["устная", "дистанционная"]),
    ("enum", "Предмет", ["Астрология", "Труд"]),
]


def half_up(x: Decimal, places: int) -> float:
    return float(x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def record(rnd: random.Random) -> list:
    n5, n4, n3, n2 = (rnd.randint(0, 30) for _ in range(4))
    n = n5 + n4 + n3 + n2
    if n == 0:
        n3 = n = 1
    mean = half_up(Decimal(5 * n5 + 4 * n4 + 3 * n3 + 2 * n2) / n, 2)
    quality = half_up(Decimal(n5 + n4) * 100 / n, 1)
    school = f"{rnd.randint(1, 999):03d}-{rnd.choice(KINDS_OF_SCHOOL)}"
    return [school, rnd.randint(4, 11), rnd.choice(SUBJECTS), rnd.choice(MODES),
            n, n5, n4, n3, n2, mean, quality]


def main() -> None:
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rnd = random.Random(20250301)
    # block k of 1,000 rows gets one violation, of kind k mod 8, on a random row of the block
    planted = {}
    for k in range((rows + 999) // 1000):
        lo, hi = k * 1000 + 1, min(rows, (k + 1) * 1000)
        kind, label, bad = KINDS[k % len(KINDS)]
        planted[rnd.randint(lo, hi)] = (kind, label, bad[(k // len(KINDS)) % len(bad)])

    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("Результаты")
    for c, h in enumerate(HEADER):
        ws.write_string(0, c, h)
    violations = []
    for r in range(1, rows + 1):
        values = record(rnd)
        if r in planted:
            kind, label, bad = planted[r]
            values[HEADER.index(label)] = bad
            violations.append({"cell": f"{COL[label]}{r + 1}", "row": r + 1, "constraint": kind, "field": label,
                               "value": bad})
        for c, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    wb.close()
    with open(out[:-len(".xlsx")] + ".expected.json", "w") as f:
        json.dump({"rows": rows, "columns": HEADER, "violations": violations}, f, ensure_ascii=False, indent=1)
    print(f"wrote {out}: header + {rows} rows x {len(HEADER)} columns, {len(violations)} planted violations")


if __name__ == "__main__":
    main()
