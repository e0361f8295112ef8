import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// Who sent a file and for when, as its title sheet says: the school's registry code and the
/// period as typed. Either may be unknown (not filled, not in the registry).
public struct SubmissionIdentity: Sendable, Equatable {
    /// The id every form gives its title sheet.
    static let titleSheet = "title"

    /// The school's code in the registry.
    public var school: String?
    /// The period as written («2019/2020»).
    public var period: String?

    /// The identity a bound title sheet gives.
    static func from(_ record: BoundRecord?, keys: RecordKeys) -> SubmissionIdentity {
        var id = SubmissionIdentity()
        if let v = record?.values["school"] { id.school = keys.itemCode(v.coercion.value, list: "organisations") }
        if let v = record?.values["period"], !v.raw.isEmpty {
            let t = CellDisplay.text(v.raw).trimmingCharacters(in: .whitespacesAndNewlines)
            id.period = t.isEmpty ? nil : t
        }
        return id
    }

    /// The identity of a file of `form` (its title sheet, if it has one).
    static func read(_ reader: WorkbookReader, form: FormSchema, keys: RecordKeys) throws -> SubmissionIdentity {
        let infos = try reader.sheets
        guard let (schema, match) = SheetMatcher.assign(form, infos).first(where: { $0.schema.id == titleSheet && $0.schema.layout == .form }),
              let index = match?.index else { return SubmissionIdentity() }
        return from(try FormSheetBinder.record(schema, reader: reader, index: index), keys: keys)
    }
}

/// `--previous` names the same school's file of the same form for the period just before.
public struct PreviousPeriodMismatch: LocalizedFailure {
    /// What is wrong with it.
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }
}

enum PreviousPeriod {
    /// Throws `PreviousPeriodMismatch` unless `previous` is `current`'s school's file of `form` for
    /// the period before; returns why no comparison can be made when `current`'s own title is unreadable.
    static func check(_ previous: WorkbookReader, against current: SubmissionIdentity, form: FormSchema, formGiven: Bool,
                      catalog: SchemaCatalog, keys: RecordKeys) throws -> LocalizedText? {
        func name(_ code: String) -> String {
            catalog.organisation(code: code).map { "«\($0.short.first ?? $0.name)» (\(code))" } ?? code
        }
        func refuse(_ ru: String, _ en: String) -> PreviousPeriodMismatch {
            PreviousPeriodMismatch(message: .init(ru: "файл прошлого периода (--previous) не подходит: " + ru,
                                                  en: "the previous period's file (--previous) does not fit: " + en))
        }
        // A form named with --form holds the previous file to it; else both must be recognised as one form.
        let detected = formGiven ? form : try FormDetector.detect(previous, in: catalog)
        guard let other = detected, other.id == form.id else {
            let name = detected.map { "«\($0.title.ru)» (\($0.id))" } ?? "не узнана"
            let nameEn = detected.map { "'\($0.title.en)' (\($0.id))" } ?? "not recognised"
            throw refuse("это другая форма — \(name), а проверяется «\(form.title.ru)» (\(form.id))",
                         "it is another form — \(nameEn), and the file checked is '\(form.title.en)' (\(form.id))")
        }
        let before = try SubmissionIdentity.read(previous, form: form, keys: keys)
        guard let school = current.school else {
            return .init(ru: "сравнение с прошлым периодом (--previous) не выполнено: на листе «Титул» не указана школа из реестра",
                         en: "no comparison with the previous period (--previous): «Титул» names no registry school")
        }
        guard let was = before.school else {
            throw refuse("на его листе «Титул» не указана школа из реестра", "its «Титул» names no registry school")
        }
        guard was == school else {
            throw refuse("он другой школы — \(name(was)), а проверяется файл школы \(name(school))",
                         "it is another school's — \(name(was)), and the file checked is \(name(school))'s")
        }
        guard let period = current.period, let expected = form.period.previous(of: period) else {
            return .init(ru: "сравнение с прошлым периодом (--previous) не выполнено: на листе «Титул» не читается отчётный период",
                         en: "no comparison with the previous period (--previous): the period on «Титул» cannot be read")
        }
        let wasPeriod = before.period ?? "—"
        guard form.period.ordinal(wasPeriod) == form.period.ordinal(expected) else {
            throw refuse("его период «\(wasPeriod)», а перед «\(period)» идёт «\(expected)»",
                         "its period is '\(wasPeriod)', and the one before '\(period)' is '\(expected)'")
        }
        return nil
    }
}
