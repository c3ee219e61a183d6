/// Writes protobuf's binary wire format into a buffer sized in advance, copying each payload once.
///
/// The counterpart of ``ProtobufWireReader`` for the messages that carry object bytes: SwiftProtobuf would
/// first copy a payload into the message's `Data` field, then zero the output buffer and copy it again.
/// Fields are written in field-number order and default values are left out, as SwiftProtobuf does, so the
/// bytes are the same.
struct ProtobufWireWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]

    /// A writer whose buffer holds `capacity` bytes before it grows.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// How many bytes `value` takes as a varint.
    static func varintSize(_ value: UInt64) -> Int {
        (64 - value.leadingZeroBitCount + 6) / 7 + (value == 0 ? 1 : 0)
    }

    /// How many bytes a tag for field `number` takes.
    static func tagSize(_ number: UInt32) -> Int { varintSize(UInt64(number) << 3) }

    /// The size of a length-delimited field `number` with a payload of `length` bytes.
    static func lengthDelimitedSize(_ number: UInt32, length: Int) -> Int {
        tagSize(number) + varintSize(UInt64(length)) + length
    }

    /// Writes `value` as a varint.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes the tag of field `number`.
    mutating func tag(_ number: UInt32, _ type: ProtobufWireReader.WireType) {
        varint(UInt64(number) << 3 | UInt64(type.rawValue))
    }

    /// Writes field `number` as a varint, unless it is zero.
    mutating func uint64(_ number: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        tag(number, .varint)
        varint(value)
    }

    /// Writes field `number` as a bool, unless it is false.
    mutating func bool(_ number: UInt32, _ value: Bool) {
        guard value else { return }
        tag(number, .varint)
        varint(1)
    }

    /// Writes field `number` as a string or bytes field, unless it is empty.
    mutating func bytes(_ number: UInt32, _ payload: some Collection<UInt8>) {
        guard !payload.isEmpty else { return }
        header(number, length: payload.count)
        bytes.append(contentsOf: payload)
    }

    /// Writes the tag and length of a length-delimited field `number`; its `length` bytes follow.
    mutating func header(_ number: UInt32, length: Int) {
        tag(number, .lengthDelimited)
        varint(UInt64(length))
    }
}
