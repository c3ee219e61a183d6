/// Reads little-endian fields from a byte buffer, checking every length against the bytes left before it
/// allocates: the decoding side of the checkpoint format.
struct CheckpointReader {
    let bytes: [UInt8]
    /// Where the next field starts.
    private(set) var offset: Int
    /// Where readable bytes end (the checksum after it is not part of the payload).
    let end: Int

    init(_ bytes: [UInt8], offset: Int = 0, end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    var remaining: Int { end - offset }

    /// The next `count` bytes.
    mutating func take(_ count: Int, field: String) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw .truncated(field: field, offset: offset, needed: count, available: remaining)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, field: String) throws(CheckpointError) -> T {
        let slice = try take(MemoryLayout<T>.size, field: field)
        var value = T.zero
        for (shift, byte) in slice.enumerated() { value |= T(truncatingIfNeeded: byte) << (8 * shift) }
        return value
    }

    /// A signed 64-bit field that must fit `Int` and lie in `range`.
    mutating func readInt(field: String, in range: ClosedRange<Int>) throws(CheckpointError) -> Int {
        let start = offset
        let value = try read(Int64.self, field: field)
        guard let int = Int(exactly: value), range.contains(int) else {
            throw .malformed(field: field, offset: start, reason: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return int
    }

    /// A length-prefixed count of items at least `itemSize` bytes each: refused before anything is
    /// allocated when the items could not fit in the bytes left.
    mutating func readCount<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, field: String,
                                                                    itemSize: Int) throws(CheckpointError) -> Int {
        let start = offset
        let raw = try read(T.self, field: field)
        guard let count = Int(exactly: raw) else {
            throw .invalidLength(field: field, offset: start, value: UInt64(raw), reason: "does not fit in memory")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: max(itemSize, 1))
        guard !overflow, needed <= remaining else {
            throw .invalidLength(field: field, offset: start, value: UInt64(raw),
                                 reason: "needs at least \(overflow ? "more than Int.max" : String(needed)) bytes, \(remaining) left")
        }
        return count
    }

    mutating func readString(field: String) throws(CheckpointError) -> String {
        let count = try readCount(UInt32.self, field: field, itemSize: 1)
        let start = offset
        let utf8 = try take(count, field: field)
        guard let string = String(validating: utf8, as: UTF8.self) else {
            throw .malformed(field: field, offset: start, reason: "not valid UTF-8")
        }
        return string
    }

    /// An array record, its values checked finite.
    mutating func readArrays(field: String) throws(CheckpointError) -> ArrayRecord {
        // A spec takes at least 8 bytes: name length and rank.
        let specCount = try readCount(UInt32.self, field: "\(field).specs", itemSize: 8)
        var specs: [ArraySpec] = []
        specs.reserveCapacity(specCount)
        for index in 0..<specCount {
            let name = try readString(field: "\(field).specs[\(index)].name")
            let rank = try readCount(UInt32.self, field: "\(field).specs[\(index)].rank", itemSize: 8)
            var shape: [Int] = []
            shape.reserveCapacity(rank)
            for axis in 0..<rank {
                shape.append(try readInt(field: "\(field).specs[\(index)].shape[\(axis)]", in: 0...Int.max))
            }
            specs.append(ArraySpec(name: name, shape: shape))
        }
        let countOffset = offset
        let count = try readCount(UInt64.self, field: "\(field).values", itemSize: MemoryLayout<Float>.size)
        let raw = try take(count * MemoryLayout<Float>.size, field: "\(field).values")
        var values = [Float](repeating: 0, count: count)
        var position = raw.startIndex
        for index in 0..<count {
            var bits: UInt32 = 0
            for shift in 0..<4 { bits |= UInt32(raw[position + shift]) << (8 * shift) }
            position += 4
            let value = Float(bitPattern: bits)
            guard value.isFinite else { throw .nonFiniteValue(field: field, index: index) }
            values[index] = value
        }
        do {
            return try ArrayRecord(specs: specs, values: values)
        } catch {
            throw .malformed(field: field, offset: countOffset, reason: error.description)
        }
    }
}
