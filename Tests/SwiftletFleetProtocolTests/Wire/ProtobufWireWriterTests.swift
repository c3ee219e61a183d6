import Testing
@testable import SwiftletFleetProtocol

@Suite struct ProtobufWireWriterTests {
    @Test func varintSizesAreTheEncodedLengths() {
        for value: UInt64 in [0, 1, 127, 128, 16_383, 16_384, 1 << 35, .max] {
            var writer = ProtobufWireWriter(capacity: 10)
            writer.varint(value)
            #expect(writer.bytes.count == ProtobufWireWriter.varintSize(value), "\(value)")
        }
    }

    @Test func varintsAreLittleEndianGroupsOfSevenBits() {
        var writer = ProtobufWireWriter(capacity: 16)
        writer.varint(300)
        writer.varint(.max)
        #expect(writer.bytes == [0xAC, 0x02] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func defaultValuesAreLeftOut() {
        var writer = ProtobufWireWriter(capacity: 0)
        writer.uint64(2, 0)
        writer.bool(1, false)
        writer.bytes(4, [UInt8]())
        #expect(writer.bytes.isEmpty)
    }
}
