/// A check a spreadsheet program applies while a person types: Excel's data validation,
/// ODS content validation.
public struct DataValidation: Hashable, Sendable {
    /// How two numbers bound a value.
    public enum Comparison: String, Hashable, Sendable {
        case between, notBetween, equal, notEqual, greaterThan, lessThan, greaterThanOrEqual, lessThanOrEqual
    }

    /// What a value must be.
    public enum Rule: Hashable, Sendable {
        /// One of these texts (a drop-down list).
        case list([String])
        /// One of the values in a range, in Excel syntax (`'Коды'!$A$2:$A$40`).
        case listRange(String)
        /// A whole number compared with one or two bounds.
        case whole(Comparison, Double, Double?)
        /// A number compared with one or two bounds.
        case decimal(Comparison, Double, Double?)
        /// A date compared with one or two bounds.
        case date(Comparison, CivilDateTime, CivilDateTime?)
        /// Text whose length is compared with one or two bounds.
        case textLength(Comparison, Int, Int?)
        /// A formula in Excel syntax, written for the top-left cell of the first range, true when valid.
        case custom(String)
    }

    /// What the program does with a value that fails.
    public enum ErrorStyle: String, Hashable, Sendable {
        /// Refuses it.
        case stop
        /// Asks whether to keep it.
        case warning
        /// Tells and keeps it.
        case information
    }

    /// The cells checked.
    public var ranges: [CellRange]
    /// The check.
    public var rule: Rule
    /// Whether an empty cell passes.
    public var allowBlank: Bool
    /// The hint shown when the cell is selected: title and text.
    public var prompt: (title: String, message: String)?
    /// The message shown when a value fails: title and text.
    public var error: (title: String, message: String)?
    /// What happens on failure.
    public var errorStyle: ErrorStyle

    /// A validation.
    public init(ranges: [CellRange], rule: Rule, allowBlank: Bool = true, prompt: (title: String, message: String)? = nil,
                error: (title: String, message: String)? = nil, errorStyle: ErrorStyle = .stop) {
        self.ranges = ranges
        self.rule = rule
        self.allowBlank = allowBlank
        self.prompt = prompt
        self.error = error
        self.errorStyle = errorStyle
    }

    public static func == (a: DataValidation, b: DataValidation) -> Bool {
        a.ranges == b.ranges && a.rule == b.rule && a.allowBlank == b.allowBlank && a.errorStyle == b.errorStyle
            && a.prompt?.title == b.prompt?.title && a.prompt?.message == b.prompt?.message
            && a.error?.title == b.error?.title && a.error?.message == b.error?.message
    }

    public func hash(into h: inout Hasher) {
        h.combine(ranges)
        h.combine(rule)
        h.combine(allowBlank)
        h.combine(errorStyle)
        h.combine(prompt?.title)
        h.combine(prompt?.message)
        h.combine(error?.title)
        h.combine(error?.message)
    }
}

extension DataValidation {
    /// The validation with its titles within 32 and its messages within 255 characters, as Excel
    /// takes them (a longer one declares the whole file damaged there).
    public var fittingExcelsLimits: DataValidation {
        func cut(_ s: String, _ limit: Int) -> String {
            guard s.utf16.count > limit else { return s }
            var out = ""
            for ch in s where out.utf16.count + ch.utf16.count <= limit - 1 { out.append(ch) }
            return out + "…"
        }
        var v = self
        v.prompt = prompt.map { (cut($0.title, 32), cut($0.message, 255)) }
        v.error = error.map { (cut($0.title, 32), cut($0.message, 255)) }
        return v
    }
}
