import Foundation
import SvodLocale

/// A consolidation: the period, the area it covers, each form's city rows, and what its checks found.
public struct Consolidation: Equatable, Sendable {
    /// The period, as the title sheets write it («2019/2020»).
    public var period: String
    /// The district it covers (a code of the list `districts`); nil for the whole city.
    public var district: String?
    /// The forms, in the catalogue's order.
    public var forms: [FormConsolidation]
    /// What the consolidation checks found.
    public var checks: [CityFinding] = []

    /// A consolidation.
    public init(period: String, district: String?, forms: [FormConsolidation]) {
        self.period = period
        self.district = district
        self.forms = forms
    }

    /// The form with this id.
    public func form(_ id: String) -> FormConsolidation? { forms.first { $0.id == id } }
}

/// Something a consolidation check found: where (form, sheet, row, field), and what.
public struct CityFinding: Equatable, Sendable {
    /// The rule or check id (`rkr.participants`, `consolidation.duplicate-school`).
    public var rule: String
    public var form: String
    public var sheet: String?
    /// The row's key as a person reads it («4, Математика»); nil for a form sheet or a whole form.
    public var row: String?
    public var field: String?
    public var message: LocalizedText

    /// A finding.
    public init(rule: String, form: String, sheet: String? = nil, row: String? = nil, field: String? = nil, message: LocalizedText) {
        self.rule = rule
        self.form = form
        self.sheet = sheet
        self.row = row
        self.field = field
        self.message = message
    }
}
