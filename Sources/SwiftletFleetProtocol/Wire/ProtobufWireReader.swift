/// Reads protobuf's binary wire format field by field, in place.
///
/// The messages that carry object bytes (PushObject's request, PullObject's answer, and Swiftlet's batches of
/// them) are read with this rather than SwiftProtobuf, whose `Data` fields would copy every model-sized payload
/// once more on its way into the store or the client. It follows SwiftProtobuf's rules, so both accept and
/// refuse the same bytes: the last occurrence of a scalar field wins, a field with an unexpected wire type is
/// skipped as unknown, unknown fields (groups included) are skipped, and tags, varints and lengths are checked.
struct ProtobufWireReader {
    /// The wire types protobuf defines.
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    /// A field's tag: its number and wire type.
    struct Tag: Equatable {
        var number: UInt32
        var wireType: WireType
    }

    /// How deeply groups may nest inside a skipped field, as SwiftProtobuf's default decoding limit.
    static let maxGroupDepth = 100

    /// The whole buffer; this reader reads `position..<end` of it.
    let bytes: [UInt8]
    /// The next byte to read.
    private(set) var position: Int
    /// Where the message being read ends.
    let end: Int

    /// Reads `range` of `bytes` (all of them by default).
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    /// The next field's tag, or `nil` at the end of the message.
    mutating func tag() throws(ProtobufWireError) -> Tag? {
        guard position < end else { return nil }
        let start = position
        let raw = try varint()
        guard raw < UInt64(UInt32.max), raw >> 3 != 0, let type = WireType(rawValue: UInt8(raw & 7)) else {
            throw ProtobufWireError(.malformed, "invalid field tag \(raw)", at: start)
        }
        return Tag(number: UInt32(raw >> 3), wireType: type)
    }

    /// A varint's value.
    mutating func varint() throws(ProtobufWireError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw ProtobufWireError(.truncated, "the bytes end inside a varint", at: start) }
            guard shift <= 63 else { throw ProtobufWireError(.malformed, "a varint longer than ten bytes", at: start) }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) &<< shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A length-delimited field's payload, as a range of ``bytes``.
    mutating func lengthDelimited() throws(ProtobufWireError) -> Range<Int> {
        let start = position
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw ProtobufWireError(.truncated, "a field of \(length) bytes with \(end - position) left", at: start)
        }
        let payload = position..<(position + Int(length))
        position = payload.upperBound
        return payload
    }

    /// A length-delimited field's payload as a string, which must be UTF-8.
    mutating func string(field name: String) throws(ProtobufWireError) -> String {
        let start = position
        let payload = try lengthDelimited()
        guard let text = String(validating: bytes[payload], as: UTF8.self) else {
            throw ProtobufWireError(.invalidUTF8, "\(name) is not UTF-8", at: start)
        }
        return text
    }

    /// Skips the payload of a field whose tag was just read.
    mutating func skip(_ tag: Tag, depth: Int = 0) throws(ProtobufWireError) {
        let start = position
        switch tag.wireType {
        case .varint: _ = try varint()
        case .fixed64: try advance(8, at: start)
        case .fixed32: try advance(4, at: start)
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup:
            guard depth < Self.maxGroupDepth else { throw ProtobufWireError(.malformed, "groups nested too deeply", at: start) }
            while true {
                guard let inner = try self.tag() else { throw ProtobufWireError(.truncated, "group \(tag.number) is not closed", at: start) }
                if inner.wireType == .endGroup {
                    guard inner.number == tag.number else {
                        throw ProtobufWireError(.malformed, "group \(tag.number) closed as \(inner.number)", at: start)
                    }
                    return
                }
                try skip(inner, depth: depth + 1)
            }
        case .endGroup:
            throw ProtobufWireError(.truncated, "an end of group \(tag.number) that no group opened", at: start)
        }
    }

    private mutating func advance(_ count: Int, at start: Int) throws(ProtobufWireError) {
        guard end - position >= count else { throw ProtobufWireError(.truncated, "a fixed field of \(count) bytes with \(end - position) left", at: start) }
        position += count
    }
}
