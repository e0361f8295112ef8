import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element or attribute local name interned in the parser's dictionary.
///
/// libxml2's SAX2 interface hands out names from that dictionary, so comparing a name
/// with a token is one pointer comparison instead of a string comparison per event.
public struct XMLToken: Equatable, @unchecked Sendable {
    @usableFromInline let pointer: UnsafePointer<UInt8>?
    @usableFromInline init(pointer: UnsafePointer<UInt8>?) { self.pointer = pointer }

    /// A token that matches no name: the value of a handler's tokens before `prepare`.
    public static let unset = XMLToken(pointer: nil)
}

/// A namespace resolved against one parser: its URIs interned in that parser's dictionary.
public struct XMLNamespaceToken: @unchecked Sendable {
    @usableFromInline let uris: [UnsafePointer<UInt8>]

    /// A namespace that matches nothing: the value of a handler's tokens before `prepare`.
    public static let none = XMLNamespaceToken(uris: [])

    /// Whether `uri` is one of this namespace's URIs: a pointer comparison when libxml2
    /// interned the URI (it does for namespace declarations), bytes otherwise.
    @inlinable
    func matches(_ uri: UnsafePointer<UInt8>?) -> Bool {
        guard let uri else { return false }
        for u in uris where u == uri { return true }
        for u in uris where strcmp(UnsafeRawPointer(u).assumingMemoryBound(to: CChar.self),
                                   UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self)) == 0 {
            return true
        }
        return false
    }
}

/// A name as it arrives in an event: local name and namespace URI.
public struct XMLName {
    /// The local name, interned.
    public let local: XMLToken
    @usableFromInline let uri: UnsafePointer<UInt8>?

    @usableFromInline init(local: XMLToken, uri: UnsafePointer<UInt8>?) {
        self.local = local
        self.uri = uri
    }

    /// Whether the name is in this namespace.
    @inlinable
    public func isIn(_ namespace: XMLNamespaceToken) -> Bool { namespace.matches(uri) }

    /// The local name as a Swift string (for messages and rare paths).
    public var localString: String {
        local.pointer.map { String(cString: $0) } ?? ""
    }
}

/// A namespace that may be spelled by several URIs (OOXML Transitional and Strict).
public struct XMLNamespace: Sendable {
    /// The URIs that all mean this namespace.
    public let uris: [String]
    /// A namespace known by these URIs.
    public init(_ uris: String...) { self.uris = uris }
}

/// The attributes of one start tag, read in place without copying.
public struct XMLAttributes {
    @usableFromInline let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    /// Number of attributes.
    public let count: Int

    init(base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// Raw bytes of the first attribute with this local name.
    @inlinable
    public func bytes(_ name: XMLToken) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count where base[i * 5] == name.pointer {
            return Self.slice(base[i * 5 + 3], base[i * 5 + 4])
        }
        return nil
    }

    /// Raw bytes of the attribute with this local name in this namespace.
    @inlinable
    public func bytes(_ name: XMLToken, in namespace: XMLNamespaceToken) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count where base[i * 5] == name.pointer && namespace.matches(base[i * 5 + 2]) {
            return Self.slice(base[i * 5 + 3], base[i * 5 + 4])
        }
        return nil
    }

    /// The attribute's value as a string.
    public func string(_ name: XMLToken) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The namespaced attribute's value as a string.
    public func string(_ name: XMLToken, in namespace: XMLNamespaceToken) -> String? {
        bytes(name, in: namespace).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with each attribute's name and raw value, in document order.
    @inlinable
    public func forEach(_ body: (XMLName, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base else { return }
        for i in 0..<count {
            body(XMLName(local: XMLToken(pointer: base[i * 5]), uri: base[i * 5 + 2]),
                 Self.slice(base[i * 5 + 3], base[i * 5 + 4]))
        }
    }

    /// Every attribute as (local name, namespace URI, value); for diagnostics and rare paths.
    public var all: [(name: String, uri: String, value: String)] {
        guard let base else { return [] }
        return (0..<count).map { i in
            (base[i * 5].map { String(cString: $0) } ?? "",
             base[i * 5 + 2].map { String(cString: $0) } ?? "",
             String(decoding: Self.slice(base[i * 5 + 3], base[i * 5 + 4]), as: UTF8.self))
        }
    }

    @inlinable
    static func slice(_ begin: UnsafePointer<xmlChar>?, _ end: UnsafePointer<xmlChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let begin, let end else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: begin, count: end - begin)
    }
}
