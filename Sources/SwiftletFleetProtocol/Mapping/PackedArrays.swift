import SwiftletFederated

/// A whole ``ArrayRecord`` in one byte string: the layout (names and shapes) followed by every value as
/// little-endian float32, end to end — stype `"swiftlet.packed"`, Swiftlet peers only.
///
/// Flower's object layer turns every array into two objects (an `Array` and its `ArrayChunk`), and a node
/// fetches each object with its own request. A `2nn` model is six arrays, so one instruction costs sixteen
/// pulls and one reply fourteen pushes; packed, the model is one array and the counts fall to six and five.
/// Swiftlet's parameters already live in one flat buffer, so packing is a header plus one copy.
///
/// Layout, all integers little-endian:
///
/// | bytes | field |
/// | --- | --- |
/// | 4 | magic `SWPK` |
/// | 1 | version, `1` |
/// | 3 | zero |
/// | 4 | array count *n* (u32) |
/// | *n* × | name length (u16), UTF-8 name, rank *r* (u8), *r* × dimension (u32) |
/// | 0–3 | zero padding to a multiple of 4 |
/// | 4 × Σ | the values, float32, in record order |
///
/// Decoding checks every field and the exact total length before it allocates the values, so a hostile header
/// (a huge count, an overflowing shape) is refused with a ``PackedArraysError`` rather than trapping.
public enum PackedArrays {
    /// The stype of a packed array record's single array.
    public static let stype = "swiftlet.packed"
    /// The first four bytes.
    public static let magic: [UInt8] = Array("SWPK".utf8)
    /// The only version written and read.
    public static let version: UInt8 = 1
    /// The highest rank a packed array may have (NumPy's own limit).
    public static let maxRank = 64

    /// `record` packed into one byte string.
    ///
    /// - Throws: ``PackedArraysError/unrepresentable(_:)`` when a name is longer than 65,535 bytes, a rank
    ///   exceeds ``maxRank`` or a dimension does not fit in 32 bits.
    public static func encode(_ record: ArrayRecord) throws(PackedArraysError) -> [UInt8] {
        let header = try layout(record)
        // Filled straight from the header and values, not zeroed first: an update-sized pass less.
        let total = header.count + record.values.count * 4
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            write(header: header, values: record.values, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = total
        }
    }

    /// The bytes before the values: magic, version, the arrays' names and shapes, and the padding.
    ///
    /// - Throws: ``PackedArraysError/unrepresentable(_:)`` as ``encode(_:)`` does.
    static func layout(_ record: ArrayRecord) throws(PackedArraysError) -> [UInt8] {
        var header = magic + [version, 0, 0, 0]
        append(UInt32(record.specs.count), to: &header)
        for spec in record.specs {
            let name = Array(spec.name.utf8)
            guard name.count <= Int(UInt16.max) else { throw .unrepresentable("name of '\(spec.name.prefix(40))…' is longer than 65535 bytes") }
            guard spec.shape.count <= maxRank else { throw .unrepresentable("'\(spec.name)' has rank \(spec.shape.count), more than \(maxRank)") }
            header.append(UInt8(truncatingIfNeeded: name.count))
            header.append(UInt8(truncatingIfNeeded: name.count >> 8))
            header += name
            header.append(UInt8(spec.shape.count))
            for dimension in spec.shape {
                guard let value = UInt32(exactly: dimension) else { throw .unrepresentable("'\(spec.name)' has dimension \(dimension)") }
                append(value, to: &header)
            }
        }
        while header.count % 4 != 0 { header.append(0) }
        return header
    }

