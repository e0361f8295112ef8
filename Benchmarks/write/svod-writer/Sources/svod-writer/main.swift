// svod peer: writes the ../../data.py sheet (same rules; change them together).
// data.py is the reference: bench.py reads every cell written here back and compares it with
// data.py (verify.py), so the copies cannot drift apart unnoticed.
// Usage: svod-writer OUT.xlsx|OUT.ods ROWS [ZLIB_LEVEL]
// ZLIB_LEVEL (default: svod's own, 3) lets bench.py also measure svod at the peers' level, 6.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SvodSpreadsheet
import SvodWorkbook

let header = [
    "№", "Сумма, руб.", "Средний балл", "Доля успешных", "Образовательная организация",
    "Предмет", "Учитель", "Комментарий", "Дата работы", "Изменено",
]
let kinds = [("МБОУ ЦО № ", ""), ("МБОУ СОШ № ", ""), ("МБОУ «Лицей № ", "»"), ("МБОУ «Гимназия № ", "»")]
let schools = (0..<320).map { i in kinds[i % 4].0 + String(i / 4 + 1) + kinds[i % 4].1 }
let subjects = [
    "Математика", "Русский язык", "Окружающий мир", "История", "Биология",
    "География", "Обществознание", "Физика", "Химия", "Английский язык",
]
let surnames = [
    "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов",
    "Новикова", "Фёдоров", "Морозова", "Волков", "Алексеева", "Лебедев", "Семёнова", "Егоров",
    "Павлова", "Козлов", "Степанова", "Николаев",
]
let initials = ["А. С.", "Е. В.", "И. П.", "Н. Г.", "О. Ю.", "Т. М.", "Л. Д.", "Ю. Э."]
let teachers = (0..<160).map { i in surnames[i / 8] + " " + initials[i % 8] }
let phrases = [
    "Обучающиеся выполнили задания базового уровня",
    "Затруднения вызвали задания № 5 и № 7",
    "Результаты ниже средних по городу Туле",
    "Необходима дополнительная работа с текстом",
    "Учителю рекомендовано скорректировать рабочую программу",
    "Высокая доля отметок «4» и «5»",
    "Отмечено расхождение с годовыми отметками",
    "Работа проведена в штатном режиме",
]

let args = CommandLine.arguments
guard args.count >= 3, let rows = Int(args[2]), rows >= 0, let format = SpreadsheetOutput.format(forPath: args[1]),
      args.count < 4 || Int32(args[3]).map({ (1...9).contains($0) }) == true else {
    fputs("usage: svod-writer OUT.xlsx|OUT.ods ROWS [ZLIB_LEVEL 1-9]\n", stderr)
    exit(2)
}
var options = WriteOptions()
if args.count >= 4 { options.compressionLevel = Int32(args[3])! }

do {
    let w = try SpreadsheetOutput.create(path: args[1], format: format, options: options)
    let bold = w.style(CellStyle(bold: true))
    try w.beginSheet(SheetSetup(name: "Данные", frozenRows: 1))
    try w.write(OutputRow(index: 0, cells: header.enumerated().map {
        OutputCell(column: $0.offset, value: .text($0.element), style: bold)
    }))
    // Dates carry no style: svod gives them its default date formats, which the peers set explicitly.
    for r in stride(from: 1, through: rows, by: 1) {
        let date = CivilDateTime(year: 2024 + r % 2, month: 1 + r % 12, day: 1 + r % 28, hasTime: false)!
        let stamp = CivilDateTime(year: 2025, month: 1 + r / 7 % 12, day: 1 + r * 3 % 28,
                                  hour: 7 + r % 12, minute: r * 7 % 60, second: Double(r * 13 % 60))!
        try w.write(OutputRow(index: r, cells: [
            OutputCell(column: 0, value: .number(Double(r))),
            OutputCell(column: 1, value: .number(Double(r * 7919 % 100_000) / 100)),
            OutputCell(column: 2, value: .number(Double(2000 + r * 104_729 % 3001) / 1000)),
            OutputCell(column: 3, value: .number(Double(r % 997) / 997)),
            OutputCell(column: 4, value: .text(schools[r % 320])),
            OutputCell(column: 5, value: .text(subjects[r * 7 % 10])),
            OutputCell(column: 6, value: .text(teachers[r * 13 % 160])),
            OutputCell(column: 7, value: .text("\(phrases[r % 8]) (строка \(r)).")),
            OutputCell(column: 8, value: .date(date)),
            OutputCell(column: 9, value: .date(stamp)),
        ]))
    }
    try w.endSheet()
    try w.finish()
} catch {
    fputs("svod-writer: \(error)\n", stderr)
    exit(1)
}
