/// Reads the SSH wire format (RFC 4251): big-endian `uint32`s and length-prefixed strings.
struct SSHWireReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }
    var remaining: ArraySlice<UInt8> { bytes[offset...] }

    mutating func uint32() -> UInt32? {
        guard bytes.count - offset >= 4 else { return nil }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func string() -> [UInt8]? {
        guard let count = uint32().map(Int.init), count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func skip(_ prefix: [UInt8]) -> Bool {
        guard bytes[offset...].starts(with: prefix) else { return false }
        offset += prefix.count
        return true
    }
}

/// Writes the SSH wire format.
struct SSHWireWriter {
    var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    mutating func string(_ value: [UInt8]) {
        uint32(UInt32(value.count))
        bytes += value
    }

    /// A non-negative integer as an SSH `mpint`: minimal big-endian, a zero byte before a set high bit.
    mutating func mpint(_ magnitude: [UInt8]) {
        var value = Array(magnitude.drop(while: { $0 == 0 }))
        if let first = value.first, first >= 0x80 { value.insert(0, at: 0) }
        string(value)
    }
}
