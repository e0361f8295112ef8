import Foundation
import SvodSchema

/// One row of a school's sheet as the indicators read it: its key (field → list code) and its numbers.
public struct SheetRow: Sendable, Equatable {
    public var key: [String: String]
    public var numbers: [String: Decimal]
    /// The row's да/нет answers.
    public var answers: [String: Bool]

    /// A row.
    public init(key: [String: String], numbers: [String: Decimal], answers: [String: Bool] = [:]) {
        self.key = key
        self.numbers = numbers
        self.answers = answers
    }
}

/// Where indicators get the schools' data from (the store, or files checked on the way): for a
/// form's sheet in a period, the rows of each school's current accepted file.
public protocol SchoolSheets {
    /// Registry code → the school's rows; a school without an accepted file of the period is absent.
    func rows(form: String, sheet: String, period: String) throws -> [String: [SheetRow]]
}

extension SchemaCatalog {
    /// Whether the registry has `school` send `form` (a school not in the registry is taken to).
    func isDue(_ form: String, from school: String) -> Bool {
        guard let org = organisation(code: school), let f = self.form(form) else { return true }
        return f.isSubmitted(by: org)
    }
}

/// A run's sheets read once: the risk zones, the ВПР chart, the rubric and the shares read many
/// of the same sheets of the same years (at 1 000 schools, reading them again cost a quarter of the run).
public final class CachedSheets: SchoolSheets {
    private let base: SchoolSheets
    private var read: [String: [String: [SheetRow]]] = [:]

    /// Sheets of `base`, each read on first use.
    public init(_ base: SchoolSheets) {
        self.base = base
    }

    /// Lets go of what was read: the next family of indicators reads other sheets.
    public func forget() {
        read = [:]
    }

    public func rows(form: String, sheet: String, period: String) throws -> [String: [SheetRow]] {
        let key = "\(form)|\(sheet)|\(period)"
        if let r = read[key] { return r }
        let r = try base.rows(form: form, sheet: sheet, period: period)
        read[key] = r
        return r
    }
}
