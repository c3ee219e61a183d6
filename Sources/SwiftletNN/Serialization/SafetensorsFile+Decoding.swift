import Foundation

extension SafetensorsFile {
    /// Parses and validates safetensors bytes; `fileName` is used in errors.
    ///
    /// Checks, in order: the length prefix, the header's JSON and field types, each tensor's dtype, offsets
    /// and byte count, then that the tensors tile the data section with no overlap, hole or trailing byte.
    public init(bytes: [UInt8], fileName: String) throws(SafetensorsError) {
        guard bytes.count >= 8 else { throw .fileTooShort(file: fileName, size: bytes.count) }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= Self.maximumHeaderLength else { throw .headerLengthAbsurd(file: fileName, length: length) }
        guard length <= UInt64(bytes.count - 8) else {
            throw .headerPastEnd(file: fileName, length: length, fileSize: bytes.count)
        }
        let dataStart = 8 + Int(length)
        let header = try Self.parseHeader(Data(bytes[8..<dataStart]), fileName: fileName)
        let dataSize = bytes.count - dataStart

        var located: [(entry: RawHeader.Entry, name: String, dtype: SafetensorsDType)] = []
        for (name, entry) in header.entries {
            guard let dtype = SafetensorsDType(rawValue: entry.dtype) else {
                throw .unsupportedDType(file: fileName, tensor: name, dtype: entry.dtype)
            }
            guard entry.dataOffsets.count == 2 else {
                throw .invalidHeader(file: fileName, reason: "tensor '\(name)': data_offsets must be [begin, end]")
            }
            let (begin, end) = (entry.dataOffsets[0], entry.dataOffsets[1])
            guard begin >= 0, end >= 0 else {
                throw .invalidHeader(file: fileName, reason: "tensor '\(name)': negative data_offsets [\(begin), \(end)]")
            }
            guard begin <= end else { throw .offsetsReversed(file: fileName, tensor: name, begin: begin, end: end) }
            guard end <= dataSize else { throw .offsetsOutOfBounds(file: fileName, tensor: name, end: end, dataSize: dataSize) }
            var expected = dtype.byteSize
            for dimension in entry.shape {
                guard dimension >= 0 else {
                    throw .invalidHeader(file: fileName, reason: "tensor '\(name)': negative dimension in shape \(entry.shape)")
                }
                let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw .invalidHeader(file: fileName, reason: "tensor '\(name)': shape \(entry.shape) is too large")
                }
                expected = product
            }
            guard expected == end - begin else {
                throw .dataSizeMismatch(file: fileName, tensor: name, expected: expected, actual: end - begin)
            }
            located.append((entry, name, dtype))
        }

        // The tensors must tile the data section exactly; sort by position (name breaks ties for empty tensors).
        located.sort { ($0.entry.dataOffsets[0], $0.entry.dataOffsets[1], $0.name) < ($1.entry.dataOffsets[0], $1.entry.dataOffsets[1], $1.name) }
        var cursor = 0
        var previous = ""
        for item in located {
            let begin = item.entry.dataOffsets[0]
            if begin < cursor { throw .offsetsOverlap(file: fileName, tensor: item.name, other: previous) }
            if begin > cursor { throw .unindexedData(file: fileName, offset: cursor) }
            cursor = item.entry.dataOffsets[1]
            if cursor > begin { previous = item.name }
        }
        guard cursor == dataSize else { throw .unindexedData(file: fileName, offset: cursor) }

        var tensors: [SafetensorsTensor] = []
        tensors.reserveCapacity(located.count)
        bytes.withUnsafeBytes { raw in
            for item in located {
                let count = item.entry.shape.reduce(1, *)
                let scalars = item.dtype.convert(raw.baseAddress! + dataStart + item.entry.dataOffsets[0], count: count)
                tensors.append(SafetensorsTensor(name: item.name, dtype: item.dtype, shape: item.entry.shape, scalars: scalars))
            }
        }
        self.init(tensors: tensors, metadata: header.metadata)
    }

    /// Decodes the header JSON, turning decoding failures into a readable ``SafetensorsError/invalidHeader(file:reason:)``.
    static func parseHeader(_ data: Data, fileName: String) throws(SafetensorsError) -> RawHeader {
        do {
            return try JSONDecoder().decode(RawHeader.self, from: data)
        } catch let error as DecodingError {
            throw .invalidHeader(file: fileName, reason: Self.describe(error))
        } catch {
            throw .invalidHeader(file: fileName, reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : "at \(keys.joined(separator: ".")): "
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return path(context) + context.debugDescription + underlying
        case .keyNotFound(let key, let context):
            return path(context) + "missing field '\(key.stringValue)'"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The header as written: tensor entries keyed by name, and optional string metadata.
struct RawHeader: Decodable {
    struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var entries: [(String, Entry)] = []
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries.append((key.stringValue, try container.decode(Entry.self, forKey: key)))
            }
        }
    }
}