    /// Writes `header` (``layout(_:)``) and `values` as little-endian float32 into `out`, which holds
    /// exactly `header.count + values.count × 4` bytes.
    static func write(header: [UInt8], values: [Float], into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count == header.count + values.count * 4, "PackedArrays.write: \(out.count) bytes for \(header.count) + \(values.count) × 4")
        header.withUnsafeBytes { out.copyMemory(from: $0) }
        let body = UnsafeMutableRawBufferPointer(rebasing: out[header.count...])
        LittleEndianFloat32.write(values[...], into: body)
    }

    /// The record packed in `bytes`.
    ///
    /// - Throws: ``PackedArraysError`` naming the field and byte offset that is wrong.
    public static func decode(_ bytes: [UInt8]) throws(PackedArraysError) -> ArrayRecord {
        try decode(bytes[...])
    }

    /// The record packed in `bytes`, a range of a larger buffer (offsets in errors count from its start).
    ///
    /// - Throws: ``PackedArraysError`` naming the field and byte offset that is wrong.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(PackedArraysError) -> ArrayRecord {
        var reader = Reader(bytes: bytes)
        guard try reader.take(4, "magic") == magic[...] else { throw .malformed(offset: 0, "magic is not SWPK") }
        let header = try reader.take(4, "version")
        guard header[header.startIndex] == version else {
            throw .malformed(offset: 4, "version \(header[header.startIndex]) is not \(version)")
        }
        guard header.dropFirst().allSatisfy({ $0 == 0 }) else { throw .malformed(offset: 5, "reserved bytes are not zero") }
        let count = Int(try reader.u32("array count"))
        // Each array needs at least 3 header bytes: a count beyond that cannot be honest.
        guard count <= reader.remaining / 3 else {
            throw .malformed(offset: 8, "array count \(count) cannot fit in \(reader.remaining) bytes")
        }
        var specs: [ArraySpec] = []
        specs.reserveCapacity(count)
        var total = 0
        for index in 0..<count {
            let length = Int(try reader.u16("name length of array \(index)"))
            let nameOffset = reader.offset
            guard let name = String(validating: try reader.take(length, "name of array \(index)"), as: UTF8.self) else {
                throw .malformed(offset: nameOffset, "name of array \(index) is not UTF-8")
            }
            let rankOffset = reader.offset
            let rank = Int(try reader.take(1, "rank of '\(name)'").first!)
            guard rank <= maxRank else { throw .malformed(offset: rankOffset, "'\(name)' has rank \(rank), more than \(maxRank)") }
            var shape: [Int] = []
            var elements = 1
            for _ in 0..<rank {
                let dimension = Int(try reader.u32("shape of '\(name)'"))
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw .malformed(offset: reader.offset - 4, "shape of '\(name)' overflows") }
                elements = product
                shape.append(dimension)
            }
            let (sum, overflow) = total.addingReportingOverflow(elements)
            guard !overflow else { throw .malformed(offset: reader.offset, "element count overflows at '\(name)'") }
            total = sum
            specs.append(ArraySpec(name: name, shape: shape))
        }
        let padding = (4 - reader.offset % 4) % 4
        guard try reader.take(padding, "padding").allSatisfy({ $0 == 0 }) else {
            throw .malformed(offset: reader.offset - padding, "padding is not zero")
        }
        let (needed, overflow) = total.multipliedReportingOverflow(by: 4)
        guard !overflow, reader.remaining == needed else {
            throw .lengthMismatch(values: total, expectedBytes: overflow ? Int.max : needed, actualBytes: reader.remaining)
        }
        // Their length was checked above: exactly `total` values follow.
        let values = LittleEndianFloat32.read(bytes[(bytes.startIndex + reader.offset)...])
        do { return try ArrayRecord(specs: specs, values: values) } catch {
            throw .invalidLayout("\(error)")
        }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// A bounds-checked cursor over the packed bytes.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        /// Bytes read so far, counted from `bytes.startIndex`.
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int, _ field: String) throws(PackedArraysError) -> ArraySlice<UInt8> {
            guard count <= remaining else { throw .truncated(field: field, offset: offset) }
            defer { offset += count }
            return bytes[(bytes.startIndex + offset)..<(bytes.startIndex + offset + count)]
        }

        mutating func u16(_ field: String) throws(PackedArraysError) -> UInt16 {
            let b = try take(2, field)
            return UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8
        }

        mutating func u32(_ field: String) throws(PackedArraysError) -> UInt32 {
            let b = try take(4, field)
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[b.startIndex + $1]) << UInt32(8 * $1) }
        }
    }
}

/// Why bytes are not a packed array record.
public enum PackedArraysError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes end inside `field`.
    case truncated(field: String, offset: Int)
    /// A header field holds an impossible value.
    case malformed(offset: Int, String)
    /// The values after the header are not exactly `values` float32s.
    case lengthMismatch(values: Int, expectedBytes: Int, actualBytes: Int)
    /// The names and shapes are not a valid record (an empty or repeated name).
    case invalidLayout(String)
    /// The record cannot be packed.
    case unrepresentable(String)

    public var description: String {
        switch self {
        case let .truncated(field, offset): "packed arrays: the bytes end at offset \(offset), inside the \(field)"
        case let .malformed(offset, reason): "packed arrays: at offset \(offset): \(reason)"
        case let .lengthMismatch(values, expected, actual):
            "packed arrays: \(values) values need \(expected) bytes after the header, found \(actual)"
        case .invalidLayout(let reason): "packed arrays: invalid layout: \(reason)"
        case .unrepresentable(let reason): "packed arrays: cannot pack: \(reason)"
        }
    }
}
