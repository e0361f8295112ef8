import SvodExpressions
import SvodLocale
import SvodWorkbook

/// One МСОКО form: what a school submits, how it is laid out, and what must hold in it.
public struct FormSchema: Sendable {
    /// Stable id, e.g. `vpr`; a template's metadata names it.
    public var id: String
    /// Version, raised when a change would make old submissions bind differently.
    public var version: Int
    /// Title in both languages.
    public var title: LocalizedText
    /// Which of the seed's nine mechanisms (section 3.5) it serves, 1–9: mostly one; a form
    /// such as `teachers-pd` serves two (7 and 8).
    public var mechanisms: [Int]
    /// The period one submission covers.
    public var period: ReportingPeriod
    /// When it is collected, as the seed's «Срок исполнения» column says (e.g. «Ежегодно, ноябрь»).
    public var periodicity: LocalizedText
    /// When it is due, for a program to judge lateness by (`deadline:`); nil when the schema gives
    /// none (the bundled forms all do — a test holds them to it).
    public var deadline: Deadline? = nil
    /// Kinds of organisation that submit it (codes of the registry's kinds).
    public var submitters: [String]
    /// The sheets, in order.
    public var sheets: [SheetSchema]
    /// The checks.
    public var rules: [RuleSchema]
    /// Where the schema came from, for messages.
    public var source: SourceLocation

    /// The sheet with this id.
    public func sheet(_ id: String) -> SheetSchema? { sheets.first { $0.id == id } }

    /// The expression a computed field holds: the right side of its sheet's rule `code = expression`.
    public func formula(of field: String, sheet: String) -> SvodExpressions.Expression? {
        computation(of: field, sheet: sheet)?.formula
    }

    /// The rule computing a field: its right side and its `when`, from the same rule (templates,
    /// the consolidation's recomputed shares and their formulas read both).
    public func computation(of field: String, sheet: String) -> (formula: SvodExpressions.Expression, when: SvodExpressions.Expression?)? {
        for rule in rules where rule.sheet == sheet && !rule.crossPeriod {
            // A comparison with another form's value is a check between two files, not a formula.
            if case .comparison(.equal, .name(let name), let right)? = try? SvodExpressions.Expression.parse(rule.check),
               name == field, right.valueReferences.allSatisfy({ $0.form == nil }) {
                return (right, rule.when.flatMap { try? SvodExpressions.Expression.parse($0) })
            }
        }
        return nil
    }
}

extension FormSchema {
    /// Whether `school` submits this form (a form with no submitters listed is for everyone).
    public func isSubmitted(by school: Organisation) -> Bool {
        submitters.isEmpty || submitters.contains(school.kind)
    }
}

/// What one submission covers.
public enum ReportingPeriod: String, Sendable, CaseIterable {
    /// An academic year, «2023/2024».
    case academicYear = "academic-year"
    /// A calendar year.
    case year
    /// A quarter.
    case quarter
    /// A month.
    case month
}

/// How a sheet lays out its data.
public enum SheetLayout: String, Sendable {
    /// A header (one or more rows, possibly merged) and one record per row below it.
    case table
    /// Fixed cells, as in statistical forms: each field at its own address.
    case form
}

/// One sheet of a form.
public struct SheetSchema: Sendable {
    /// Id used by rules (`results`), stable across renames of the tab.
    public var id: String
    /// The tab name the template gives it.
    public var name: String
    /// Other names schools give the tab, accepted with a warning.
    public var aliases: [String]
    /// Table or form.
    public var layout: SheetLayout
    /// For tables: how many header rows the template has (labels are matched in any of them).
    public var headerRows: Int
    /// For tables: fields whose values together identify a row (no two rows may share them).
    public var key: [String]
    /// For tables with fixed rows (subjects, classes): the rows expected, by key values.
    public var fixedRows: [[String: String]]
    /// The fields: columns of a table, cells of a form.
    public var fields: [FieldSchema]
    /// «Всего»/«Итого» rows of a table, which must equal the sum of the rows they total.
    public var totals: TotalsSchema?
    /// For form sheets laid out as statistical forms: rows and columns known by their codes.
    public var grid: GridSchema?
    /// Whether a submission must contain this sheet.
    public var required: Bool
    /// Where it was declared.
    public var source: SourceLocation
    /// A table that may rightly have no rows (no re-checks this year): without it an empty table is `sheet.empty`.
    public var mayBeEmpty = false

    /// The field with this code.
    public func field(_ code: String) -> FieldSchema? { fields.first { $0.code == code } }
}

/// How a table marks its total rows and what they total.
public struct TotalsSchema: Sendable {
    /// The field where «Всего» or «Итого» (or one of `labels`) is written.
    public var labelField: String
    /// Words that mark a total row (compared as normalized keys).
    public var labels: [String]
    /// Fields that split the table into groups with a total each (e.g. a total per class); none for one grand total.
    public var groupBy: [String]
    /// The numeric fields a total row sums.
    public var fields: [String]
}

/// A statistical form's grid: rows with codes in a «№ строки» column, columns numbered in the
/// row under the header (1 the indicator's name, 2 the row code, then the schema's columns).
/// Fields address cells as row code × column code, so inserted rows or columns do not move them.
public struct GridSchema: Sendable {
    /// A row or column: its code and the text the template shows.
    public struct Line: Sendable, Equatable {
        public var code: String
        public var label: String
    }
    /// The rows, top to bottom.
    public var rows: [Line]
    /// The columns, left to right.
    public var columns: [Line]
    /// Where the template puts the header row, the column-number row and the first data row
    /// (0-based), and its first data column: the cells svod reads when a file has lost its codes.
    public static let headerRow = 2, numberRow = 3, firstRow = 4, firstColumn = 2

