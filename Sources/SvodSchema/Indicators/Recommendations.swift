import Foundation
import Yams

/// The programme's measures a school's card recommends when they apply to it
/// (`Schemas/indicators/recommendations.yaml`).
public struct Recommendations: Sendable {
    /// When a measure applies.
    public enum Condition: Sendable, Equatable {
        case risk
        case riskBy(String)
        case noData
        case rubricBelowZero(String)
        case notCounted(String)
    }

    /// One measure.
    public struct Measure: Sendable, Equatable {
        public var when: Condition
        public var text: String
        public var seed: String
    }

    public var measures: [Measure]
}

extension SchemaLoader {
    /// The recommendations in `text`, or nil with the issues found.
    public static func recommendations(_ text: String, file: String) -> (Recommendations?, [SchemaIssue]) {
        let log = IssueLog()
        guard let o = topMapping(text, file: file, log: log, what: "рекомендации") else { return (nil, log.issues) }
        _ = o.string("id")
        let measures = o.objects("recommendations", what: "рекомендация").compactMap { r -> Recommendations.Measure? in
            defer { r.reportUnknownKeys() }
            let when = r.string("when", required: true) ?? ""
            let parts = when.split(separator: ":", maxSplits: 1).map(String.init)
            let condition: Recommendations.Condition?
            switch (parts.first ?? "", parts.count > 1 ? parts[1] : nil) {
            case ("risk", nil): condition = .risk
            case ("risk", let c?): condition = .riskBy(c)
            case ("no-data", nil): condition = .noData
            case ("rubric-below", let l?): condition = .rubricBelowZero(l)
            case ("share-not", let i?): condition = .notCounted(i)
            default: condition = nil
            }
            guard let condition else {
                log.add(r.location(of: "when"), ru: "«when»: risk, risk:КРИТЕРИЙ, no-data, rubric-below:СТРОКА или share-not:ПОКАЗАТЕЛЬ, а не «\(when)»",
                        en: "'when': risk, risk:CRITERION, no-data, rubric-below:LINE or share-not:INDICATOR, not '\(when)'")
                return nil
            }
            return .init(when: condition, text: r.string("text", required: true) ?? "", seed: r.string("seed") ?? "")
        }
        o.reportUnknownKeys()
        return (log.issues.isEmpty ? Recommendations(measures: measures) : nil, log.issues)
    }

    /// Criteria, lines and indicators named that the catalogue does not declare.
    static func check(_ r: Recommendations, zones: RiskZones?, rubric: DirectorRubric?, shares: SchoolShares?, file: String) -> [SchemaIssue] {
        let criteria = Set(zones?.criteria.map(\.id) ?? []), lines = Set(rubric?.lines.map(\.id) ?? []), indicators = Set(shares?.indicators.map(\.id) ?? [])
        var out: [SchemaIssue] = []
        let at = SourceLocation(file: file, line: 1, column: 1)
        for m in r.measures {
            switch m.when {
            case .riskBy(let c) where !criteria.contains(c):
                out.append(SchemaIssue(at, ru: "рекомендация «\(m.text)»: нет критерия «\(c)»", en: "recommendation '\(m.text)': no criterion '\(c)'"))
            case .rubricBelowZero(let l) where !lines.contains(l):
                out.append(SchemaIssue(at, ru: "рекомендация «\(m.text)»: нет строки рубрики «\(l)»", en: "recommendation '\(m.text)': no rubric line '\(l)'"))
            case .notCounted(let i) where !indicators.contains(i):
                out.append(SchemaIssue(at, ru: "рекомендация «\(m.text)»: нет показателя «\(i)»", en: "recommendation '\(m.text)': no indicator '\(i)'"))
            default: break
            }
        }
        return out
    }
}
