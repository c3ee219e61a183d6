import SwiftletFederated

/// How model arrays are serialised inside a ``FleetArray``.
///
/// The sender chooses; the receiver reads every encoding listed here (and codec payloads, see
/// ``FleetContentKeys/encodedArray``), so a Swiftlet node can talk to Flower and to Swiftlet servers alike.
public enum ArrayEncoding: String, Sendable, Equatable, CaseIterable {
    /// A `.npy` file of float32 values, stype `"numpy.ndarray"`: what Flower apps send and expect.
    case npy
    /// Raw little-endian float32 values without any header, stype `"swiftlet.f32le"`: Swiftlet peers only.
    case swiftletF32LE
    /// The whole record as one array of stype `"swiftlet.packed"` (see ``PackedArrays``): Swiftlet peers only,
    /// and the fewest requests, since a node fetches each array of a record with requests of its own.
    case swiftletPacked

    /// The stype written into each array.
    public var stype: String {
        switch self {
        case .npy: Self.npyStype
        case .swiftletF32LE: Self.f32leStype
        case .swiftletPacked: PackedArrays.stype
        }
    }

    /// Flower's stype for `.npy` data.
    public static let npyStype = "numpy.ndarray"
    /// Swiftlet's compact stype: `count × 4` bytes, little-endian float32, C order.
    public static let f32leStype = "swiftlet.f32le"
    /// The stype prefix for codec payloads: `"swiftlet.codec:" + codec name`.
    public static let codecStypePrefix = "swiftlet.codec:"

    /// One array of `values` with `shape`, serialised this way.
    ///
    /// A packed array holds one array named `"array"`; ``FleetArrayRecord/init(_:encoding:)`` packs a whole
    /// record into one array instead.
    public func array(shape: [Int], values: ArraySlice<Float>) throws(MappingError) -> FleetArray {
        switch self {
        case .swiftletPacked:
            let record: ArrayRecord
            do { record = try ArrayRecord(specs: [ArraySpec(name: "array", shape: shape)], values: Array(values)) } catch {
                throw .arrayMismatch(index: 0, key: "", reason: "\(error)")
            }
            return try Self.packed(record)
        case .npy:
            let npy: NpyArray
            do { npy = try NpyArray(shape: shape, elements: .float32(Array(values))) } catch {
                throw .arrayMismatch(index: 0, key: "", reason: "\(error)")
            }
            return FleetArray(dtype: "float32", shape: shape, stype: stype, data: npy.encoded)
        case .swiftletF32LE:
            return FleetArray(dtype: "float32", shape: shape, stype: stype, count: values.count * 4) { out in
                LittleEndianFloat32.write(values, into: out)
            }
        }
    }

    /// The float32 values and shape of a received array in any supported encoding.
    ///
    /// float64 `.npy` data is rounded to float32; integer dtypes are refused, since model arrays are floats, and
    /// so is an array whose declared dtype differs from its `.npy` header's.
    static func decode(_ array: FleetArray, index: Int, key: String) throws(MappingError) -> (shape: [Int], values: [Float]) {
        switch array.stype {
        case npyStype:
            let npy: NpyArray
            do { npy = try NpyArray(npy: array.data) } catch { throw .arrayMismatch(index: index, key: key, reason: "\(error)") }
            guard let values = npy.float32Values else {
                throw .arrayMismatch(index: index, key: key, reason: "dtype \(npy.dtypeName) is not a float type")
            }
            // Flower writes the array's dtype beside its .npy bytes; an array whose two disagree was not
            // written by NumPy and is not trusted.
            guard npy.dtypeName == array.dtype else {
                throw .arrayMismatch(index: index, key: key, reason: "the array's dtype \(array.dtype) differs from its .npy data's \(npy.dtypeName)")
            }
            guard npy.shape == array.shape else {
                throw .arrayMismatch(index: index, key: key, reason: ".npy shape \(npy.shape) differs from the array's shape \(array.shape)")
            }
            return (npy.shape, values)
        case f32leStype:
            guard array.dtype == "float32" else {
                throw .arrayMismatch(index: index, key: key, reason: "dtype \(array.dtype) with stype \(f32leStype)")
            }
            let count: Int
            do { count = try NpyArray.elementCount(array.shape) } catch {
                throw .arrayMismatch(index: index, key: key, reason: "invalid shape \(array.shape)")
            }
            guard array.bytes.count == count * 4 else {
                throw .arrayMismatch(index: index, key: key, reason: "\(array.bytes.count) bytes for \(count) float32 values")
            }
            return (array.shape, LittleEndianFloat32.read(array.bytes))
        default: throw .unsupportedSType(index: index, key: key, stype: array.stype)
        }
    }

    /// `record` as one packed array (dtype `uint8`, its shape the byte count, as codec payloads).
    ///
    /// The bytes are written behind the header of the chunk object that carries them (see
    /// ``FleetArray/init(dtype:shape:stype:count:writing:)``), the same bytes as ``PackedArrays/encode(_:)``.
    static func packed(_ record: ArrayRecord) throws(MappingError) -> FleetArray {
        let header: [UInt8]
        do { header = try PackedArrays.layout(record) } catch {
            throw .arrayMismatch(index: 0, key: FleetContentKeys.packedArray, reason: error.description)
        }
        let count = header.count + record.values.count * 4
        return FleetArray(dtype: "uint8", shape: [count], stype: PackedArrays.stype, count: count) { out in
            PackedArrays.write(header: header, values: record.values, into: out)
        }
    }

    /// The arrays packed in a received `"swiftlet.packed"` array.
    static func unpack(_ array: FleetArray, index: Int, key: String) throws(MappingError) -> ArrayRecord {
        guard array.dtype == "uint8", array.shape == [array.bytes.count] else {
            throw .arrayMismatch(index: index, key: key, reason: "a packed array must be uint8 of shape [\(array.bytes.count)], "
                + "found \(array.dtype) \(array.shape)")
        }
        do { return try PackedArrays.decode(array.bytes) } catch { throw .arrayMismatch(index: index, key: key, reason: error.description) }
    }
}
