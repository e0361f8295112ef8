#!/usr/bin/env python3
"""Writes the reader samples in Samples/ with real office programs: openpyxl writes the XLSX,
LibreOffice (soffice --headless) converts it to ODS. Run: python3 Samples/make_reader_samples.py

The figures are one school's ВПР results in the shape of the seed's Table 2.2.1
(participants, marks 5/4/3/2, успеваемость = share of 3–5, качество = share of 4–5)."""
import os, shutil, subprocess, sys, tempfile
from datetime import date
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = [  # class, subject, n5, n4, n3, n2
    (4, "Математика", 31, 27, 12, 1),
    (4, "Русский язык", 22, 33, 14, 2),
    (4, "Окружающий мир", 25, 36, 9, 0),
    (5, "Русский язык", 12, 30, 33, 6),
    (5, "Математика", 15, 33, 28, 5),
    (6, "История", 14, 29, 22, 2),
    (11, "Химия", 9, 11, 3, 0),
]

def main():
    wb = Workbook()
    # The title sheet every МСОКО form starts with: who submits, for which period, who filled it.
    title = wb.active
    title.title = "Титул"
    title["A1"] = "Результаты Всероссийских проверочных работ"
    title["A1"].font = Font(bold=True)
    for r, (label, value) in enumerate([("Образовательная организация (код или краткое название)", "МБОУ ЦО № 9"),
                                        ("Отчётный период", "2019/2020"),
                                        ("Ответственный за заполнение (ФИО)", "Смирнова Елена Викторовна"),
                                        ("Телефон", "+7 (4872) 31-09-09")], start=3):
        title.cell(row=r, column=2, value=label)
        title.cell(row=r, column=3, value=value)
    title["B7"] = "Дата заполнения"
    title["C7"] = date(2020, 11, 16)
    title["C7"].number_format = "DD.MM.YYYY"
    title.column_dimensions["B"].width = 52
    title.column_dimensions["C"].width = 28
    ws = wb.create_sheet("ВПР")
    ws["A1"] = "Результаты Всероссийских проверочных работ, 2019-2020 учебный год"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:I1")
    ws["A2"] = "Образовательная организация:"
    ws["C2"] = "МБОУ ЦО № 9"
    ws["A3"] = "Дата заполнения:"
    ws["C3"] = date(2020, 11, 16)
    ws["C3"].number_format = "DD.MM.YYYY"
    head = ["Класс", "Предмет", "Участников", "«5»", "«4»", "«3»", "«2»", "Успеваемость, %", "Качество, %"]
    for col, text in enumerate(head, start=1):
        ws.cell(row=5, column=col, value=text).font = Font(bold=True)
    for i, (klass, subject, n5, n4, n3, n2) in enumerate(ROWS, start=6):
        ws.cell(row=i, column=1, value=klass)
        ws.cell(row=i, column=2, value=subject)
        ws.cell(row=i, column=3, value=f"=SUM(D{i}:G{i})")
        for col, n in enumerate((n5, n4, n3, n2), start=4):
            ws.cell(row=i, column=col, value=n)
        ws.cell(row=i, column=8, value=f"=ROUND((D{i}+E{i}+F{i})/C{i}*100,1)")
        ws.cell(row=i, column=9, value=f"=ROUND((D{i}+E{i})/C{i}*100,1)")
    notes = wb.create_sheet("Пояснения")
    notes["A1"] = "Правило"
    notes["B1"] = "Ячейка"
    notes["C1"] = "Пояснение"
    notes.sheet_state = "hidden"
    xlsx = os.path.join(HERE, "vpr-2019-2020-mbou-co-9.xlsx")
    wb.save(xlsx)

    # openpyxl stores formulas without cached values; LibreOffice recalculates on load, so the
    # ODS it writes (and the XLSX it re-saves) carry both the formula and its value.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, ext in (("ods", "ods"), ("xlsx:Calc MS Excel 2007 XML", "xlsx")):
            out = os.path.join(tmp, ext)
            subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", out, xlsx],
                           check=True, stdout=subprocess.DEVNULL)
            shutil.copy(os.path.join(out, os.path.basename(xlsx)[:-4] + ext),
                        os.path.join(HERE, "vpr-2019-2020-mbou-co-9" + ("-libreoffice" if ext == "xlsx" else "") + "." + ext))

if __name__ == "__main__":
    main()
