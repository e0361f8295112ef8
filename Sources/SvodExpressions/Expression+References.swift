extension Expression {
    /// Every name the expression reads, dotted names whole, so the caller can bind them and apply missing-value policies.
    public var references: Set<String> {
        var names: Set<String> = []
        collectReferences(into: &names)
        return names
    }

    private func collectReferences(into names: inout Set<String>) {
        switch self {
        case .number, .text, .boolean:
            break
        case let .name(name):
            names.insert(name)
        case let .unary(_, operand):
            operand.collectReferences(into: &names)
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            left.collectReferences(into: &names)
            right.collectReferences(into: &names)
        case let .call(_, arguments):
            for argument in arguments { argument.collectReferences(into: &names) }
        }
    }
}
