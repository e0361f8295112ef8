/// Russian sentences the templates assemble from schema texts, which may already end with a
/// full stop: units are abbreviations («чел.», «ед.», «тыс. руб.»), and so may be a deadline.
enum Wording {
    /// `text` ending with a full stop: added unless it already ends with one (or with «…», «!», «?»),
    /// so «Единица: чел.» never becomes «Единица: чел..».
    static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".…!?".contains(last) ? text : text + "."
    }
}
