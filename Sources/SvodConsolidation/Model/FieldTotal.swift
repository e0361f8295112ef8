import Foundation

/// What the schools' values of one field in one city row add up to: every part a higher
/// consolidation needs to add this one to another exactly (a district's to the city's).
public struct FieldTotal: Equatable, Sendable {
    /// The sum of the values (counts, or the `sum`/`mean` numerator parts below).
    public var sum: Decimal = 0
    /// How many schools gave a value.
    public var schools = 0
    /// For a weighted mean: Σ value × weight, and Σ weight over the schools that gave both.
    public var weighted: Decimal = 0
    public var weight: Decimal = 0
    /// For да/нет: schools answering «да», and answering at all.
    public var yes = 0
    public var answered = 0
    /// For `max`/`min`.
    public var largest: Decimal?
    public var smallest: Decimal?

    /// An empty total.
    public init() {}

    /// Adds one school's number.
    public mutating func add(number: Decimal, weight w: Decimal?) {
        sum += number
        schools += 1
        if let w { weighted += number * w; weight += w }
        largest = Swift.max(largest ?? number, number)
        smallest = Swift.min(smallest ?? number, number)
    }

    /// Adds one school's да/нет.
    public mutating func add(answer: Bool) {
        schools += 1
        answered += 1
        if answer { yes += 1 }
    }

    /// Adds another total (a district's, or another file's part of the same row).
    public mutating func merge(_ o: FieldTotal) {
        sum += o.sum
        schools += o.schools
        weighted += o.weighted
        weight += o.weight
        yes += o.yes
        answered += o.answered
        if let l = o.largest { largest = Swift.max(largest ?? l, l) }
        if let s = o.smallest { smallest = Swift.min(smallest ?? s, s) }
    }
}
