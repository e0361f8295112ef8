import Foundation
import SvodLocale

/// The programme's identification of risk-zone schools (seed 3.2, indicators 1–2), declared in
/// `Schemas/indicators/risk-zones.yaml` so that a threshold or a window is changed there, not in Swift.
public struct RiskZones: Sendable {
    /// How the two conditions of a row («доля … и/или отсутствуют …») combine.
    public enum Combination: String, Sendable, CaseIterable {
        /// Either marks the row: how «и/или» is read.
        case either
        /// Both at once.
        case both
        /// The share alone.
        case share
        /// The missing top results alone.
        case top
    }

    /// What a row without participants says.
    public enum EmptyRow: String, Sendable, CaseIterable {
        /// Nothing: a subject nobody sat is not «без пятёрок».
        case skip
        /// That the row is bad.
        case bad
    }

    /// One criterion: which rows of which form, the condition a row fails, and how many years of the window must fail.
    public struct Criterion: Sendable, Equatable {
        public var id: String
        public var title: LocalizedText
        /// Where in the seed the criterion is written.
        public var seed: String
        public var form: String
        public var sheet: String
        /// Field → the codes a row's key must have (any of them); empty for every row (or a form sheet).
        public var rows: [String: [String]]
        public var participants: String
        public var low: String
        /// A row fails when low / participants × 100 is at least this.
        public var atLeast: Decimal
        /// The field of top results: a row fails when it is 0.
        public var top: String?
        public var combination: Combination
        /// Places the share is rounded to (half up) before it is compared; nil compares the exact fraction.
        public var places: Int?
        public var empty: EmptyRow
        /// Failing rows a year needs to count (or the whole window, when `yearsNeeded` is nil).
        public var rowsNeeded: Int
        /// Academic years before the identification year that are looked at.
        public var window: Int
        /// Years of the window that must count; nil: failing rows are counted over the window together.
        public var yearsNeeded: Int?
        public var source: SourceLocation
    }

    /// How indicator 2 (positive dynamics of a risk-zone school) is judged.
    public struct Dynamics: Sendable, Equatable {
        /// Every criterion placing the school in the zone must improve (true), or at least one (false).
        public var requireAll: Bool
    }

    public var id: String
    public var title: LocalizedText
    public var seed: String
    public var dynamics: Dynamics
    public var criteria: [Criterion]
    public var source: SourceLocation
}
