import SvodLocale
import SvodSchema
import SvodWorkbook

/// One thing the validator found: what, where, how bad, and the numbers behind it.
public struct Finding: Sendable {
    /// How bad.
    public var severity: Severity
    /// The rule's id, or a built-in check's (`field.required`, `field.type`, `key.duplicate`, `sheet.renamed`…).
    public var rule: String
    /// The tab name in the file.
    public var sheet: String?
    /// The cell.
    public var cell: CellReference?
    /// The field's code.
    public var field: String?
    /// What the file says.
    public var actual: String?
    /// What it should say.
    public var expected: String?
    /// actual − expected, for numbers.
    public var difference: String?
    /// The message.
    public var message: LocalizedText
    /// The school's explanation, when it gave one in the form's explanations sheet.
    public var explanation: String?
    /// The row a per-row finding is about, by the labels of its key fields («4 класс, Русский язык»).
    public var rowKey: LocalizedText?
    /// Last period's value of the field, for findings of rules that compare periods.
    public var previous: String?

    /// A finding.
    public init(_ severity: Severity, rule: String, sheet: String? = nil, cell: CellReference? = nil, field: String? = nil,
                actual: String? = nil, expected: String? = nil, difference: String? = nil, message: LocalizedText) {
        self.severity = severity
        self.rule = rule
        self.sheet = sheet
        self.cell = cell
        self.field = field
        self.actual = actual
        self.expected = expected
        self.difference = difference
        self.message = message
    }

    /// «ВПР!F12», or the sheet alone, or nothing.
    public var place: String? {
        guard let sheet else { return nil }
        return cell.map { "\(sheet)!\($0.a1)" } ?? sheet
    }

    /// Row as Excel shows it (1-based).
    public var row: Int? { cell.map { $0.row + 1 } }
}
