import SvodLocale

/// Why a zip archive or one of its entries was refused.
public enum ZipError: LocalizedFailure, Equatable {
    /// The bytes are not a zip archive at all.
    case notZip
    /// The archive is cut short or its directory is damaged.
    case damaged(String)
    /// An entry is protected by zip encryption.
    case encryptedEntry(String)
    /// An entry inflates differently from what its header declares, or fails its checksum.
    case corruptEntry(String)
    /// An entry name would escape the archive (`..`, absolute drive paths).
    case unsafeName(String)
    /// Two entries share a name (compared the way OPC and ODF do, ignoring ASCII case).
    case duplicateName(String)
    /// A resource limit was hit: too many entries, too large, too compressed.
    case limit(LocalizedText)
    /// A requested entry is absent.
    case missingEntry(String)
    /// The file could not be opened or read.
    case io(String)

    public var kind: FailureKind {
        switch self {
        case .encryptedEntry: return .encrypted
        case .limit: return .limit
        default: return .unreadable
        }
    }

    public var message: LocalizedText {
        switch self {
        case .notZip:
            return .init(ru: "файл не является zip-архивом", en: "the file is not a zip archive")
        case .damaged(let why):
            return .init(ru: "zip-архив обрезан или повреждён (\(why))",
                         en: "the zip archive is truncated or damaged (\(why))")
        case .encryptedEntry(let name):
            return .init(ru: "элемент архива «\(name)» зашифрован паролем",
                         en: "archive entry '\(name)' is password-encrypted")
        case .corruptEntry(let name):
            return .init(ru: "элемент архива «\(name)» повреждён: размер или контрольная сумма не сходятся",
                         en: "archive entry '\(name)' is corrupt: its size or checksum does not match")
        case .unsafeName(let name):
            return .init(ru: "недопустимое имя элемента архива «\(name)»",
                         en: "unsafe archive entry name '\(name)'")
        case .duplicateName(let name):
            return .init(ru: "элемент архива «\(name)» встречается дважды",
                         en: "archive entry '\(name)' appears twice")
        case .limit(let what):
            return .init(ru: "превышен предел: \(what.ru)", en: "limit exceeded: \(what.en)")
        case .missingEntry(let name):
            return .init(ru: "в архиве нет элемента «\(name)»", en: "archive has no entry '\(name)'")
        case .io(let why):
            return .init(ru: "не удалось прочитать файл: \(why)", en: "cannot read the file: \(why)")
        }
    }
}