    /// The template's cell for a row code × column code.
    public func cell(row: String, column: String) -> CellReference? {
        guard let r = rows.firstIndex(where: { $0.code == row }), let c = columns.firstIndex(where: { $0.code == column }) else { return nil }
        return CellReference(row: Self.firstRow + r, column: Self.firstColumn + c)
    }
}

/// One field: a column of a table sheet or a cell of a form sheet.
public struct FieldSchema: Sendable {
    /// Code used in rules (`n5`, `success`).
    public var code: String
    /// The header label in the template.
    public var label: String
    /// Other header texts that mean the same column.
    public var aliases: [String]
    /// The kind of value.
    public var type: FieldType
    /// Unit shown to people (чел., %, баллов).
    public var unit: String?
    /// Whether an empty value is an error.
    public var required: Bool
    /// Smallest allowed value (numbers, dates as serials).
    public var min: Double?
    /// Largest allowed value.
    public var max: Double?
    /// Allowed values, when fixed in the schema.
    public var allowed: [String]
    /// A regular expression text must match.
    public var pattern: String?
    /// For form sheets: the cell, as A1 (`C5`); for a grid, the template's cell of its codes.
    public var cell: String?
    /// For grid sheets: the row code («01») and column code («3») that address the cell.
    public var gridRow: String?
    public var gridColumn: String?
    /// Filled by the template with a formula (the right side of the rule `code = …`), not typed by schools.
    public var computed: Bool = false
    /// How it consolidates, when the schema says (`aggregate:`); see `FormSchema.aggregate(of:in:)` for the defaults.
    public var aggregate: FieldAggregate? = nil
    /// Where it was declared.
    public var source: SourceLocation
}

/// Kinds of value a field holds.
public enum FieldType: Sendable, Equatable {
    /// A whole number.
    case integer
    /// A decimal number with this many places published.
    case decimal(places: Int)
    /// A percentage (0–100) with this many places published.
    case percent(places: Int)
    /// Free text.
    case text
    /// да/нет.
    case boolean
    /// A date.
    case date
    /// A code from a reference list (by the list's id).
    case code(list: String)
    /// Russian taxpayer number (10 digits for organisations, 12 for people), check digits verified.
    case inn
    /// Primary state registration number (13 digits), check digit verified.
    case ogrn
    /// Tax registration reason code (9 characters).
    case kpp
    /// Municipal territory code (8 or 11 digits).
    case oktmo

    /// The name used in schema files.
    public var name: String {
        switch self {
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .percent: return "percent"
        case .text: return "text"
        case .boolean: return "boolean"
        case .date: return "date"
        case .code: return "code"
        case .inn: return "inn"
        case .ogrn: return "ogrn"
        case .kpp: return "kpp"
        case .oktmo: return "oktmo"
        }
    }

    /// The decimal places a value of this type is published with: 0 for whole numbers, nil for a
    /// type that is no number.
    public var places: Int? {
        switch self {
        case .integer: return 0
        case .decimal(let p), .percent(let p): return p
        default: return nil
        }
    }
}

/// How bad a finding is.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    /// Blocks acceptance.
    case error
    /// A query the school may explain.
    case warning
    /// For information.
    case info

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How far apart two numbers may be and still be equal.
public enum Tolerance: Sendable, Equatable {
    /// Exactly equal (after rounding away float noise).
    case exact
    /// Within an absolute difference.
    case absolute(Double)
    /// Within a fraction of the expected value.
    case relative(Double)
    /// Equal once the expected value is rounded to the places the field publishes
    /// (a percentage to one decimal must match what a person computes by hand).
    case published
}

/// What a rule does when a value it needs is missing.
public enum MissingPolicy: String, Sendable {
    /// Skip the check if any operand is missing.
    case skipIfAny = "skip-if-any"
    /// Skip only if all operands are missing; missing ones count as zero.
    case skipIfAll = "skip-if-all"
    /// A missing operand is itself a finding.
    case error
}

/// A check over a submission.
public struct RuleSchema: Sendable {
    /// Stable id, e.g. `vpr.participants`.
    public var id: String
    /// How bad a failure is.
    public var severity: Severity
    /// The sheet whose rows (tables) or cells (forms) it runs over.
    public var sheet: String
    /// The check: `left = right`, or any boolean expression, in svod's expression language.
    public var check: String
    /// Applies only where this holds.
    public var when: String?
    /// How close counts as equal.
    public var tolerance: Tolerance
    /// Missing operands.
    public var missing: MissingPolicy
    /// The message, with `{actual}`, `{expected}`, `{difference}` and field codes in braces.
    public var message: LocalizedText
    /// Compare with the previous period's submission (`previous.` names its values).
    public var crossPeriod: Bool
    /// Where it was declared.
    public var source: SourceLocation
    /// Where its `check` is written, for messages about what the check names.
    public var checkSource: SourceLocation? = nil
    /// Other forms of the same school and period it reads (`form("staff")`), in the order written;
    /// such a rule runs once per file and is a warning unless it says `info`.
    public var otherForms: [String] = []

    /// The keyed rows and other forms' values the check and `when` read.
    public var valueReferences: [SvodExpressions.ValueReference] {
        var seen = Set<SvodExpressions.ValueReference>()
        return [check, when ?? ""].filter { !$0.isEmpty }.compactMap { try? SvodExpressions.Expression.parse($0) }
            .flatMap(\.valueReferences).filter { seen.insert($0).inserted }
    }
}

/// A place in a schema file.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// A location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
