#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's reason for a failed file operation, in both languages: `strerror` speaks
/// English («No such file or directory») whatever the user's language.
public enum SystemReason {
    /// The text for an `errno` value; an unusual one keeps the system's words and its number.
    public static func text(_ code: Int32) -> LocalizedText {
        switch code {
        case ENOENT: return .init(ru: "нет такого файла или папки", en: "no such file or folder")
        case EACCES, EPERM: return .init(ru: "нет прав доступа", en: "permission denied")
        case EISDIR: return .init(ru: "это папка, а не файл", en: "it is a folder, not a file")
        case ENOTDIR: return .init(ru: "часть пути — не папка", en: "a part of the path is not a folder")
        case ENOSPC: return .init(ru: "на диске нет места", en: "no space left on the disk")
        case EDQUOT: return .init(ru: "превышена дисковая квота", en: "disk quota exceeded")
        case EROFS: return .init(ru: "диск только для чтения", en: "the disk is read-only")
        case EEXIST: return .init(ru: "файл уже существует", en: "the file already exists")
        case ENAMETOOLONG: return .init(ru: "слишком длинное имя", en: "the name is too long")
        case ELOOP: return .init(ru: "слишком много символических ссылок", en: "too many symbolic links")
        case EMFILE, ENFILE: return .init(ru: "открыто слишком много файлов", en: "too many open files")
        case EBUSY, ETXTBSY: return .init(ru: "файл занят другой программой", en: "the file is busy")
        case EIO: return .init(ru: "ошибка ввода-вывода (диск или сеть)", en: "input/output error (disk or network)")
        case EXDEV: return .init(ru: "файлы на разных дисках", en: "the files are on different disks")
        case EFBIG: return .init(ru: "файл слишком велик", en: "the file is too large")
        default:
            let system = String(cString: strerror(code))
            return .init(ru: "системная ошибка \(code) (\(system))", en: system)
        }
    }

    /// The text for the current `errno`.
    public static var current: LocalizedText { text(errno) }
}
