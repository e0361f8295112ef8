"""Write FILES small ВПР submissions (form `vpr` of Schemas/), like Samples/vpr-2019-2020-mbou-co-9.xlsx:
a «Титул» sheet (a school of the registry Schemas/reference/organisations.yaml, the period, who
filled it), then on «ВПР» a title, the school and the date above a header on row 5, then 10-20 rows of class, subject,
Участников = SUM of the marks, «5» «4» «3» «2», Успеваемость and Качество as ROUND formulas, and a
hidden «Пояснения» sheet. Formulas carry their computed values, as Excel and LibreOffice save them.

Usage: make_submissions.py OUTDIR FILES SVOD

Every other file is turned into ODS with `SVOD convert x.xlsx x.ods` (the XLSX is then deleted),
so half are XLSX and half ODS. One file in 20 (as many XLSX as ODS) has one planted mistake:
on one row Участников is typed as a number one more than the marks add up to (the percentages
are still computed from that cell), which rule vpr.participants must report; vpr.success and
vpr.quality fire on that row too, as the vpr schema divides by the sum of the marks. Writes
OUTDIR/expected.json: {"files": [...], "with_error": [...]}.
"""
import datetime
import json
import os
import random
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

SUBJECTS = ["Русский язык", "Математика", "Окружающий мир", "Биология", "История", "География",
            "Обществознание", "Физика", "Химия", "Английский язык", "Литература"]
KINDS = ["МБОУ ЦО № {}", "МБОУ СОШ № {}", "МБОУ «Лицей № {}»", "МБОУ «Гимназия № {}»"]
HEAD = ["Класс", "Предмет", "Участников", "«5»", "«4»", "«3»", "«2»", "Успеваемость, %", "Качество, %"]


def pct(part: int, n: int) -> float:
    """Excel's ROUND(part/n*100, 1): half away from zero."""
    return float((Decimal(part) * 100 / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def registry_schools() -> list:
    """Codes of the general-education schools in the registry (read as text: no YAML library needed)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Schemas/reference/organisations.yaml")
    entries = re.split(r"\n  - ", open(path, encoding="utf-8").read())
    return [re.search(r"code: *(\S+)", e).group(1) for e in entries if re.search(r"kind: *general-school", e)]


def write(path: str, rnd: random.Random, school: str, code: str, mistake: bool) -> None:
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "dd.mm.yyyy"})
    title = wb.add_worksheet("Титул")
    title.write_string("A1", "Результаты Всероссийских проверочных работ", bold)
    for r, (label, value) in enumerate([("Образовательная организация", code), ("Отчётный период", "2024/2025"),
                                        ("Ответственный за заполнение (ФИО)", "Иванова Анна Петровна")], 2):
        title.write_string(r, 1, label)
        title.write_string(r, 2, value)
    ws = wb.add_worksheet("ВПР")
    ws.merge_range("A1:I1", "Результаты Всероссийских проверочных работ, 2024-2025 учебный год", bold)
    ws.write_string("A2", "Образовательная организация:")
    ws.write_string("C2", school)
    ws.write_string("A3", "Дата заполнения:")
    ws.write_datetime("C3", datetime.date(2025, 11, rnd.randint(1, 28)), date)
    for c, h in enumerate(HEAD):
        ws.write_string(4, c, h, bold)
    pairs = rnd.sample([(k, s) for k in range(4, 12) for s in SUBJECTS], rnd.randint(10, 20))
    wrong = rnd.randrange(len(pairs)) if mistake else -1
    for i, (klass, subject) in enumerate(sorted(pairs)):
        r = 5 + i  # 0-based; sheet row r + 1
        x = r + 1
        marks = [rnd.randint(0, 30) for _ in range(4)]
        if sum(marks) == 0:
            marks[2] = 1
        n = sum(marks)
        ws.write_number(r, 0, klass)
        ws.write_string(r, 1, subject)
        if i == wrong:
            n += 1
            ws.write_number(r, 2, n)
        else:
            ws.write_formula(r, 2, f"=SUM(D{x}:G{x})", None, n)
        for c, m in enumerate(marks, start=3):
            ws.write_number(r, c, m)
        ws.write_formula(r, 7, f"=ROUND((D{x}+E{x}+F{x})/C{x}*100,1)", None, pct(sum(marks[:3]), n))
        ws.write_formula(r, 8, f"=ROUND((D{x}+E{x})/C{x}*100,1)", None, pct(sum(marks[:2]), n))
    notes = wb.add_worksheet("Пояснения")
    for c, h in enumerate(["Правило", "Ячейка", "Пояснение"]):
        notes.write_string(0, c, h)
    notes.hide()
    wb.close()


def main() -> None:
    out, count, svod = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(20251116)
    files, with_error = [], []
    codes = registry_schools()
    for i in range(1, count + 1):
        school = rnd.choice(KINDS).format(i)
        code = codes[i % len(codes)]
        xlsx = os.path.join(out, f"school-{i:04d}.xlsx")
        mistake = i % 40 in (20, 21)  # one even (ODS), one odd (XLSX)
        write(xlsx, rnd, school, code, mistake)
        path = xlsx
        if i % 2 == 0:
            path = xlsx[:-len(".xlsx")] + ".ods"
            subprocess.run([svod, "convert", xlsx, path], check=True, capture_output=True)
            os.unlink(xlsx)
        files.append(os.path.basename(path))
        if mistake:
            with_error.append(os.path.basename(path))
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"files": files, "with_error": with_error}, f, ensure_ascii=False, indent=1)
    n_ods = sum(f.endswith(".ods") for f in files)
    print(f"wrote {count} submissions into {out}: {count - n_ods} XLSX, {n_ods} ODS "
          f"(converted by svod), {len(with_error)} with one planted mistake")


if __name__ == "__main__":
    main()
