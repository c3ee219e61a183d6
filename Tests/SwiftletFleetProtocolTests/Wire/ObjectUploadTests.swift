import Foundation
import SwiftProtobuf
import Testing
@testable import SwiftletFleetProtocol

@Suite struct ObjectUploadTests {
    static let samples: [ObjectUpload] = [
        ObjectUpload(nodeID: 7, runID: 3, objectID: String(repeating: "ab", count: 32), content: Array(0..<200).map { UInt8($0) },
                     sessionID: "s-1"),
        ObjectUpload(nodeID: .max, runID: 1 << 40, objectID: "é", content: [0], sessionID: ""),
        ObjectUpload(nodeID: 0, runID: 0, objectID: "", content: [], sessionID: ""),
        ObjectUpload(nodeID: 300, runID: 128, objectID: "x", content: [UInt8](repeating: 9, count: 70_000), sessionID: "s"),
    ]

    static func proto(_ upload: ObjectUpload) -> Flwr_Proto_PushObjectRequest {
        var request = Flwr_Proto_PushObjectRequest()
        request.node.nodeID = upload.nodeID
        request.runID = upload.runID
        request.objectID = upload.objectID
        request.objectContent = Data(upload.content)
        request.sessionID = upload.sessionID
        return request
    }

    static func upload(_ request: Flwr_Proto_PushObjectRequest) -> ObjectUpload {
        ObjectUpload(nodeID: request.node.nodeID, runID: request.runID, objectID: request.objectID,
                     content: [UInt8](request.objectContent), sessionID: request.sessionID)
    }

    @Test func serializedBytesAreSwiftProtobufs() throws {
        for sample in Self.samples {
            #expect(sample.serialized() == (try Self.proto(sample).serializedBytes() as [UInt8]))
            #expect(sample.serialized().count == sample.serializedSize)
        }
    }

    @Test func batchBytesAreSwiftProtobufs() throws {
        var request = Swiftlet_Fleet_PushObjectsRequest()
        request.requests = Self.samples.map(Self.proto)
        #expect(ObjectUpload.serializedBatch(Self.samples) == (try request.serializedBytes() as [UInt8]))
        #expect(ObjectUpload.serializedBatch([]) == [])
    }

    @Test func partsJoinToTheMessageAndShareLargeContents() {
        let parts = ObjectUpload.serializedParts(Self.samples)
        #expect(Array(parts.joined()) == ObjectUpload.serializedBatch(Self.samples))
        // Only the 70,000-byte content is at least `sharedContentBytes`: it is a part of its own, the very
        // array the upload holds; everything else is copied into the framing.
        #expect(parts.count == 3)
        let shared = Self.samples[3].content
        #expect(parts[1].withUnsafeBufferPointer { $0.baseAddress } == shared.withUnsafeBufferPointer { $0.baseAddress })
        for sample in Self.samples {
            #expect(Array(ObjectUpload.serializedParts([sample], batch: false).joined()) == sample.serialized())
        }
    }

