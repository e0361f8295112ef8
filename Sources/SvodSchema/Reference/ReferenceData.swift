import Foundation
import SvodLocale
import Yams

/// One organisation of the department's registry.
public struct Organisation: Sendable, Equatable {
    /// Stable code used in consolidated data.
    public var code: String
    /// Full name («Муниципальное бюджетное общеобразовательное учреждение «Центр образования № 9»»).
    public var name: String
    /// Short names schools and documents use («МБОУ ЦО № 9»).
    public var short: [String]
    /// Kind (`general-school`, `kindergarten`, `additional`…), matched against forms' `submitters`.
    public var kind: String
    /// ИНН (10 digits, check digits verified).
    public var inn: String?
    /// ОГРН (13 digits, check digit verified).
    public var ogrn: String?
    /// The territorial district (a code of the list `districts`): a consolidation can cover one.
    public var district: String? = nil
}

/// A table of reference values by keys, e.g. ЕГЭ minimum scores by year and subject; rules read
/// it with `LOOKUP("ege-min", year, subject)`.
public struct ThresholdTable: Sendable {
    /// Id used by rules.
    public var id: String
    /// Title in both languages.
    public var title: LocalizedText
    /// Names of the keys, in the order LOOKUP takes them.
    public var keys: [String]
    /// Values by their keys joined with U+001F.
    public var values: [String: Decimal]

    /// The value for these keys (as text), if any.
    public func value(_ keys: [String]) -> Decimal? { values[keys.joined(separator: "\u{1F}")] }
}

/// Reads `organisations:` and `thresholds:` from a reference file, checking identifiers and shapes.
enum ReferenceLoader {
    static func load(_ text: String, file: String) -> (organisations: [Organisation], tables: [ThresholdTable], issues: [SchemaIssue]) {
        let log = IssueLog()
        guard let node = try? Yams.compose(yaml: text),
              let top = YAMLObject(node, file: file, issues: log, what: "справочник") else { return ([], [], log.issues) }
        var orgs: [Organisation] = []
        for o in top.eachObject("organisations", what: "организация") {
            let inn = o.string("inn"), ogrn = o.string("ogrn")
            if let inn, !RussianIdentifiers.isValidINN(inn) {
                log.add(o.location(of: "inn"), ru: "ИНН \(inn): контрольная цифра не сходится", en: "ИНН \(inn): the check digit does not match")
            }
            if let ogrn, !RussianIdentifiers.isValidOGRN(ogrn) {
                log.add(o.location(of: "ogrn"), ru: "ОГРН \(ogrn): контрольная цифра не сходится", en: "ОГРН \(ogrn): the check digit does not match")
            }
            var org = Organisation(code: o.string("code", required: true) ?? "", name: o.string("name", required: true) ?? "",
                                   short: o.strings("short"), kind: o.string("kind", required: true) ?? "", inn: inn, ogrn: ogrn)
            org.district = o.string("district")
            orgs.append(org)
            o.reportUnknownKeys()
        }
        var seenCodes = Set<String>()
        for org in orgs where !seenCodes.insert(org.code).inserted {
            log.add(top.location(of: "organisations"), ru: "код организации «\(org.code)» повторяется", en: "organisation code '\(org.code)' repeats")
        }
        var tables: [ThresholdTable] = []
        for t in top.objects("thresholds", what: "таблица") {
            let id = t.string("id", required: true) ?? ""
            let title = t.localized("title", required: true) ?? ("", "")
            let keys = t.strings("keys")
            if keys.isEmpty { log.add(t.location, ru: "у таблицы «\(id)» нет ключей («keys»)", en: "table '\(id)' has no 'keys'") }
            var values: [String: Decimal] = [:]
            for row in t.objects("rows", what: "строка") {
                let k = keys.map { row.string($0, required: true) ?? "" }
                guard let v = row.string("value", required: true) else { row.reportUnknownKeys(); continue }
                guard let d = Decimal(string: v, locale: Locale(identifier: "en_US_POSIX")) else {
                    log.add(row.location(of: "value"), ru: "«value»: ожидалось число", en: "'value': expected a number")
                    row.reportUnknownKeys()
                    continue
                }
                let joined = k.joined(separator: "\u{1F}")
                if values[joined] != nil {
                    log.add(row.location, ru: "строка \(k) повторяется", en: "row \(k) repeats")
                }
                values[joined] = d
                row.reportUnknownKeys()
            }
            tables.append(ThresholdTable(id: id, title: LocalizedText(ru: title.ru, en: title.en), keys: keys, values: values))
            t.reportUnknownKeys()
        }
        // `lists:` is read by CodeList.load from the same file.
        _ = top.value("lists")
        top.reportUnknownKeys()
        return (orgs, tables, log.issues)
    }
}
