import Testing
@testable import SwiftletFleetProtocol

/// A `FleetArray`'s bytes: kept where an inflated single chunk holds them, joined when there are several, and
/// deflated alike whichever buffer they sit in.
@Suite struct FleetArrayTests {
    static func message(_ array: FleetArray, chunkSize: Int) throws -> DeflatedMessage {
        var metadata = Flwr_Proto_Metadata()
        metadata.messageType = "train"
        let content = RecordDict([("arrays", .arrays(FleetArrayRecord([("a", array)])))])
        return try FleetMessage(metadata: metadata, body: .content(content)).deflate(chunkSize: chunkSize)
    }

    static func inflatedArray(_ d: DeflatedMessage) throws -> FleetArray? {
        guard case .content(let content) = try FleetMessage.inflate(d).body,
              case .arrays(let record)? = content["arrays"] else { return nil }
        return record["a"]
    }

    static let pattern: [UInt8] = (0..<40).map { UInt8($0 * 7 % 251) }

    @Test func anArrayInflatedFromOneChunkKeepsTheChunkObjectsBytesRatherThanACopy() throws {
        let d = try Self.message(FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", data: Self.pattern), chunkSize: 64)
        let chunk = try #require(d.objects.values.first { $0.starts(with: Array("ArrayChunk ".utf8)) })
        let array = try #require(try Self.inflatedArray(d))
        #expect(array.data == Self.pattern)
        // A range of the chunk object, past its header, at the same address: no copy was made.
        #expect(array.bytes.startIndex == chunk.count - 40)
        let objectAddress = chunk.withUnsafeBytes { $0.baseAddress! + (chunk.count - 40) }
        let arrayAddress = array.bytes.withUnsafeBytes { $0.baseAddress! }
        #expect(objectAddress == arrayAddress)
    }

    @Test func anArrayOfSeveralChunksIsJoinedIntoAnArrayOfItsOwn() throws {
        let d = try Self.message(FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", data: Self.pattern), chunkSize: 16)
        let array = try #require(try Self.inflatedArray(d))
        #expect(array.bytes.startIndex == 0)
        #expect(array.data == Self.pattern)
    }

    @Test func anArrayWhoseBytesAreARangeDeflatesAsItsCopyDoes() throws {
        let buffer: [UInt8] = [1, 2, 3, 4, 5] + Self.pattern + [6]
        let ranged = FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", bytes: buffer[5..<45])
        let copied = FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", data: Self.pattern)
        #expect(ranged == copied)
        for chunkSize in [7, 16, 40, 64] {
            let a = try Self.message(ranged, chunkSize: chunkSize), b = try Self.message(copied, chunkSize: chunkSize)
            #expect(a.messageID == b.messageID)
            #expect(a.objects == b.objects)
        }
    }

    @Test func settingDataReplacesTheBytes() {
        var array = FleetArray(dtype: "uint8", shape: [2], stype: "swiftlet.packed", bytes: Self.pattern[10..<12])
        #expect(array.data == [Self.pattern[10], Self.pattern[11]])
        array.data = [1, 2, 3]
        #expect(array.bytes == [1, 2, 3])
        #expect(array.bytes.startIndex == 0)
    }

    /// An array of `pattern` written behind its chunk header.
    static func written() -> FleetArray {
        FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", count: 40) { out in
            Self.pattern.withUnsafeBytes { out.copyMemory(from: $0) }
        }
    }

    @Test func anArrayWrittenBehindItsChunkHeaderDeflatesAsItsCopyDoes() throws {
        let written = Self.written()
        let copied = FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", data: Self.pattern)
        #expect(written == copied)
        #expect(written.bytes.elementsEqual(Self.pattern))
        // One chunk (40 and 64) and several (7, 16): the same objects and ids either way.
        for chunkSize in [7, 16, 40, 64] {
            let a = try Self.message(written, chunkSize: chunkSize), b = try Self.message(copied, chunkSize: chunkSize)
            #expect(a.messageID == b.messageID)
            #expect(a.objects == b.objects)
        }
    }

    @Test func anArrayWrittenBehindItsChunkHeaderIsSentAsThatBufferNotACopy() throws {
        let written = Self.written()
        let d = try Self.message(written, chunkSize: 64)
        let chunk = try #require(d.objects.values.first { $0.starts(with: Array("ArrayChunk ".utf8)) })
        // "ArrayChunk  40" and its NUL: 15 bytes of header, then the array's own bytes at the same address.
        #expect(Array(chunk.prefix(15)) == Array("ArrayChunk  40".utf8) + [0])
        let bodyAddress = chunk.withUnsafeBytes { $0.baseAddress! + 15 }
        let arrayAddress = written.bytes.withUnsafeBytes { $0.baseAddress! }
        #expect(bodyAddress == arrayAddress)
    }

    @Test func changingTheBytesOfAWrittenArrayDeflatesTheNewBytes() throws {
        var changed = Self.written()
        changed.bytes[changed.bytes.startIndex] ^= 0xFF
        var expected = Self.pattern
        expected[0] ^= 0xFF
        let a = try Self.message(changed, chunkSize: 64)
        let b = try Self.message(FleetArray(dtype: "uint8", shape: [40], stype: "swiftlet.packed", data: expected), chunkSize: 64)
        #expect(a.objects == b.objects)
        var replaced = Self.written()
        replaced.data = [9, 8, 7]
        let c = try Self.message(replaced, chunkSize: 64)
        let d = try Self.message(FleetArray(dtype: "uint8", shape: [3], stype: "swiftlet.packed", data: [9, 8, 7]), chunkSize: 64)
        #expect(c.objects.keys.sorted() != a.objects.keys.sorted())
        #expect(c.objects.values.contains { $0 == Array("ArrayChunk  3".utf8) + [0, 9, 8, 7] })
        #expect(c.objects.keys.contains(try #require(d.objects.keys.first { d.objects[$0]!.starts(with: Array("ArrayChunk ".utf8)) })))
    }

    @Test func anEmptyWrittenArrayHasNoChunk() throws {
        let empty = FleetArray(dtype: "float32", shape: [0], stype: "swiftlet.f32le", count: 0) { _ in }
        let d = try Self.message(empty, chunkSize: 64)
        #expect(!d.objects.values.contains { $0.starts(with: Array("ArrayChunk ".utf8)) })
        #expect(try Self.inflatedArray(d)?.bytes.isEmpty == true)
    }
}
