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

    /// The keyed rows and other forms' values it reads, in the order they are first written.
    public var valueReferences: [ValueReference] {
        var seen: Set<ValueReference> = []
        var ordered: [ValueReference] = []
        walk(names: { _ in }, references: { if seen.insert($0).inserted { ordered.append($0) } })
        return ordered
    }

    private func walkNames(_ visit: (String) -> Void) {
        walk(names: visit, references: { _ in })
    }

    private func walk(names visit: (String) -> Void, references: (ValueReference) -> Void) {
        switch self {
        case .number, .text, .boolean:
            break
        case let .reference(reference):
            references(reference)
        case let .name(name):
            visit(name)
        case let .unary(_, operand):
            operand.walk(names: visit, references: references)
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            left.walk(names: visit, references: references)
            right.walk(names: visit, references: references)
        case let .call(_, arguments):
            for argument in arguments { argument.walk(names: visit, references: references) }
        }
    }
}

extension Expression {
    /// References read whole as a column, as arguments of SUM, COUNT and the other aggregates:
    /// such a reference is no one cell to point a finding at.
    public var aggregatedReferences: Set<ValueReference> {
        switch self {
        case .number, .text, .boolean, .name, .reference:
            return []
        case let .unary(_, operand):
            return operand.aggregatedReferences
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            return left.aggregatedReferences.union(right.aggregatedReferences)
        case let .call(function, arguments):
            var found = Set(arguments.flatMap(\.aggregatedReferences))
            if function.isAggregate {
                for case let .reference(r) in arguments where r.key == nil { found.insert(r) }
            }
            return found
        }
    }
}
