import SvodLocale

/// Where a validation finds the school's other forms for the same period: the other files of a
/// `svod validate` run, or the store at `svod import`.
public protocol CrossFormSource: AnyObject {
    /// Whether the source can say anything of `form` at all: a run of files of one form does not
    /// ask for others, and its rules reading them are left out without a word.
    func covers(_ form: String) -> Bool
    /// `form`'s values of `school` for `period`, or why there are none.
    func values(of form: String, school: String, period: String) -> CrossFormLookup
    /// Whether the rules of other forms that read this file's form run on it too: at the import
    /// the file arriving second carries the comparison, whichever of the two it is.
    var checksReaders: Bool { get }
}

/// What a source knows of another form of the school for the period.
public enum CrossFormLookup {
    /// Its values.
    case found(FormValues)
    /// It was looked for and is not there (the reason, for the `crossform.not-compared` finding).
    case absent(LocalizedText)
}
