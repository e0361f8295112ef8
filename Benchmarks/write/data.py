"""The sheet every writer in this benchmark writes, as the reference the outputs are checked against.

svod-writer/Sources/svod-writer/main.swift and libxlsxwriter_bench.c carry the same rules;
change all three together. Values come from integer arithmetic on the row number (no RNG)
so that Swift, C and Python produce bit-identical doubles and identical strings.

Row 0 is a bold header; data row r (1..ROWS) is sheet row r:
  0 № (r)                     1 sum  (r*7919 % 100000) / 100        2 mean (2000 + r*104729 % 3001) / 1000
  3 share (r % 997) / 997     4 school  SCHOOLS[r % 320]           5 subject SUBJECTS[r*7 % 10]
  6 teacher TEACHERS[r*13 % 160]  7 comment PHRASES[r % 8] + " (строка r)."
  8 date  (2024 + r%2)-(1 + r%12)-(1 + r%28)
  9 date-time 2025-(1 + r//7 % 12)-(1 + r*3 % 28) (7 + r%12):(r*7%60):(r*13%60)
    (never midnight: python-calamine returns a date-time at 00:00:00 of an XLSX as a date)
"""
import datetime

SHEET = "Данные"
HEADER = [
    "№", "Сумма, руб.", "Средний балл", "Доля успешных", "Образовательная организация",
    "Предмет", "Учитель", "Комментарий", "Дата работы", "Изменено",
]
DATE_FORMAT = "dd.mm.yyyy"            # svod's default for a date without a time
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"  # svod's default for a date with a time
KINDS = ["МБОУ ЦО № {}", "МБОУ СОШ № {}", "МБОУ «Лицей № {}»", "МБОУ «Гимназия № {}»"]
SCHOOLS = [KINDS[i % 4].format(i // 4 + 1) for i in range(320)]
SUBJECTS = [
    "Математика", "Русский язык", "Окружающий мир", "История", "Биология",
    "География", "Обществознание", "Физика", "Химия", "Английский язык",
]
SURNAMES = [
    "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов",
    "Новикова", "Фёдоров", "Морозова", "Волков", "Алексеева", "Лебедев", "Семёнова", "Егоров",
    "Павлова", "Козлов", "Степанова", "Николаев",
]
INITIALS = ["А. С.", "Е. В.", "И. П.", "Н. Г.", "О. Ю.", "Т. М.", "Л. Д.", "Ю. Э."]
TEACHERS = [f"{s} {i}" for s in SURNAMES for i in INITIALS]
PHRASES = [
    "Обучающиеся выполнили задания базового уровня",
    "Затруднения вызвали задания № 5 и № 7",
    "Результаты ниже средних по городу Туле",
    "Необходима дополнительная работа с текстом",
    "Учителю рекомендовано скорректировать рабочую программу",
    "Высокая доля отметок «4» и «5»",
    "Отмечено расхождение с годовыми отметками",
    "Работа проведена в штатном режиме",
]


def row(r):
    """The ten values of data row r, with Python types: int, float, str, date, datetime."""
    return [
        r,
        (r * 7919 % 100000) / 100,
        (2000 + r * 104729 % 3001) / 1000,
        (r % 997) / 997,
        SCHOOLS[r % 320],
        SUBJECTS[r * 7 % 10],
        TEACHERS[r * 13 % 160],
        f"{PHRASES[r % 8]} (строка {r}).",
        datetime.date(2024 + r % 2, 1 + r % 12, 1 + r % 28),
        datetime.datetime(2025, 1 + r // 7 % 12, 1 + r * 3 % 28, 7 + r % 12, r * 7 % 60, r * 13 % 60),
    ]
