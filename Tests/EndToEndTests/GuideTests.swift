import Foundation
import SvodTestSupport
import Testing

/// The Russian guide (`docs/РУКОВОДСТВО.md`) stays true: every picture it shows is there, and every
/// command it tells a person to type is one svod has, with options it knows.
@Suite struct GuideTests {
    static let guide = TestPaths.packageRoot.appendingPathComponent("docs/РУКОВОДСТВО.md")

    @Test func everyPictureAndListingItShowsExists() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        let links = text.matches(of: /\]\((images\/[^)]+)\)/).map { String($0.1) }
        #expect(links.count >= 8)
        for link in links {
            #expect(FileManager.default.fileExists(atPath: Self.guide.deletingLastPathComponent().appendingPathComponent(link).path), "\(link)")
        }
    }

    @Test func everyCommandItShowsIsSvods() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        let commands = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .compactMap { line -> [String]? in
                guard let at = line.range(of: "svod ") else { return nil }
                let words = line[at.upperBound...].split(separator: " ").map(String.init)
                guard let verb = words.first, verb.allSatisfy({ $0.isLetter }), verb == verb.lowercased(), verb.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
                return words.prefix { !$0.hasPrefix("`") && $0 != ">" }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`:,.;()")) }
            }
        #expect(commands.count >= 10)
        for words in commands {
            var verb = [words[0]]
            var help = try runProcess(TestPaths.svodBinary, verb + ["--help"])
            // A command of commands (`svod schemas list`): the option is the subcommand's.
            if words.count > 1, !words[1].hasPrefix("-"), help.stdoutText.contains("\n  \(words[1]) ") {
                verb.append(words[1])
                help = try runProcess(TestPaths.svodBinary, verb + ["--help"])
            }
            #expect(help.status == 0, "svod \(verb.joined(separator: " ")) --help: \(help.stderr)")
            for option in words.dropFirst(verb.count) where option.hasPrefix("--") && option != "--help" {
                #expect(help.stdoutText.contains(option), "svod \(verb.joined(separator: " ")): \(option) is not in its help")
            }
        }
    }
}
