/// Why a checkpoint could not be read, or could not be restored into a strategy or engine.
///
/// Decoding errors name the field and the byte offset where the problem was found, so a corrupt file can be
/// inspected with a hex dump; restore errors name the strategy and what it expected.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes do not start with ``EngineCheckpoint/magic``: not a Swiftlet checkpoint.
    case badMagic(found: [UInt8])
    /// The format version is one this build cannot read.
    case unsupportedVersion(found: UInt16, supported: UInt16)
    /// The bytes end before `field` is complete.
    case truncated(field: String, offset: Int, needed: Int, available: Int)
    /// A length or count in `field` is impossible (overflows, or exceeds the bytes that follow).
    case invalidLength(field: String, offset: Int, value: UInt64, reason: String)
    /// The stored CRC-32 does not match the bytes it covers.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// A float in `field` is NaN or infinite.
    case nonFiniteValue(field: String, index: Int)
    /// `field` is well-framed but its content is invalid (bad UTF-8, bad shape, bad JSON, out-of-range number).
    case malformed(field: String, offset: Int, reason: String)
    /// Bytes follow the checksum.
    case trailingBytes(offset: Int, count: Int)
    /// A strategy state does not fit the strategy asked to restore it.
    case incompatibleState(strategy: String, reason: String)

    public var description: String {
        switch self {
        case .badMagic(let found):
            "not a Swiftlet checkpoint: magic is \(found.map { String($0, radix: 16) }), expected \(EngineCheckpoint.magic.map { String($0, radix: 16) })"
        case let .unsupportedVersion(found, supported):
            "checkpoint format version \(found) is not supported (this build reads version \(supported))"
        case let .truncated(field, offset, needed, available):
            "checkpoint truncated in '\(field)' at byte \(offset): needs \(needed) bytes, \(available) left"
        case let .invalidLength(field, offset, value, reason):
            "checkpoint field '\(field)' at byte \(offset) has an invalid length \(value): \(reason)"
        case let .checksumMismatch(stored, computed):
            "checkpoint checksum mismatch: stored CRC-32 \(String(stored, radix: 16)), computed \(String(computed, radix: 16))"
        case let .nonFiniteValue(field, index):
            "checkpoint field '\(field)' holds a non-finite value at index \(index)"
        case let .malformed(field, offset, reason):
            "checkpoint field '\(field)' at byte \(offset) is malformed: \(reason)"
        case let .trailingBytes(offset, count):
            "checkpoint has \(count) unexpected bytes after its end at byte \(offset)"
        case let .incompatibleState(strategy, reason):
            "checkpoint state does not fit strategy \(strategy): \(reason)"
        }
    }
}
