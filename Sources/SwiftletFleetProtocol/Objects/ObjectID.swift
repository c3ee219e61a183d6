import Crypto

/// The id of a content-addressed object: the SHA-256 of its bytes, as 64 lowercase hexadecimal digits.
///
/// Flower names every object (message, record, array, chunk) by this digest, so equal content has equal ids
/// and a receiver can check each object it is given against the id it asked for.
public struct ObjectID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let rawValue: String

    /// Accepts exactly 64 lowercase hexadecimal digits; anything else is `nil`.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The id of `bytes`: their SHA-256 digest in lowercase hex.
    public init(of bytes: some Sequence<UInt8>) {
        var hasher = SHA256()
        // Hash contiguous bytes in place: copying a model-sized object first would double the cost.
        let hashed: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if hashed == nil { hasher.update(data: Array(bytes)) }
        let digest = hasher.finalize()
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        rawValue = String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` is 64 lowercase hex digits, the only form Flower produces.
    public static func isValid(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 64, (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return false }
        }
        return count == 64
    }

    /// The hex digits.
    public var description: String { rawValue }

    /// Orders by the hex text.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.rawValue < rhs.rawValue }
}
