import Testing
@testable import SwiftletFleetProtocol

@Suite struct LittleEndianFloat32Tests {
    /// 1, −2 and 0.5 as little-endian float32, by hand.
    static let bytes: [UInt8] = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F]

    @Test func writesEachValueAsItsLittleEndianBits() {
        let values: [Float] = [9, 1, -2, 0.5]
        var out = [UInt8](repeating: 0xEE, count: 12)
        out.withUnsafeMutableBytes { LittleEndianFloat32.write(values[1...], into: $0) }
        #expect(out == Self.bytes)
    }

    @Test func readsTheValuesOfARangeOfALargerBuffer() {
        let buffer: [UInt8] = [7, 7, 7] + Self.bytes + [7]
        #expect(LittleEndianFloat32.read(buffer[3..<15]) == [1, -2, 0.5])
        #expect(LittleEndianFloat32.read(buffer[3..<3]) == [])
    }
}
