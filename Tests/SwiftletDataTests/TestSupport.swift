import Foundation
import Testing
@testable import SwiftletData

/// The bytes of `name` in the Fixtures folder (see Fixtures/README.md for how they were made).
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return [UInt8](try Data(contentsOf: url))
}

/// A fresh, empty directory for files a test writes; removed by the caller with `removeItem`.
func temporaryDirectory(_ label: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftlet-data-tests-\(label)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `bytes` to `path`.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The reason a gzip/deflate call failed with, or `nil` if it succeeded.
func gzipFailure(_ body: () throws(GzipError) -> Void) -> GzipError? {
    do { try body() } catch { return error }
    return nil
}

/// The reason an IDX call failed with, or `nil` if it succeeded.
func idxFailure(_ body: () throws(IDXError) -> Void) -> IDXError? {
    do { try body() } catch { return error }
    return nil
}

/// Assembles DEFLATE bit streams by hand, least significant bit first (RFC 1951 §3.1.1).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var bitCount = 0

    /// Appends the low `bits` bits of `value`, least significant first (header fields, extra bits).
    mutating func write(_ value: Int, bits: Int) {
        for index in 0..<bits {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> index) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }

    /// Appends a Huffman code, most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        for index in (0..<length).reversed() { write((code >> index) & 1, bits: 1) }
    }

    /// Appends `symbol` of the fixed literal/length code (RFC 1951 §3.2.6).
    mutating func writeFixedLiteralLength(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(0x30 + symbol, length: 8)
        case 144...255: writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: writeCode(symbol - 256, length: 7)
        default: writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    /// Appends `symbol` of the fixed distance code (five bits).
    mutating func writeFixedDistance(_ symbol: Int) {
        writeCode(symbol, length: 5)
    }
}
