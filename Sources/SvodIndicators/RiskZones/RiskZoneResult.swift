import Foundation
import SvodSchema

/// What a criterion, or the whole identification, says of a school.
public enum RiskVerdict: String, Sendable, Equatable {
    /// In the risk zone.
    case risk
    /// Not in it, on every year it needs.
    case clear
    /// A year's file is missing and could change the verdict: «нет данных», never silently clear.
    case noData = "no-data"
    /// The school does not send the criterion's form (a primary school and the ЕГЭ).
    case notApplicable = "not-applicable"

    /// The verdict in Russian, as a card or a sheet prints it.
    public var ru: String {
        switch self {
        case .risk: return "зона риска"
        case .clear: return "нет"
        case .noData: return "нет данных"
        case .notApplicable: return "не сдаёт форму"
        }
    }
}

/// One row of a year judged by a criterion.
public struct RowCheck: Sendable, Equatable {
    public var key: [String: String]
    public var participants: Decimal
    public var low: Decimal
    public var top: Decimal?
    /// low / participants × 100 as compared (rounded when the criterion says so); nil without participants.
    public var share: Decimal?
    public var shareFails: Bool
    public var noTop: Bool
    /// Whether the row fails the criterion.
    public var fails: Bool
}

/// One academic year of a criterion's window.
public struct YearCheck: Sendable, Equatable {
    public var period: String
    /// The rows judged; nil when the school sent no accepted file that year.
    public var rows: [RowCheck]?
    /// Rows failing.
    public var failing: Int { rows?.filter(\.fails).count ?? 0 }
    /// Whether the year counts against the school (for a criterion counted over the window, whether
    /// it has a failing row); nil without the year's file.
    public var counts: Bool?
    /// Σ low / Σ participants × 100 over the rows (for the dynamics); nil without participants.
    public var pooledShare: Decimal?
}

/// One criterion for one school.
public struct CriterionCheck: Sendable, Equatable {
    public var criterion: String
    /// The window, the most recent year first.
    public var years: [YearCheck]
    public var verdict: RiskVerdict
    /// Years that count against the school, and years with data.
    public var yearsCounted: Int
    public var yearsAvailable: Int
    /// Whether the latest year of the window is better than the one before it; nil when either is unknown.
    public var improved: Bool?
}

/// One school's identification.
public struct SchoolRisk: Sendable, Equatable {
    public var school: String
    public var criteria: [CriterionCheck]
    public var verdict: RiskVerdict
    /// Criteria placing the school in the zone.
    public var risks: [String] { criteria.filter { $0.verdict == .risk }.map(\.criterion) }
    /// Indicator 2 for a risk-zone school: positive dynamics; nil when it cannot be judged (or the school is not in the zone).
    public var positiveDynamics: Bool?
}

/// A number of schools out of a number, and the share at one place.
public struct ShareOfSchools: Sendable, Equatable {
    public var count: Int
    public var of: Int
    /// Schools left out of `of` because the verdict could not be reached.
    public var unknown: Int

    /// `count` schools of `of`, `unknown` more not judged.
    public init(count: Int, of: Int, unknown: Int) {
        self.count = count
        self.of = of
        self.unknown = unknown
    }
    /// count / of × 100 rounded half up to one place; nil when `of` is 0.
    public var percent: Decimal? { of == 0 ? nil : Decimals.rounded(Decimal(count) * 100 / Decimal(of), 1) }
}

/// The identification of a year: every school's grid and the programme's indicators 1 and 2.
public struct RiskZoneReport: Sendable, Equatable {
    /// The identification year: the windows are the years before it.
    public var period: String
    public var schools: [SchoolRisk]
    /// Indicator 1: schools in the zone out of the schools whose verdict is known.
    public var inZone: ShareOfSchools
    /// Indicator 2: risk-zone schools with positive dynamics out of those whose dynamics is known.
    public var improving: ShareOfSchools
    /// Per criterion: schools it places in the zone out of the schools it could judge.
    public var byCriterion: [String: ShareOfSchools]
}

/// Decimal helpers shared by the indicators.
public enum Decimals {
    /// `d` rounded half up (away from zero) to `places`.
    public static func rounded(_ d: Decimal, _ places: Int) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }

    /// `d` at most `places` places, with the decimal comma («27,5», «100»).
    public static func text(_ d: Decimal, places: Int = 1) -> String {
        "\(rounded(d, places))".replacingOccurrences(of: ".", with: ",")
    }
}
