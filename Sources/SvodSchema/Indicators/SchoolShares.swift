import Foundation
import SvodExpressions
import SvodLocale

/// The programme's indicators phrased as «доля ОО, …» / «количество ОО, …» (3.3, 3.4, 4.1, 4.3–4.5),
/// declared in `Schemas/indicators/school-shares.yaml`: a condition over a school's inputs, and
/// whether the programme asks for the share of schools meeting it or their number.
public struct SchoolShares: Sendable {
    /// One indicator.
    public struct Indicator: Sendable {
        public var id: String
        public var title: String
        /// The programme's section («3.3»), for grouping.
        public var section: String
        public var seed: String
        public var inputs: [DirectorRubric.Input]
        /// True for a school that counts.
        public var condition: SvodExpressions.Expression
        public var conditionText: String
        /// «доля» (a share of the schools that could be judged) or «количество» (their number).
        public var isShare: Bool
        public var source: SourceLocation
    }

    public var id: String
    public var title: LocalizedText
    public var indicators: [Indicator]
    public var source: SourceLocation
}

extension SchemaLoader {
    /// The shares of schools in `text`, or nil with the issues found.
    public static func schoolShares(_ text: String, file: String) -> (SchoolShares?, [SchemaIssue]) {
        let log = IssueLog()
        guard let o = topMapping(text, file: file, log: log, what: "доли ОО") else { return (nil, log.issues) }
        let title = o.localized("title", required: true) ?? ("", "")
        let indicators = o.objects("indicators", what: "показатель").compactMap { i -> SchoolShares.Indicator? in
            defer { i.reportUnknownKeys() }
            let id = i.string("id", required: true) ?? ""
            let inputs = indicatorInputs(i, log: log)
            guard let (condition, text) = indicatorExpression(i, key: "counts", id: id, inputs: inputs, log: log) else { return nil }
            let kind = i.string("kind") ?? "share"
            if kind != "share" && kind != "count" {
                log.add(i.location(of: "kind"), ru: "«kind»: share или count, а не «\(kind)»", en: "'kind': share or count, not '\(kind)'")
            }
            return .init(id: id, title: i.string("title", required: true) ?? "", section: i.string("section", required: true) ?? "",
                         seed: i.string("seed") ?? "", inputs: inputs, condition: condition, conditionText: text, isShare: kind == "share", source: i.location)
        }
        var seen = Set<String>()
        for i in indicators where !seen.insert(i.id).inserted {
            log.add(i.source, ru: "показатель «\(i.id)» повторяется", en: "indicator '\(i.id)' repeats")
        }
        let shares = SchoolShares(id: o.string("id", required: true) ?? "", title: .init(ru: title.ru, en: title.en), indicators: indicators, source: o.location)
        o.reportUnknownKeys()
        return (log.issues.isEmpty ? shares : nil, log.issues)
    }

    static func check(_ shares: SchoolShares, forms: [FormSchema]) -> [SchemaIssue] {
        checkInputs(shares.indicators.map { ($0.id, $0.inputs, $0.source) }, forms: forms)
    }
}
