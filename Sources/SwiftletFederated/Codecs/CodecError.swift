/// Why bytes could not be decoded, or a codec could not be built: every way a payload can be wrong, named,
/// with where it went wrong.
public enum CodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No codec with this identifier is registered.
    case unknownCodec(String)
    /// The bytes are shorter or longer than the header or the element count requires.
    case lengthMismatch(codec: String, expected: Int, actual: Int)
    /// The bytes are structurally wrong in a way no more specific case describes.
    case malformed(codec: String, reason: String)
    /// The payload does not start with the wire format's magic bytes.
    case badMagic(codec: String, found: [UInt8])
    /// The payload's format version is not one this build reads.
    case unsupportedVersion(codec: String, version: Int, supported: Int)
    /// A stage id in the header names no known sparsifier or quantizer.
    case unknownStage(codec: String, id: Int, offset: Int)
    /// A stage's parameter is out of its range, or the stages are combined in a way the format forbids.
    case invalidParameter(codec: String, stage: String, reason: String)
    /// The header's element count is not the count the receiver expects.
    case elementCountMismatch(codec: String, header: Int, expected: Int)
    /// The bytes end inside `section`, at byte `offset`.
    case truncated(codec: String, section: String, offset: Int)
    /// Bytes are left over after a complete payload.
    case trailingBytes(codec: String, count: Int)
    /// The index of kept entry `position` is at or past the element count.
    case indexOutOfRange(codec: String, position: Int, index: Int, count: Int)
    /// Block `block`'s scale is NaN, infinite or negative (its IEEE 754 bits are given, since NaN ≠ NaN).
    case invalidScale(codec: String, block: Int, bits: UInt32)
    /// A codec specification such as `topk:0.01+u8` could not be parsed.
    case invalidSpecification(String, reason: String)

    public var description: String {
        switch self {
        case .unknownCodec(let name): "unknown encoding '\(name)'"
        case let .lengthMismatch(codec, expected, actual): "\(codec): expected \(expected) bytes, got \(actual)"
        case let .malformed(codec, reason): "\(codec): \(reason)"
        case let .badMagic(codec, found):
            "\(codec): bad magic '\(found.map { String($0, radix: 16) }.joined(separator: " "))', expected '53 57'"
        case let .unsupportedVersion(codec, version, supported):
            "\(codec): format version \(version) is not supported (this build reads version \(supported))"
        case let .unknownStage(codec, id, offset): "\(codec): unknown stage id \(id) at byte \(offset)"
        case let .invalidParameter(codec, stage, reason): "\(codec): \(stage): \(reason)"
        case let .elementCountMismatch(codec, header, expected):
            "\(codec): header says \(header) elements, expected \(expected)"
        case let .truncated(codec, section, offset): "\(codec): bytes end inside the \(section) at byte \(offset)"
        case let .trailingBytes(codec, count): "\(codec): \(count) bytes after the end of the payload"
        case let .indexOutOfRange(codec, position, index, count):
            "\(codec): kept entry \(position) has index \(index), outside 0..<\(count)"
        case let .invalidScale(codec, block, bits):
            "\(codec): block \(block) has scale \(Float(bitPattern: bits)), expected a finite non-negative number"
        case let .invalidSpecification(spec, reason): "codec '\(spec)': \(reason)"
        }
    }
}
