/// An error reading or writing an IDX file: what was wrong, and in which file.
public struct IDXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read or written.
        case unreadable(String)
        /// Fewer bytes than the 4-byte magic number and the dimension sizes it announces.
        case truncatedHeader(needed: Int, available: Int)
        /// The magic number does not start with two zero bytes; carries the four bytes found.
        case badMagic([UInt8])
        /// The magic number's type code is none of 0x08, 0x09, 0x0B–0x0E.
        case unknownTypeCode(UInt8)
        /// The dimensions describe more data than ``IDXFile/maximumPayloadBytes`` (or than `Int` can count).
        case tooLarge(dimensions: [Int], limit: Int)
        /// Fewer data bytes than the dimensions require.
        case truncatedData(expected: Int, available: Int)
        /// Bytes left over after the data the dimensions describe.
        case trailingBytes(count: Int)
        /// A dimension is negative or does not fit the format's 32-bit size field.
        case invalidDimension(Int)
        /// More than 255 dimensions (the format's rank is one byte).
        case tooManyDimensions(Int)
        /// The values given to the writer do not match the dimensions.
        case valueCountMismatch(expected: Int, actual: Int)
        /// Value `index` cannot be stored exactly in the requested type.
        case valueNotRepresentable(index: Int, value: Float, type: IDXDataType)
        /// The gzip layer around the file is corrupt.
        case gzip(GzipError)
    }

    /// What was wrong.
    public var reason: Reason
    /// The file the bytes came from or were written to, if any.
    public var file: String?

    /// Creates an error.
    public init(_ reason: Reason, file: String? = nil) {
        self.reason = reason
        self.file = file
    }

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        (file.map { "\($0): " } ?? "") + reason.description
    }
}

extension IDXError.Reason: CustomStringConvertible {
    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read or write: \(why)"
        case .truncatedHeader(let needed, let available):
            return "IDX header needs \(needed) bytes but only \(available) are present"
        case .badMagic(let bytes): return "not an IDX file: magic \(bytes.map { String($0, radix: 16) }) does not start with 00 00"
        case .unknownTypeCode(let code): return "unknown IDX type code 0x\(String(code, radix: 16))"
        case .tooLarge(let dimensions, let limit):
            return "dimensions \(dimensions) describe more than the limit of \(limit) bytes"
        case .truncatedData(let expected, let available):
            return "the dimensions need \(expected) data bytes but only \(available) follow the header"
        case .trailingBytes(let count): return "\(count) unexpected bytes after the data"
        case .invalidDimension(let dimension): return "dimension \(dimension) is negative or exceeds 2^32 − 1"
        case .tooManyDimensions(let rank): return "\(rank) dimensions; IDX allows at most 255"
        case .valueCountMismatch(let expected, let actual): return "\(actual) values given for \(expected) elements"
        case .valueNotRepresentable(let index, let value, let type): return "value \(index) (\(value)) is not exactly representable as \(type)"
        case .gzip(let error): return error.description
        }
    }
}
