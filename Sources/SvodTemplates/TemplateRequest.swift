import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// What a template is made for: the school and period to pre-fill, how many empty rows a free
/// table gets, and (for tests and pre-filled copies) values to type into its input cells.
public struct TemplateRequest: Sendable {
    /// The school, from the registry; nil for a blank template.
    public var school: Organisation?
    /// The reporting period («2024/2025»), already checked; nil for none.
    public var period: String?
    /// Empty formatted rows of a table without fixed rows.
    public var freeRows: Int
    /// Values typed into input cells, by sheet name and cell (computed cells keep their formulas).
    public var values: [String: [CellReference: CellValue]]

    /// A request; every part optional.
    public init(school: Organisation? = nil, period: String? = nil, freeRows: Int = 100,
                values: [String: [CellReference: CellValue]] = [:]) {
        self.school = school
        self.period = period
        self.freeRows = freeRows
        self.values = values
    }
}

/// Why a template cannot be made as asked.
public enum TemplateError: LocalizedFailure, Equatable {
    /// No organisation with this code in the registry.
    case unknownSchool(String)
    /// The organisation does not submit this form (its kind is not among the form's submitters).
    case notASubmitter(school: String, kind: String, form: String)
    /// The period does not match the form's pattern (or the shape of its kind of period); `sample` shows the shape.
    case badPeriod(String, sample: String)
    /// The output file's extension is neither .xlsx nor .ods.
    case unknownFormat(String)

    public var kind: FailureKind { .unreadable }

    public var message: LocalizedText {
        switch self {
        case .unknownSchool(let code):
            return .init(ru: "нет организации с кодом «\(code)» в реестре (Schemas/reference)",
                         en: "there is no organisation '\(code)' in the registry (Schemas/reference)")
        case .notASubmitter(let school, let kind, let form):
            return .init(ru: "организация «\(school)» (вид «\(kind)») не сдаёт форму «\(form)»",
                         en: "organisation '\(school)' (kind '\(kind)') does not submit form '\(form)'")
        case .badPeriod(let period, let sample):
            // The hint explains `#` only where the example has it (not «1 квартал 2025»).
            let hint = sample.contains("#")
            return .init(ru: "период «\(period)» не подходит: нужен такой, как «\(sample)»" + (hint ? " (# — цифра; учебный год — два года подряд)" : ""),
                         en: "period '\(period)' does not fit: expected one like '\(sample)'" + (hint ? " (# is a digit; an academic year is two consecutive years)" : ""))
        case .unknownFormat(let path):
            return .init(ru: "не понять формат «\(path)»: укажите расширение .xlsx или .ods",
                         en: "cannot tell the format of '\(path)': use .xlsx or .ods")
        }
    }
}

extension SchemaCatalog {
    /// The organisation with this code (compared ignoring case), or `TemplateError.unknownSchool`.
    public func school(_ code: String) throws -> Organisation {
        let wanted = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let org = organisations.first(where: { $0.code.lowercased() == wanted }) else {
            throw TemplateError.unknownSchool(code)
        }
        return org
    }
}

extension FormSchema {
    /// The form sheet that says who submits and for when: the first `layout: form` sheet with a `school` or `period` field.
    public var titleSheet: SheetSchema? {
        sheets.first { $0.layout == .form && ($0.field("school") != nil || $0.field("period") != nil) }
    }

    /// Throws unless `period` fits the title sheet's `period` field pattern and, for an
    /// academic year, names two consecutive years.
    public func checkPeriod(_ period: String) throws {
        // What a period of this kind looks like, told to people as an example, not a regex.
        var sample: String
        switch self.period {
        case .academicYear: sample = "####/####"
        case .year: sample = "####"
        case .quarter: sample = "1 квартал 2025"
        case .month: sample = "03.2025"
        }
        if let pattern = titleSheet?.field("period")?.pattern {
            sample = TextPattern(pattern)?.sample ?? sample
            guard period.range(of: pattern, options: .regularExpression) != nil else {
                throw TemplateError.badPeriod(period, sample: sample)
            }
        }
        switch self.period {
        case .academicYear:
            let years = period.split(separator: "/").compactMap { Int($0) }
            guard years.count == 2, (1900...9999).contains(years[0]), years[1] == years[0] + 1 else {
                throw TemplateError.badPeriod(period, sample: sample)
            }
        case .year:
            guard let y = Int(period), (1900...2200).contains(y) else { throw TemplateError.badPeriod(period, sample: sample) }
        case .quarter, .month:
            break
        }
    }
}
