import Foundation
import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

/// One row of a coercion table: a cell, the field type it is read as, and what must come out.
struct CoercionCase: Sendable, CustomTestStringConvertible {
    /// What the coercion must produce.
    enum Outcome: Sendable {
        case value(FieldValue, [CoercionNote])
        case problem(CoercionProblem.Reason)
    }

    let cell: CellValue
    let type: FieldType
    let hint: NumberFormatHint
    let outcome: Outcome

    init(_ cell: CellValue, _ type: FieldType, hint: NumberFormatHint = .none, _ value: FieldValue,
         _ notes: [CoercionNote] = []) {
        self.cell = cell
        self.type = type
        self.hint = hint
        self.outcome = .value(value, notes)
    }

    init(_ cell: CellValue, _ type: FieldType, hint: NumberFormatHint = .none, fails reason: CoercionProblem.Reason) {
        self.cell = cell
        self.type = type
        self.hint = hint
        self.outcome = .problem(reason)
    }

    var testDescription: String {
        "\(cell) as \(type.name)\(hint == .percent ? " (% format)" : "")"
    }

    /// Runs the coercion and records any difference.
    func check(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let got = ValueCoercion.coerce(cell, to: type, hint: hint)
        switch outcome {
        case .value(let value, let notes):
            #expect(got.problem == nil, "unexpected problem: \(got.problem?.message.ru ?? "")", sourceLocation: sourceLocation)
            #expect(got.value == value, sourceLocation: sourceLocation)
            #expect(got.notes == notes, sourceLocation: sourceLocation)
        case .problem(let reason):
            #expect(got.problem?.reason == reason, sourceLocation: sourceLocation)
            #expect(got.problem?.expected == .of(type), sourceLocation: sourceLocation)
            #expect(got.value == .missing, sourceLocation: sourceLocation)
            #expect(got.notes.isEmpty, sourceLocation: sourceLocation)
        }
    }
}

/// A decimal from its exact text, so expectations do not go through a double.
func exactNumber(_ s: String) -> FieldValue { .number(Decimal(string: s)!) }
