extension Expression {
    /// Every name the expression reads, dotted names whole, so the caller can bind them and apply missing-value policies.
    public var references: Set<String> {
        var names: Set<String> = []
        walkNames { names.insert($0) }
        return names
    }

    /// The names in the order they are first written: `offences + crimes` points at offences first.
    public var orderedReferences: [String] {
        var seen: Set<String> = []
        var ordered: [String] = []
        walkNames { if seen.insert($0).inserted { ordered.append($0) } }
        return ordered
    }

    private func walkNames(_ visit: (String) -> Void) {
        switch self {
        case .number, .text, .boolean:
            break
        case let .name(name):
            visit(name)
        case let .unary(_, operand):
            operand.walkNames(visit)
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            left.walkNames(visit)
            right.walkNames(visit)
        case let .call(_, arguments):
            for argument in arguments { argument.walkNames(visit) }
        }
    }
}
