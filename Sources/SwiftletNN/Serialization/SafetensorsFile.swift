import Foundation

/// The contents of a safetensors file: named tensors and optional string metadata.
///
/// The format (huggingface/safetensors): an 8-byte little-endian header length `N`, then `N` bytes of JSON
/// mapping each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the
/// data section that follows), plus an optional `"__metadata__"` object of strings; then the data section,
/// every byte of which belongs to exactly one tensor. Reading converts F32, F16, BF16 and F64 to `Float`;
/// writing produces F32 with the header padded by spaces to a multiple of 8 bytes, so the data is aligned.
public struct SafetensorsFile: Sendable, Equatable {
    /// The largest header the reader accepts, as the reference implementation does.
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// The tensors, in the order of their data in the file (or the order given, for a file to be written).
    public var tensors: [SafetensorsTensor]
    /// The `__metadata__` strings (empty if the file has none).
    public var metadata: [String: String]

    /// Creates a file from tensors and metadata.
    public init(tensors: [SafetensorsTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor named `name`, if present.
    public subscript(name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }

    /// Reads and validates the file at `url`.
    ///
    /// - Throws: ``SafetensorsError`` naming the file for unreadable, truncated or malformed input.
    public init(contentsOf url: URL) throws(SafetensorsError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(file: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        try self.init(bytes: [UInt8](data), fileName: url.path)
    }

    /// Writes the file to `url` (F32 tensors), replacing any existing file atomically.
    public func write(to url: URL) throws(SafetensorsError) {
        do {
            try Data(encoded()).write(to: url, options: .atomic)
        } catch {
            throw .io(file: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
