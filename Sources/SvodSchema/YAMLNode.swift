import Yams

/// A YAML mapping read field by field, remembering which keys were used so that a misspelt
/// key (`requred: true`) is reported instead of silently ignored.
final class YAMLObject {
    let file: String
    let node: Node
    private let pairs: [(key: String, value: Node)]
    private var used: Set<String> = []
    private let issues: IssueLog

    init?(_ node: Node, file: String, issues: IssueLog, what: String) {
        self.file = file
        self.node = node
        self.issues = issues
        guard let mapping = node.mapping else {
            issues.add(YAMLObject.location(node, file), ru: "\(what): ожидалось отображение «ключ: значение»", en: "\(what): expected a mapping of keys to values")
            return nil
        }
        pairs = mapping.map { ($0.key.string ?? "", $0.value) }
    }

    static func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    var location: SourceLocation { YAMLObject.location(node, file) }

    func location(of key: String) -> SourceLocation {
        pairs.first { $0.key == key }.map { YAMLObject.location($0.value, file) } ?? location
    }

    /// Whether the key is written, without counting it as read.
    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    func value(_ key: String) -> Node? {
        used.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required { issues.add(location, ru: "нет обязательного ключа «\(key)»", en: "missing required key '\(key)'") }
            return nil
        }
        guard let s = v.scalar?.string else {
            issues.add(YAMLObject.location(v, file), ru: "«\(key)»: ожидалась строка", en: "'\(key)': expected a string")
            return nil
        }
        return s
    }

    func int(_ key: String, required: Bool = false) -> Int? {
        guard let s = string(key, required: required) else { return nil }
        guard let n = Int(s) else {
            issues.add(location(of: key), ru: "«\(key)»: ожидалось целое число, а не «\(s)»", en: "'\(key)': expected an integer, not '\(s)'")
            return nil
        }
        return n
    }

    func double(_ key: String) -> Double? {
        guard let s = string(key) else { return nil }
        guard let n = Double(s) else {
            issues.add(location(of: key), ru: "«\(key)»: ожидалось число, а не «\(s)»", en: "'\(key)': expected a number, not '\(s)'")
            return nil
        }
        return n
    }

    func bool(_ key: String) -> Bool? {
        guard let s = string(key) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "да": return true
        case "false", "no", "нет": return false
        default:
            issues.add(location(of: key), ru: "«\(key)»: ожидалось true или false", en: "'\(key)': expected true or false")
            return nil
        }
    }

    func strings(_ key: String) -> [String] {
        guard let v = value(key) else { return [] }
        if let s = v.scalar?.string { return [s] }
        guard let seq = v.sequence else {
            issues.add(YAMLObject.location(v, file), ru: "«\(key)»: ожидался список строк", en: "'\(key)': expected a list of strings")
            return []
        }
        return seq.compactMap { $0.scalar?.string }
    }

    /// `{ru: …, en: …}`, or one string for both.
    func localized(_ key: String, required: Bool = false) -> (ru: String, en: String)? {
        guard let v = value(key) else {
            if required { issues.add(location, ru: "нет обязательного ключа «\(key)»", en: "missing required key '\(key)'") }
            return nil
        }
        if let s = v.scalar?.string { return (s, s) }
        guard let obj = YAMLObject(v, file: file, issues: issues, what: key) else { return nil }
        let ru = obj.string("ru", required: true) ?? ""
        let en = obj.string("en") ?? ru
        obj.reportUnknownKeys()
        return (ru, en)
    }

    func objects(_ key: String, what: String) -> [YAMLObject] {
        Array(eachObject(key, what: what))
    }

    /// The list's mappings one at a time, so a registry of thousands of schools never has all of
    /// them unpacked at once.
    func eachObject(_ key: String, what: String) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<[Node], YAMLObject?>>, YAMLObject> {
        let file = file, issues = issues
        guard let v = value(key) else { return [Node]().lazy.compactMap { _ in nil } }
        guard let seq = v.sequence else {
            issues.add(YAMLObject.location(v, file), ru: "«\(key)»: ожидался список", en: "'\(key)': expected a list")
            return [Node]().lazy.compactMap { _ in nil }
        }
        return Array(seq).lazy.compactMap { YAMLObject($0, file: file, issues: issues, what: what) }
    }

    /// Reports keys nobody asked for: usually a typo.
    func reportUnknownKeys() {
        for (key, value) in pairs where !used.contains(key) {
            issues.add(YAMLObject.location(value, file), ru: "неизвестный ключ «\(key)»", en: "unknown key '\(key)'")
        }
    }
}

/// Issues gathered while loading, in order.
final class IssueLog {
    private(set) var issues: [SchemaIssue] = []

    func add(_ at: SourceLocation, ru: String, en: String) { issues.append(SchemaIssue(at, ru: ru, en: en)) }
    func add(_ issue: SchemaIssue) { issues.append(issue) }
}

extension YAMLObject {
    /// The keys written, in order (for mappings whose keys are data, such as a row's key).
    var keys: [(String, Node)] { pairs.map { ($0.key, $0.value) } }

    /// A list of integers; a non-integer item is reported.
    func ints(_ key: String) -> [Int] {
        strings(key).compactMap { s in
            guard let n = Int(s) else {
                issues.add(location(of: key), ru: "«\(key)»: ожидались целые числа, а не «\(s)»", en: "'\(key)': expected integers, not '\(s)'")
                return nil
            }
            return n
        }
    }
}