    @Test func decodesWhatItEncodes() throws {
        for sample in Self.samples { #expect(try ObjectUpload(serializedBytes: sample.serialized()) == sample) }
        #expect(try ObjectUpload.batch(serializedBytes: ObjectUpload.serializedBatch(Self.samples)) == Self.samples)
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        // Field 9 varint 150, field 10 fixed32, field 11 fixed64, field 12 bytes "hi", group 13 holding a varint.
        let unknown: [UInt8] = [0x48, 0x96, 0x01, 0x55, 1, 2, 3, 4, 0x59, 1, 2, 3, 4, 5, 6, 7, 8, 0x62, 2, 0x68, 0x69,
                                0x6B, 0x08, 0x01, 0x6C]
        let bytes = Self.samples[0].serialized() + unknown
        #expect(try ObjectUpload(serializedBytes: bytes) == Self.samples[0])
        #expect(Self.upload(try Flwr_Proto_PushObjectRequest(serializedBytes: bytes)) == Self.samples[0])
    }

    @Test func laterFieldsWinAndNodesMergeAsInSwiftProtobuf() throws {
        // A second message concatenated onto the first merges into it: run_id is replaced, node keeps its id
        // when the second `node` has none, the content is the second's.
        let second = ObjectUpload(nodeID: 0, runID: 99, objectID: "", content: [1, 2, 3], sessionID: "")
        let bytes = Self.samples[0].serialized() + second.serialized()
        let decoded = try ObjectUpload(serializedBytes: bytes)
        #expect(decoded == ObjectUpload(nodeID: 7, runID: 99, objectID: Self.samples[0].objectID, content: [1, 2, 3], sessionID: "s-1"))
        #expect(Self.upload(try Flwr_Proto_PushObjectRequest(serializedBytes: bytes)) == decoded)
    }

    @Test func aKnownFieldWithAnotherWireTypeIsSkippedAsUnknown() throws {
        // run_id (field 2) given as bytes, object_content (field 4) as a varint.
        let bytes: [UInt8] = [0x12, 0x01, 0x05, 0x20, 0x07, 0x18 + 0x02, 0x01, 0x61]
        let decoded = try ObjectUpload(serializedBytes: bytes)
        #expect(decoded == ObjectUpload(objectID: "a"))
        #expect(Self.upload(try Flwr_Proto_PushObjectRequest(serializedBytes: bytes)) == decoded)
    }

    @Test func malformedBytesAreRefusedSayingWhereAndWhy() {
        let cases: [([UInt8], ProtobufWireError.Kind, Int)] = [
            ([0x22, 0x05, 1, 2], .truncated, 1),                     // object_content of 5 bytes, 2 left
            ([0x00, 0x01], .malformed, 0),                           // field number 0
            ([0x0F], .malformed, 0),                                 // wire type 7
            ([0x10] + [UInt8](repeating: 0xFF, count: 10) + [0x01], .malformed, 1), // an eleven-byte varint
            ([0x1A, 0x02, 0xC3, 0x28], .invalidUTF8, 1),             // object_id not UTF-8
            ([0x6B, 0x08, 0x01], .truncated, 1),                     // group 13 never closed
            ([0x6B, 0x74], .malformed, 1),                           // group 13 closed as 14
            ([0x6C], .truncated, 1),                                 // an end of group with no group
            ([0x10, 0x80], .truncated, 1),                           // run_id cut inside its varint
        ]
        for (bytes, kind, offset) in cases {
            #expect(throws: ProtobufWireError.self) { try ObjectUpload(serializedBytes: bytes) }
            do {
                _ = try ObjectUpload(serializedBytes: bytes)
            } catch {
                #expect(error.kind == kind, "\(bytes): \(error)")
                #expect(error.offset == offset, "\(bytes): \(error)")
            }
            #expect(throws: (any Error).self) { try Flwr_Proto_PushObjectRequest(serializedBytes: bytes) }
        }
    }

    @Test func anErrorInsideABatchIsRefusedWithItsOffset() {
        var bytes = ObjectUpload.serializedBatch(Array(Self.samples.prefix(2)))
        bytes.append(contentsOf: [0x0A, 0x02, 0x22, 0x05])  // a third item whose content runs past its end
        #expect(throws: ProtobufWireError(.truncated, "a field of 5 bytes with 0 left", at: bytes.count - 1)) {
            try ObjectUpload.batch(serializedBytes: bytes)
        }
    }

    @Test func damagedBytesAreAcceptedAndRefusedAsSwiftProtobufDoes() throws {
        let valid = ObjectUpload.serializedBatch(Array(Self.samples.prefix(3)))
        var refused = 0
        for (index, bytes) in WireFuzz.variants(of: valid, count: 2_000, seed: 11).enumerated() {
            let ours = try? ObjectUpload.batch(serializedBytes: bytes)
            let theirs = try? Swiftlet_Fleet_PushObjectsRequest(serializedBytes: bytes)
            #expect((ours == nil) == (theirs == nil), "variant \(index)")
            if let ours, let theirs { #expect(ours == theirs.requests.map(Self.upload), "variant \(index)") }
            if ours == nil { refused += 1 }
        }
        // The damage must exercise both outcomes for the agreement to mean anything.
        #expect(refused > 200 && refused < 1_800)
    }
}
