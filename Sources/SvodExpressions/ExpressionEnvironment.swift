/// Supplies the values of the names an expression uses.
public protocol ExpressionEnvironment {
    /// The single value of `name` (dotted names arrive whole, e.g. `previous.quality`); `.missing` if unknown.
    func value(of name: String) -> ExpressionValue
    /// All rows' values of a table column, for aggregates such as `SUM(results.n)`; nil if `name` is not a column.
    func column(_ name: String) -> [ExpressionValue]?
    /// A value of reference data: `table`'s row for `keys`, missing if none.
    func lookup(_ table: String, _ keys: [ExpressionValue]) -> ExpressionValue
    /// The value a reference reads (a keyed row, another form's field); `.missing` when there is none.
    func value(of reference: ValueReference) -> ExpressionValue
    /// All rows of a column a reference without key names, for aggregates; nil if it is not a column.
    func column(_ reference: ValueReference) -> [ExpressionValue]?
}

extension ExpressionEnvironment {
    /// No reference data: every lookup is missing.
    public func lookup(_ table: String, _ keys: [ExpressionValue]) -> ExpressionValue { .missing }
    /// No other rows or forms: every reference is missing.
    public func value(of reference: ValueReference) -> ExpressionValue { .missing }
    /// No other forms' columns.
    public func column(_ reference: ValueReference) -> [ExpressionValue]? { nil }
}
