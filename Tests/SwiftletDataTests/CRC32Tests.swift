import Testing
@testable import SwiftletData

@Suite struct CRC32Tests {
    @Test func checkValueOfTheStandardTestStringMatchesTheCatalogue() {
        // The "check" value of CRC-32/ISO-HDLC in Greg Cook's catalogue of parametrised CRCs.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func checksumOfNoBytesIsZero() {
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func pangramMatchesZlib() {
        // zlib.crc32(b"The quick brown fox jumps over the lazy dog") == 0x414FA339.
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func feedingInPiecesEqualsFeedingAtOnce() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var crc = CRC32()
        for cut in [(0, 3), (3, 20), (20, 21), (21, 1000)] {
            bytes[cut.0..<cut.1].withUnsafeBufferPointer { crc.update($0) }
        }
        #expect(crc.value == CRC32.checksum(bytes))
    }
}
