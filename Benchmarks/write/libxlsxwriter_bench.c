/* libxlsxwriter peer: writes the data.py sheet (same rules; change them together).
 * data.py is the reference: bench.py reads every cell written here back and compares it with
 * data.py (verify.py), so the copies cannot drift apart unnoticed.
 * Usage: libxlsxwriter_bench OUT.xlsx ROWS        Built by run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char *HEADER[10] = {
    "№", "Сумма, руб.", "Средний балл", "Доля успешных", "Образовательная организация",
    "Предмет", "Учитель", "Комментарий", "Дата работы", "Изменено",
};
static const char *KINDS[4] = {"МБОУ ЦО № %d", "МБОУ СОШ № %d", "МБОУ «Лицей № %d»", "МБОУ «Гимназия № %d»"};
static const char *SUBJECTS[10] = {
    "Математика", "Русский язык", "Окружающий мир", "История", "Биология",
    "География", "Обществознание", "Физика", "Химия", "Английский язык",
};
static const char *SURNAMES[20] = {
    "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов",
    "Новикова", "Фёдоров", "Морозова", "Волков", "Алексеева", "Лебедев", "Семёнова", "Егоров",
    "Павлова", "Козлов", "Степанова", "Николаев",
};
static const char *INITIALS[8] = {"А. С.", "Е. В.", "И. П.", "Н. Г.", "О. Ю.", "Т. М.", "Л. Д.", "Ю. Э."};
static const char *PHRASES[8] = {
    "Обучающиеся выполнили задания базового уровня",
    "Затруднения вызвали задания № 5 и № 7",
    "Результаты ниже средних по городу Туле",
    "Необходима дополнительная работа с текстом",
    "Учителю рекомендовано скорректировать рабочую программу",
    "Высокая доля отметок «4» и «5»",
    "Отмечено расхождение с годовыми отметками",
    "Работа проведена в штатном режиме",
};

static char schools[320][64], teachers[160][64];

static void check(lxw_error e, long long r) {
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "row %lld: %s\n", r, lxw_strerror(e));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUT.xlsx ROWS\n", argv[0]);
        return 2;
    }
    long long rows = atoll(argv[2]);
    for (int i = 0; i < 320; i++) snprintf(schools[i], sizeof schools[i], KINDS[i % 4], i / 4 + 1);
    for (int i = 0; i < 160; i++) snprintf(teachers[i], sizeof teachers[i], "%s %s", SURNAMES[i / 8], INITIALS[i % 8]);

    /* constant_memory: each row is flushed to a temporary file as the next one starts
       (inline strings), libxlsxwriter's streaming mode. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[1], &options);
    if (!wb) {
        fprintf(stderr, "cannot create %s\n", argv[1]);
        return 1;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *date_fmt = workbook_add_format(wb);
    format_set_num_format(date_fmt, "dd.mm.yyyy");
    lxw_format *dt_fmt = workbook_add_format(wb);
    format_set_num_format(dt_fmt, "dd.mm.yyyy hh:mm");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Данные");
    worksheet_freeze_panes(ws, 1, 0);
    for (int c = 0; c < 10; c++) check(worksheet_write_string(ws, 0, c, HEADER[c], bold), 0);

    char comment[160];
    for (long long r = 1; r <= rows; r++) {
        lxw_row_t row = (lxw_row_t)r;
        check(worksheet_write_number(ws, row, 0, (double)r, NULL), r);
        check(worksheet_write_number(ws, row, 1, (double)(r * 7919 % 100000) / 100, NULL), r);
        check(worksheet_write_number(ws, row, 2, (double)(2000 + r * 104729 % 3001) / 1000, NULL), r);
        check(worksheet_write_number(ws, row, 3, (double)(r % 997) / 997, NULL), r);
        check(worksheet_write_string(ws, row, 4, schools[r % 320], NULL), r);
        check(worksheet_write_string(ws, row, 5, SUBJECTS[r * 7 % 10], NULL), r);
        check(worksheet_write_string(ws, row, 6, teachers[r * 13 % 160], NULL), r);
        snprintf(comment, sizeof comment, "%s (строка %lld).", PHRASES[r % 8], r);
        check(worksheet_write_string(ws, row, 7, comment, NULL), r);
        lxw_datetime d = {(int)(2024 + r % 2), (uint8_t)(1 + r % 12), (uint8_t)(1 + r % 28), 0, 0, 0};
        check(worksheet_write_datetime(ws, row, 8, &d, date_fmt), r);
        lxw_datetime t = {2025, (uint8_t)(1 + r / 7 % 12), (uint8_t)(1 + r * 3 % 28),
                          (uint8_t)(7 + r % 12), (uint8_t)(r * 7 % 60), (double)(r * 13 % 60)};
        check(worksheet_write_datetime(ws, row, 9, &t, dt_fmt), r);
    }
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "workbook_close: %s\n", lxw_strerror(e));
        return 1;
    }
    return 0;
}
