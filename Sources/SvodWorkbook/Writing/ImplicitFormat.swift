/// The number format a value needs whatever its style says: a date must look like a date.
public enum ImplicitFormat: Int, CaseIterable, Sendable {
    /// Any format will do.
    case none
    /// A date without a time.
    case date
    /// A date with a time of day.
    case dateTime
    /// A time of day.
    case time
    /// Elapsed time.
    case duration
    /// TRUE or FALSE: XLSX has a cell type for it, ODS needs a boolean data style, or
    /// LibreOffice shows (and saves) the value as the number 1 or 0.
    case boolean

    /// What a value needs.
    public init(_ value: CellValue) {
        switch value {
        case .date(let d): self = d.hasTime ? .dateTime : .date
        case .time: self = .time
        case .duration: self = .duration
        case .bool: self = .boolean
        default: self = .none
        }
    }

    /// The format code to use given a style's own (nil for General): the style's when it
    /// shows this kind of value, else the default for the kind.
    public func resolve(_ own: String?) -> String? {
        let fallback: String
        switch self {
        case .none, .boolean: return own
        case .date: fallback = CellStyle.Format.date
        case .dateTime: fallback = CellStyle.Format.dateTime
        case .time: fallback = CellStyle.Format.time
        case .duration: fallback = CellStyle.Format.duration
        }
        guard let own else { return fallback }
        switch (self, NumberFormat.kind(ofCode: own)) {
        case (.duration, .duration), (.date, .dateTime), (.dateTime, .dateTime), (.time, .dateTime): return own
        default: return fallback
        }
    }
}
