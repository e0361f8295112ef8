import Foundation

/// A built-in function; the raw value is the canonical (English, Excel) name.
public enum ExpressionFunction: String, Hashable, Sendable, CaseIterable {
    /// Sum of the numbers, missing skipped; no numbers at all gives missing (Excel would say 0).
    case sum = "SUM"
    /// How many arguments/rows are numbers (СЧЁТ).
    case count = "COUNT"
    /// How many arguments/rows are not missing (СЧЁТЗ).
    case countA = "COUNTA"
    /// Smallest number, missing skipped; none gives missing.
    case min = "MIN"
    /// Largest number, missing skipped; none gives missing.
    case max = "MAX"
    /// Mean of the numbers (also AVG, СРЗНАЧ), missing skipped; none gives missing.
    case average = "AVERAGE"
    /// ROUND(x, places), half away from zero like Excel; places may be negative.
    case round = "ROUND"
    /// Absolute value.
    case abs = "ABS"
    /// INT(x): the largest whole number not above x, like Excel's INT (ЦЕЛОЕ): «1 балл за каждые 10 %».
    case int = "INT"
    /// IF(condition, then[, else]); only the chosen branch is evaluated; no else gives FALSE.
    case `if` = "IF"
    /// TRUE when the argument is missing (ЕПУСТО).
    case isBlank = "ISBLANK"
    /// The first argument that is not missing; later ones are not evaluated.
    case coalesce = "COALESCE"
    /// Excel's AND(a, b, ...), three-valued like the infix form.
    case and = "AND"
    /// Excel's OR(a, b, ...), three-valued like the infix form.
    case or = "OR"
    /// LOOKUP("table", key, ...): a value from reference data (ЕГЭ minimum scores by year and
    /// subject); missing when the table has no such row.
    case lookup = "LOOKUP"

    /// Every spelling accepted (any case; Е stands for Ё), canonical first; Russian ones are Russian Excel's.
    public var spellings: [String] {
        switch self {
        case .sum: ["SUM", "СУММ"]
        case .count: ["COUNT", "СЧЁТ"]
        case .countA: ["COUNTA", "СЧЁТЗ"]
        case .min: ["MIN", "МИН"]
        case .max: ["MAX", "МАКС"]
        case .average: ["AVERAGE", "AVG", "СРЗНАЧ"]
        case .round: ["ROUND", "ОКРУГЛ"]
        case .abs: ["ABS"]
        case .int: ["INT", "ЦЕЛОЕ"]
        case .if: ["IF", "ЕСЛИ"]
        case .isBlank: ["ISBLANK", "ЕПУСТО"]
        case .coalesce: ["COALESCE"]
        case .and: ["AND", "И"]
        case .or: ["OR", "ИЛИ"]
        case .lookup: ["LOOKUP", "СПРАВОЧНИК"]
        }
    }

    /// Allowed argument counts; `nil` upper bound means any number.
    var arity: (min: Int, max: Int?) {
        switch self {
        case .sum, .count, .countA, .min, .max, .average, .coalesce, .and, .or: (1, nil)
        case .round: (2, 2)
        case .abs, .int, .isBlank: (1, 1)
        case .if: (2, 3)
        case .lookup: (2, nil)
        }
    }

    /// Whether bare column names among the arguments expand to all rows' values.
    var isAggregate: Bool {
        switch self {
        case .sum, .count, .countA, .min, .max, .average: true
        default: false
        }
    }

    /// The function spelled `name`, ignoring case and Ё/Е.
    public init?(named name: String) {
        let key = Self.fold(name)
        guard let found = Self.bySpelling[key] else { return nil }
        self = found
    }

    /// Known names for the "unknown function" message, e.g. `SUM/СУММ`.
    static var catalogue: String {
        allCases.map { $0.spellings.joined(separator: "/") }.joined(separator: ", ")
    }

    private static let bySpelling: [String: ExpressionFunction] = {
        var table: [String: ExpressionFunction] = [:]
        for function in allCases {
            for spelling in function.spellings { table[fold(spelling)] = function }
        }
        return table
    }()

    // People type СЧЕТ for СЧЁТ as often as not, so Ё and Е are the same letter here.
    private static func fold(_ name: String) -> String {
        name.uppercased().replacingOccurrences(of: "Ё", with: "Е")
    }
}
