/// The syntax a formula is written in.
public enum FormulaDialect: Hashable, Sendable {
    /// Excel's A1 syntax, as XLSX stores it: no leading `=`, `Sheet!A1`, `,` between arguments.
    case excel
    /// OpenFormula, as ODS stores it: `of:=` prefix, `[.A1]`, `;` between arguments.
    case openFormula
}
