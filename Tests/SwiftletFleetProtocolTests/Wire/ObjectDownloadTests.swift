import Foundation
import SwiftProtobuf
import Testing
@testable import SwiftletFleetProtocol

@Suite struct ObjectDownloadTests {
    static let samples: [ObjectDownload] = [
        ObjectDownload(found: true, available: true, content: Array(0..<255).map { UInt8($0) }),
        ObjectDownload(found: true, available: false, content: []),
        ObjectDownload(found: false, available: false, content: []),
        ObjectDownload(found: true, available: true, content: [UInt8](repeating: 3, count: 200_000)),
    ]

    static func proto(_ download: ObjectDownload) -> Flwr_Proto_PullObjectResponse {
        var response = Flwr_Proto_PullObjectResponse()
        response.objectFound = download.found
        response.objectAvailable = download.available
        response.objectContent = Data(download.content)
        return response
    }

    static func download(_ response: Flwr_Proto_PullObjectResponse) -> ObjectDownload {
        ObjectDownload(found: response.objectFound, available: response.objectAvailable, content: [UInt8](response.objectContent))
    }

    @Test func serializedBytesAreSwiftProtobufs() throws {
        for sample in Self.samples {
            #expect(sample.serialized() == (try Self.proto(sample).serializedBytes() as [UInt8]))
            #expect(sample.serialized().count == sample.serializedSize)
        }
    }

    @Test func batchBytesAreSwiftProtobufs() throws {
        var response = Swiftlet_Fleet_PullObjectsResponse()
        response.responses = Self.samples.map(Self.proto)
        #expect(ObjectDownload.serializedBatch(Self.samples) == (try response.serializedBytes() as [UInt8]))
    }

    @Test func decodesWhatItEncodes() throws {
        for sample in Self.samples { #expect(try ObjectDownload(serializedBytes: sample.serialized()) == sample) }
        #expect(try ObjectDownload.batch(serializedBytes: ObjectDownload.serializedBatch(Self.samples)) == Self.samples)
    }

    @Test func anyNonZeroVarintIsTrue() throws {
        // object_found = 2, object_available = 300: proto3 bools read any non-zero value as true.
        let decoded = try ObjectDownload(serializedBytes: [0x08, 0x02, 0x10, 0xAC, 0x02])
        #expect(decoded == ObjectDownload(found: true, available: true))
    }

    @Test func unknownItemsOfABatchAreSkipped() throws {
        // Field 2 of PullObjectsResponse is unknown; field 1 as a varint is skipped as SwiftProtobuf skips it.
        let bytes = [0x12, 0x01, 0x00, 0x08, 0x05] + ObjectDownload.serializedBatch([Self.samples[0]])
        #expect(try ObjectDownload.batch(serializedBytes: bytes) == [Self.samples[0]])
        #expect(try Swiftlet_Fleet_PullObjectsResponse(serializedBytes: bytes).responses.map(Self.download) == [Self.samples[0]])
    }

    @Test func malformedBytesAreRefused() {
        let cases: [([UInt8], ProtobufWireError.Kind)] = [
            ([0x1A, 0x03, 1], .truncated),
            ([0x00], .malformed),
            ([0x08], .truncated),
            ([0x0A, 0x03, 0x08, 0x01], .truncated),  // a batch item longer than what is left
        ]
        for (bytes, kind) in cases {
            do {
                _ = try ObjectDownload.batch(serializedBytes: bytes)
                Issue.record("\(bytes) was accepted")
            } catch {
                #expect(error.kind == kind, "\(bytes): \(error)")
            }
            #expect(throws: (any Error).self) { try Swiftlet_Fleet_PullObjectsResponse(serializedBytes: bytes) }
        }
    }

    @Test func damagedBytesAreAcceptedAndRefusedAsSwiftProtobufDoes() throws {
        let valid = ObjectDownload.serializedBatch(Array(Self.samples.prefix(3)))
        var refused = 0
        for (index, bytes) in WireFuzz.variants(of: valid, count: 2_000, seed: 12).enumerated() {
            let ours = try? ObjectDownload.batch(serializedBytes: bytes)
            let theirs = try? Swiftlet_Fleet_PullObjectsResponse(serializedBytes: bytes)
            #expect((ours == nil) == (theirs == nil), "variant \(index)")
            if let ours, let theirs { #expect(ours == theirs.responses.map(Self.download), "variant \(index)") }
            if ours == nil { refused += 1 }
        }
        #expect(refused > 200 && refused < 1_800)
    }
}
