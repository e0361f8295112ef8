/// What the binder knows about how a cell is displayed, when that changes what its number means.
public enum NumberFormatHint: Sendable, Equatable {
    /// Nothing known, or a plain format.
    case none
    /// The cell is formatted as a percentage, so Excel stores 81,7 % as 0.817.
    case percent
}
