/// The result of reading one cell as a field's type.
///
/// Invariant: when `problem` is set, `value` is `.missing` and `notes` is empty, so a rule
/// never computes with a value the school did not clearly give; report the problem instead.
public struct Coercion: Equatable, Sendable {
    /// The typed value (`.missing` for empty cells, placeholders and unreadable cells).
    public var value: FieldValue
    /// Things accepted but worth a warning, in the order they were noticed.
    public var notes: [CoercionNote]
    /// Why the cell could not be read, if it could not.
    public var problem: CoercionProblem?

    /// A result with every part given.
    public init(value: FieldValue, notes: [CoercionNote] = [], problem: CoercionProblem? = nil) {
        self.value = value
        self.notes = problem == nil ? notes : []
        self.problem = problem
    }

    /// A value read cleanly, possibly with notes.
    public static func ok(_ value: FieldValue, _ notes: [CoercionNote] = []) -> Coercion {
        Coercion(value: value, notes: notes)
    }

    /// Nothing there, which is not a problem here (required-ness is checked elsewhere).
    public static let missing = Coercion(value: .missing)

    /// A cell that could not be read.
    public static func failed(_ problem: CoercionProblem) -> Coercion {
        Coercion(value: .missing, problem: problem)
    }
}
