import SwiftletTensor
import Testing
@testable import SwiftletFleetProtocol

@Suite struct ObjectMessageBodyTests {
    static let uploads: [ObjectUpload] = [
        ObjectUpload(nodeID: 7, runID: 3, objectID: String(repeating: "ab", count: 32), content: pattern(5_000, 1), sessionID: "s-1"),
        ObjectUpload(nodeID: 8, runID: 3, objectID: "small", content: pattern(200, 2), sessionID: "s-1"),
        ObjectUpload(nodeID: 9, runID: 3, objectID: "exact", content: pattern(ObjectMessageBody.separateContentBytes, 3), sessionID: ""),
        ObjectUpload(nodeID: 0, runID: 0, objectID: "", content: [], sessionID: ""),
        ObjectUpload(nodeID: 10, runID: 1 << 40, objectID: "é", content: pattern(9_000, 4), sessionID: "s"),
    ]
    static let downloads: [ObjectDownload] = [
        ObjectDownload(found: true, available: true, content: pattern(6_000, 5)),
        ObjectDownload(found: true, available: false, content: []),
        ObjectDownload(found: true, available: true, content: pattern(100, 6)),
        ObjectDownload(found: true, available: true, content: pattern(4_500, 7)),
    ]

    static func pattern(_ count: Int, _ salt: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) ^ salt }
    }

    /// `bytes` appended to a body of `shape` in chunks of the given sizes, repeated until the bytes run out.
    static func received(_ bytes: [UInt8], _ shape: ObjectMessageBody.Shape, chunks: [Int], declared: Bool = true) -> ObjectMessageBody {
        var body = ObjectMessageBody(shape, expectedLength: declared ? bytes.count : nil)
        var start = 0, next = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, chunks[next % chunks.count]))
            body.append(Array(bytes[start..<end]))
            start = end
            next += 1
        }
        return body
    }

    /// What a throwing decode gave: its value or its error.
    static func outcome<T>(_ body: () throws(ProtobufWireError) -> T) -> Result<T, ProtobufWireError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    @Test func largeContentsArriveInArraysOfTheirOwnHoweverTheBytesAreChunked() throws {
        let bytes = ObjectUpload.serializedBatch(Self.uploads)
        for chunks in [[1], [7, 4_093], [4_096], [65_536], [bytes.count], [3, 5_000, 1, 100]] {
            let body = Self.received(bytes, .uploadBatch, chunks: chunks)
            #expect(body.count == bytes.count)
            #expect(body.joined() == bytes, "\(chunks)")
            // The contents of 5,000, 4,096 and 9,000 bytes; the one of 200 stays in the framing.
            #expect(body.contents.map(\.bytes.count) == [5_000, 4_096, 9_000], "\(chunks)")
            #expect(body.framing.count == bytes.count - 18_096)
            #expect(try ObjectUpload.batch(body: body) == Self.uploads, "\(chunks)")
        }
    }

    @Test func aDecodedContentIsTheBodysArrayNotACopy() throws {
        let body = Self.received(ObjectUpload.serializedBatch(Self.uploads), .uploadBatch, chunks: [65_536])
        let decoded = try ObjectUpload.batch(body: body)
        let kept = body.contents[0].bytes.withUnsafeBufferPointer { $0.baseAddress }
        #expect(decoded[0].content.withUnsafeBufferPointer { $0.baseAddress } == kept)
    }

    @Test func singleUploadsAndDownloadsDecodeAsTheirBytes() throws {
        for upload in Self.uploads {
            let bytes = upload.serialized()
            let body = Self.received(bytes, .upload, chunks: [1_000])
            #expect(try ObjectUpload(body: body) == upload)
            #expect(body.contents.count == (upload.content.count >= 4_096 ? 1 : 0))
        }
        for download in Self.downloads {
            let body = Self.received(download.serialized(), .download, chunks: [333], declared: false)
            #expect(try ObjectDownload(body: body) == download)
        }
    }

    @Test func downloadBatchesSplitTheirContents() throws {
        let bytes = ObjectDownload.serializedBatch(Self.downloads)
        let body = Self.received(bytes, .downloadBatch, chunks: [2_048])
        #expect(body.contents.map(\.bytes.count) == [6_000, 4_500])
        #expect(try ObjectDownload.batch(body: body) == Self.downloads)
    }

    @Test func aLaterSmallContentWinsOverAnEarlierLargeOne() throws {
        // object_content given twice in one upload: the last occurrence is the content, as SwiftProtobuf reads it.
        var bytes = ObjectUpload(nodeID: 1, runID: 2, objectID: "x", content: Self.pattern(5_000, 9), sessionID: "").serialized()
        bytes += [0x22, 0x02, 0xAA, 0xBB]
        let body = Self.received(bytes, .upload, chunks: [4_096])
        #expect(body.contents.count == 1)
        #expect(try ObjectUpload(body: body).content == [0xAA, 0xBB])
        #expect(try ObjectUpload(body: body) == ObjectUpload(serializedBytes: bytes))
    }

    @Test func aGroupStopsTheSplittingAndTheBytesStillDecode() throws {
        // An unknown group (field 9: start 0x4B, a varint field inside, end 0x4C) before the items.
        let bytes: [UInt8] = [0x4B, 0x08, 0x01, 0x4C] + ObjectUpload.serializedBatch(Self.uploads)
        let body = Self.received(bytes, .uploadBatch, chunks: [4_096])
        #expect(body.stopped)
        #expect(body.contents.isEmpty)
        #expect(try ObjectUpload.batch(body: body) == Self.uploads)
    }

    @Test func aContentRunningPastItsItemStopsTheSplitting() {
        // An item of 10 bytes whose content claims 5,000: nothing is set apart, and it fails as its bytes do.
        let bytes: [UInt8] = [0x0A, 0x0A, 0x22, 0x88, 0x27] + [UInt8](repeating: 7, count: 5_000)
        let body = Self.received(bytes, .uploadBatch, chunks: [4_096])
        #expect(body.stopped && body.contents.isEmpty)
        #expect(Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(body: body) }
                == Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(serializedBytes: bytes) })
    }

    @Test func aTruncatedBodyFailsAsItsBytesDo() {
        let bytes = Array(ObjectUpload.serializedBatch(Self.uploads).dropLast(3_000))
        let body = Self.received(bytes, .uploadBatch, chunks: [4_096])
        let expected = Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(serializedBytes: bytes) }
        guard case .failure(let error) = expected else { Issue.record("the cut bytes decoded"); return }
        #expect(Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(body: body) } == .failure(error))
    }

    @Test func aContentLengthPastTheDeclaredBodyReservesOnlyWhatWasDeclared() {
        // A content field claiming 100 MB in a body declared as 50 bytes.
        var bytes: [UInt8] = [0x22, 0x80, 0xC2, 0xD7, 0x2F]
        bytes += [UInt8](repeating: 1, count: 45)
        var body = ObjectMessageBody(.upload, expectedLength: bytes.count)
        body.append(bytes)
        #expect(body.contents.count == 1)
        #expect(body.contents[0].bytes.capacity < 1_024)
        #expect(throws: ProtobufWireError(.truncated, "a field of 100000000 bytes with 45 left", at: 1)) { try ObjectUpload(body: body) }
        #expect(body.joined() == bytes)
    }

    @Test func aBodyReadAsAnotherShapeIsDecodedFromItsBytes() throws {
        let bytes = ObjectDownload.serializedBatch(Self.downloads)
        let body = Self.received(bytes, .downloadBatch, chunks: [4_096])
        let asUploads = Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(body: body) }
        #expect(asUploads == Self.outcome { () throws(ProtobufWireError) in try ObjectUpload.batch(serializedBytes: bytes) })
    }

    @Test func aBodyGivenWholeIsNotSplit() throws {
        let bytes = ObjectUpload.serializedBatch(Self.uploads)
        let body = ObjectMessageBody(.uploadBatch, bytes: bytes)
        #expect(body.contents.isEmpty && body.count == bytes.count)
        #expect(try ObjectUpload.batch(body: body) == Self.uploads)
    }

    /// Damage at and around every place the structure changes (tags, lengths, the edges of each content),
    /// and anywhere; each variant received in seeded random chunks.
    static func damaged(_ bytes: [UInt8], boundaries: [Int], count: Int, seed: UInt64) -> [(bytes: [UInt8], chunks: [Int])] {
        var generator = SeededGenerator(seed: seed)
        var variants = WireFuzz.variants(of: bytes, count: count / 2, seed: seed)
        for _ in 0..<(count - variants.count) {
            var copy = bytes
            let around = boundaries.randomElement(using: &generator)! + Int.random(in: -12...12, using: &generator)
            let index = min(max(0, around), copy.count - 1)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: copy[index] ^= UInt8.random(in: 1...255, using: &generator)
            case 1: copy.removeSubrange(index...)
            case 2: copy.remove(at: index)
            default: copy.insert(UInt8.random(in: 0...255, using: &generator), at: index)
            }
            variants.append(copy)
        }
        return variants.map { variant in
            (variant, (0..<4).map { _ in Int.random(in: 1...6_000, using: &generator) })
        }
    }

    /// Where each item ends and where its content starts and ends, in a batch of `items`.
    static func boundaries<Item>(_ items: [Item], batch: ([Item]) -> [UInt8], content: (Item) -> Int, tail: (Item) -> Int) -> [Int] {
        (1...items.count).flatMap { k -> [Int] in
            let end = batch(Array(items.prefix(k))).count
            let contentEnd = end - tail(items[k - 1])
            return [end, contentEnd, contentEnd - content(items[k - 1])]
        }
    }

    /// Checks that each damaged variant of `bytes`, received in chunks into a body of `shape`, decodes with
    /// `split` exactly as its joined bytes decode with `joined`, and that both ways are exercised.
    static func checkDamaged<T: Equatable>(
        _ bytes: [UInt8], edges: [Int], shape: ObjectMessageBody.Shape, seed: UInt64,
        split: (ObjectMessageBody) throws(ProtobufWireError) -> T, joined: ([UInt8]) throws(ProtobufWireError) -> T
    ) {
        var refused = 0
        var decodedSplit = 0
        for (index, variant) in damaged(bytes, boundaries: edges, count: 2_000, seed: seed).enumerated() {
            let body = received(variant.bytes, shape, chunks: variant.chunks)
            let result = outcome { () throws(ProtobufWireError) in try split(body) }
            #expect(result == outcome { () throws(ProtobufWireError) in try joined(variant.bytes) }, "variant \(index)")
            #expect(body.joined() == variant.bytes, "variant \(index)")
            switch result {
            case .failure: refused += 1
            case .success: if body.isReadWhole && !body.contents.isEmpty { decodedSplit += 1 }
            }
        }
        #expect(refused > 200 && refused < 1_800)
        // Many variants must decode from the split bytes, contents kept apart, for the agreement to mean much.
        #expect(decodedSplit > 300, "\(decodedSplit) decoded split")
    }

    @Test func damagedUploadBatchesDecodeAsTheirBytesDo() {
        let edges = Self.boundaries(Self.uploads, batch: ObjectUpload.serializedBatch, content: { $0.content.count },
                                    tail: { $0.sessionID.isEmpty ? 0 : 2 + $0.sessionID.utf8.count })
        Self.checkDamaged(ObjectUpload.serializedBatch(Self.uploads), edges: edges, shape: .uploadBatch, seed: 21,
                          split: ObjectUpload.batch(body:), joined: ObjectUpload.batch(serializedBytes:))
    }

    @Test func damagedDownloadBatchesDecodeAsTheirBytesDo() {
        let edges = Self.boundaries(Self.downloads, batch: ObjectDownload.serializedBatch, content: { $0.content.count }, tail: { _ in 0 })
        Self.checkDamaged(ObjectDownload.serializedBatch(Self.downloads), edges: edges, shape: .downloadBatch, seed: 22,
                          split: ObjectDownload.batch(body:), joined: ObjectDownload.batch(serializedBytes:))
    }
}
