import Foundation
import SvodSchema

/// Profile classes by profile over the city, from the career form's «Профили» of one year (table
/// 2.7.1): classes (groups), pupils and network-model classes per profile, and the schools with classes of it.
public struct ProfileClasses: Sendable, Equatable {
    /// One profile's sums.
    public struct Profile: Sendable, Equatable {
        public var profile: String
        public var classes: Decimal
        public var pupils: Decimal
        public var network: Decimal
        /// Schools with at least one class of the profile (2.7.1's «Количество ОО»).
        public var schools: Int
    }

    /// The year the numbers are of: the report's, or the nearest later one with files.
    public var period: String
    /// Schools whose files gave the sheet, and those of them with a profile class.
    public var schools: Int
    public var withClasses: Int
    public var profiles: [Profile]

    /// The profiles of `period` from `data`, in the list's order; nil when no school sent the sheet that year.
    public static func compute(period: String, data: SchoolSheets, catalog: SchemaCatalog) throws -> ProfileClasses? {
        let bySchool = try data.rows(form: "career", sheet: "profiles", period: period)
        guard !bySchool.isEmpty else { return nil }
        var sums: [String: Profile] = [:]
        for rows in bySchool.values {
            for r in rows {
                guard let code = r.key["profile"] else { continue }
                var p = sums[code] ?? Profile(profile: code, classes: 0, pupils: 0, network: 0, schools: 0)
                let classes = r.numbers["classes"] ?? 0
                p.classes += classes
                p.pupils += r.numbers["pupils"] ?? 0
                p.network += r.numbers["network"] ?? 0
                if classes > 0 { p.schools += 1 }
                sums[code] = p
            }
        }
        let order = catalog.list("profiles")?.items.map(\.code) ?? []
        let withClasses = bySchool.values.filter { $0.contains { ($0.numbers["classes"] ?? 0) > 0 } }.count
        return ProfileClasses(period: period, schools: bySchool.count, withClasses: withClasses, profiles: ListOrder(order).sorted(sums))
    }
}

/// Additional education by year (the dod form): people per direction as table 2.12.1 counts them
/// (a pupil once per association), and the coverage counting each pupil once — Σ covered / Σ pupils
/// over the schools whose «Охват» gives their pupils.
public struct AdditionalEducation: Sendable, Equatable {
    /// One direction's people per year (nil: no files that year).
    public struct Direction: Sendable, Equatable {
        public var direction: String
        public var people: [Decimal?]
    }

    /// One year's coverage.
    public struct Coverage: Sendable, Equatable {
        /// Schools whose pupils are counted.
        public var schools: Int
        public var pupils: Decimal
        public var covered: Decimal
        /// covered / pupils × 100, rounded half up to one place; nil without pupils.
        public var share: Decimal? { pupils > 0 ? Decimals.rounded(covered * 100 / pupils, 1) : nil }
    }

    public var years: [String]
    public var directions: [Direction]
    /// Per year; nil when no school's file gives its pupils.
    public var coverage: [Coverage?]

    /// The years' figures (most recent last) from `data`; nil when no year has a file.
    public static func compute(years: [String], data: SchoolSheets, catalog: SchemaCatalog) throws -> AdditionalEducation? {
        var people: [String: [Int: Decimal]] = [:]
        var coverage: [Coverage?] = []
        for (i, y) in years.enumerated() {
            for rows in try data.rows(form: "dod", sheet: "associations", period: y).values {
                for r in rows {
                    guard let d = r.key["direction"], let n = r.numbers["people"] else { continue }
                    people[d, default: [:]][i, default: 0] += n
                }
            }
            let given = try data.rows(form: "dod", sheet: "coverage", period: y).values.compactMap { $0.first }.filter { $0.numbers["pupils"] != nil }
            coverage.append(given.isEmpty ? nil : Coverage(schools: given.count, pupils: given.reduce(0) { $0 + $1.numbers["pupils"]! },
                                                           covered: given.reduce(0) { $0 + ($1.numbers["covered"] ?? 0) }))
        }
        guard !people.isEmpty || coverage.contains(where: { $0 != nil }) else { return nil }
        let order = catalog.list("dod-directions")?.items.map(\.code) ?? []
        let directions = people.keys.map { d in Direction(direction: d, people: years.indices.map { people[d]?[$0] }) }
        return AdditionalEducation(years: years, directions: ListOrder(order).sorted(Dictionary(uniqueKeysWithValues: directions.map { ($0.direction, $0) })),
                                   coverage: coverage)
    }

    /// People over every direction per year (counting repeats).
    public var total: [Decimal?] {
        years.indices.map { i in
            let values = directions.compactMap { $0.people[i] }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
    }
}

/// Codes in a list's order, the ones the list lacks after them by code.
struct ListOrder {
    let codes: [String]
    init(_ codes: [String]) { self.codes = codes }

    func sorted<T>(_ byCode: [String: T]) -> [T] {
        byCode.keys.sorted { (codes.firstIndex(of: $0) ?? .max, $0) < (codes.firstIndex(of: $1) ?? .max, $1) }.map { byCode[$0]! }
    }
}
