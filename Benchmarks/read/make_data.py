"""Write the read benchmark's sheet: a header row + ROWS data rows x 10 columns.

Usage: make_data.py OUT.xlsx [ROWS]

Numbers and Cyrillic text, deterministic (fixed seed). XlsxWriter runs in its
default mode, which writes strings to the shared-string table as Excel and
LibreOffice do (<c t="s"><v>17</v></c> plus xl/sharedStrings.xml). With
INLINE=1 it runs with constant_memory=True instead, which writes every string
inline (<c t="inlineStr"><is><t>…</t></is></c>), as streaming writers do.
"""
import os
import random
import sys

import xlsxwriter

HEADER = [
    "№ п/п", "Код ОО", "Предмет", "Класс", "Участников",
    "Средний балл", "Доля успешных", "Качество, %", "Макс. балл", "Комментарий",
]
SUBJECTS = [
    "Математика", "Русский язык", "Окружающий мир", "История", "Биология",
    "География", "Обществознание", "Физика", "Химия", "Английский язык",
]
KINDS = ["МБОУ ЦО № {}", "МБОУ СОШ № {}", "МБОУ «Лицей № {}»", "МБОУ «Гимназия № {}»"]
PHRASES = [
    "обучающиеся выполнили задания базового уровня",
    "затруднения вызвали задания № 5 и № 7",
    "результаты ниже средних по городу Туле",
    "необходима дополнительная работа с текстом",
    "учителю рекомендовано скорректировать рабочую программу",
    "высокая доля отметок «4» и «5»",
    "отмечено расхождение с годовыми отметками",
    "работа проведена в штатном режиме",
]


def main() -> None:
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rnd = random.Random(20240917)
    schools = [k.format(n) for n in range(1, 81) for k in KINDS]

    wb = xlsxwriter.Workbook(out, {"constant_memory": os.environ.get("INLINE") == "1"})
    ws = wb.add_worksheet("Результаты")
    for c, h in enumerate(HEADER):
        ws.write_string(0, c, h)
    for r in range(1, rows + 1):
        participants = rnd.randint(5, 120)
        ws.write_number(r, 0, r)
        ws.write_string(r, 1, rnd.choice(schools))
        ws.write_string(r, 2, rnd.choice(SUBJECTS))
        ws.write_number(r, 3, rnd.randint(4, 11))
        ws.write_number(r, 4, participants)
        ws.write_number(r, 5, round(rnd.uniform(2.0, 5.0), 2))
        ws.write_number(r, 6, rnd.random())  # full double precision
        ws.write_number(r, 7, round(rnd.uniform(0, 100), 1))
        ws.write_number(r, 8, rnd.choice([20, 25, 31, 38, 45]))
        k = rnd.randint(1, 3)
        text = "; ".join(rnd.sample(PHRASES, k))
        ws.write_string(r, 9, f"{text[0].upper()}{text[1:]} (строка {r}).")
    wb.close()
    print(f"wrote {out}: {rows + 1} rows x {len(HEADER)} columns")


if __name__ == "__main__":
    main()
