#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SvodLocale

extension ReadError {
    /// Why the file at `path` cannot be opened for reading: it does not exist, is a folder, may
    /// not be read, or the system's reason. The message leaves the path out: whoever reports it
    /// names the file once (`svod: ошибка: x.xlsx: файл не найден`).
    public static func cannotOpen(_ path: String) -> ReadError {
        let code = errno
        var info = stat()
        guard stat(path, &info) == 0 else {
            let missing = errno
            if missing == ENOENT {
                return ReadError(.io, .init(ru: "файл не найден", en: "the file does not exist"))
            }
            return ReadError(.io, .init(ru: "не удалось открыть файл: \(SystemReason.text(missing).ru)",
                                        en: "cannot open the file: \(SystemReason.text(missing).en)"))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return ReadError(.io, .init(ru: "это папка, а не файл", en: "it is a folder, not a file"))
        }
        if access(path, R_OK) != 0 {
            return ReadError(.io, .init(ru: "нет прав на чтение файла", en: "no permission to read the file"))
        }
        return ReadError(.io, .init(ru: "не удалось открыть файл: \(SystemReason.text(code).ru)",
                                    en: "cannot open the file: \(SystemReason.text(code).en)"))
    }
}

extension ReadError {
    /// Throws `cannotOpen` unless `path` is a file this process may read. Opening a folder
    /// succeeds on Linux and fails only at the first read, with an English system message.
    public static func checkReadable(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR, access(path, R_OK) == 0 else {
            throw cannotOpen(path)
        }
    }
}
