import CAllocationCounter
import Testing
@testable import SwiftletFleetProtocol

/// How many bytes the object paths allocate for a model-sized payload: each copy of an update is a new
/// allocation as large as the update, which a thousand nodes pay at once; these bound the copies to one.
@Suite struct WireAllocationTests {
    static let size = 800_000
    static let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    static let upload = ObjectUpload(nodeID: 5, runID: 9, objectID: String(repeating: "0", count: 64), content: content, sessionID: "s")

    /// The bytes `body` allocates on this thread, and its result.
    static func allocated<T>(_ body: () throws -> T) rethrows -> (bytes: Int, result: T) {
        _ = upload  // built before counting starts
        swiftlet_allocations_begin()
        let result = try body()
        _ = swiftlet_allocations_end()
        return (swiftlet_allocated_bytes(), result)
    }

    @Test func decodingAPushBatchCopiesTheContentOnce() throws {
        #expect(swiftlet_allocations_supported() == 1)
        let body = ObjectUpload.serializedBatch([Self.upload])
        let (bytes, uploads) = try Self.allocated { try ObjectUpload.batch(serializedBytes: body) }
        #expect(uploads == [Self.upload])
        #expect(bytes >= Self.size && bytes < Self.size + 4_096, "\(bytes) bytes")
    }

    @Test func receivingAPushBatchInChunksCopiesTheContentOnce() throws {
        let bytes = ObjectUpload.serializedBatch([Self.upload])
        let chunks = stride(from: 0, to: bytes.count, by: 65_536).map { Array(bytes[$0..<min(bytes.count, $0 + 65_536)]) }
        // What a server pays from the socket's chunks to the upload; joining them first took a body more.
        let (allocated, uploads) = try Self.allocated { () throws -> [ObjectUpload] in
            var body = ObjectMessageBody(.uploadBatch, expectedLength: bytes.count)
            for chunk in chunks { body.append(chunk) }
            return try ObjectUpload.batch(body: body)
        }
        #expect(uploads == [Self.upload])
        #expect(allocated >= Self.size && allocated < Self.size + 32_768, "\(allocated) bytes")
    }

    @Test func pushPartsShareTheContentInsteadOfCopyingIt() {
        let (bytes, parts) = Self.allocated { ObjectUpload.serializedParts([Self.upload]) }
        #expect(parts.reduce(0) { $0 + $1.count } > Self.size)
        #expect(bytes < 4_096, "\(bytes) bytes")
    }

    @Test func decodingAPullBatchCopiesTheContentOnce() throws {
        let download = ObjectDownload(found: true, available: true, content: Self.content)
        let body = ObjectDownload.serializedBatch([download])
        let (bytes, downloads) = try Self.allocated { try ObjectDownload.batch(serializedBytes: body) }
        #expect(downloads == [download])
        #expect(bytes >= Self.size && bytes < Self.size + 4_096, "\(bytes) bytes")
    }

    @Test func deflatingAnArrayCopiesItsDataOnceIntoItsChunks() throws {
        let record = FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [Self.size / 4], stype: "swiftlet.f32le", data: Self.content))])
        let content = RecordDict([("arrays", .arrays(record))])
        // Chunks of 300,000 bytes: three, each a slice of the array's data copied straight into its object.
        let (bytes, deflated) = try Self.allocated { try FleetMessage.deflateContent(content, chunkSize: 300_000) }
        #expect(deflated.objects.count == 6)
        #expect(deflated.objects.values.reduce(0) { $0 + $1.count } > Self.size)
        #expect(bytes < Self.size + 65_536, "\(bytes) bytes")
    }
}
