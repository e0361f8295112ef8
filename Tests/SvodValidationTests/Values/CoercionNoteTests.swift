import SvodValidation
import Testing

@Suite struct CoercionNoteTests {
    static let notes: [CoercionNote] = [
        .numberStoredAsText, .percentSignInNonPercentField, .percentAsFraction, .dateAsText,
        .identifierWasNumber(paddedTo: 10),
    ]

    @Test(arguments: notes)
    func everyNoteSpeaksBothLanguages(_ note: CoercionNote) {
        #expect(!note.message.ru.isEmpty)
        #expect(!note.message.en.isEmpty)
        #expect(note.message.ru != note.message.en)
    }

    @Test func paddingNoteSaysHowManyDigits() {
        #expect(CoercionNote.identifierWasNumber(paddedTo: 12).message.ru.contains("12-значный"))
    }

    @Test(arguments: CoercionProblem.Expected.allCases)
    func everyExpectationSpeaksBothLanguages(_ e: CoercionProblem.Expected) {
        #expect(e.phrase.ru.hasPrefix("ожидал"))
        #expect(e.phrase.en.hasPrefix("expected"))
    }
}
