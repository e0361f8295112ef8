import Foundation
import SvodIO
import SvodLocale
import Testing

/// The system's reasons in the user's language: strerror speaks English whatever `--lang` says.
@Suite struct IOFailureTests {
    @Test func aMissingFolderIsSaidInRussian() throws {
        do {
            _ = try AtomicFile(target: "/nonexistent-svod-folder/x.xlsx")
            Issue.record("a file was created in a missing folder")
        } catch let e as IOFailure {
            #expect(e.message.ru == "не удалось создать файл в папке «/nonexistent-svod-folder»: нет такого файла или папки")
            #expect(e.message.en == "cannot create a file in folder '/nonexistent-svod-folder': no such file or folder")
        }
    }

    @Test func commonReasonsHaveBothLanguagesAndRareOnesKeepTheSystemsWords() {
        for code in [ENOENT, EACCES, EISDIR, ENOTDIR, ENOSPC, EROFS, EEXIST] {
            let text = SystemReason.text(code)
            #expect(!text.ru.isEmpty && text.ru.unicodeScalars.contains { (0x430...0x44F).contains($0.value) }, "\(code): \(text.ru)")
        }
        let rare = SystemReason.text(EPROTO)
        #expect(rare.ru.hasPrefix("системная ошибка \(EPROTO)") && rare.en == String(cString: strerror(EPROTO)))
    }
}
