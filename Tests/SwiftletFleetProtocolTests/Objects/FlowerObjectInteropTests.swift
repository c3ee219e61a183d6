import Foundation
import Testing
@testable import SwiftletFleetProtocol

/// Our deflate against Flower's own objects (Fixtures/flower_messages.json, written by flwr 1.40).
@Suite struct FlowerObjectInteropTests {
    static func npyArray(_ values: [Float], _ shape: [Int]) throws -> FleetArray {
        FleetArray(dtype: "float32", shape: shape, stype: "numpy.ndarray",
                   data: try NpyArray(shape: shape, elements: .float32(values)).encoded)
    }

    static func quarters(_ range: Range<Int>) -> [Float] { range.map { Float($0) / 4 } }

    static func content(_ name: String) throws -> RecordDict {
        switch name {
        case "train":
            return RecordDict([
                ("arrays", .arrays(FleetArrayRecord([("fc.weight", try npyArray(quarters(0..<6), [2, 3])),
                                                     ("fc.bias", try npyArray(quarters(6..<8), [2]))]))),
                ("config", .config(FleetConfigRecord([("server-round", .value(.int(3))), ("learning-rate", .value(.double(0.05))),
                                                      ("optimizer", .value(.string("sgd"))), ("big", .uint(1 << 63))]))),
            ])
        case "reply":
            return RecordDict([
                ("arrays", .arrays(FleetArrayRecord([("fc.weight", try npyArray(quarters(1..<7), [2, 3])),
                                                     ("fc.bias", try npyArray(quarters(7..<9), [2]))]))),
                ("metrics", .metrics(FleetMetricRecord([("num-examples", .value(.int(120))), ("loss", .value(.double(0.75))),
                                                        ("accuracy", .value(.double(0.5)))]))),
            ])
        default:
            return RecordDict([
                ("arrays", .arrays(FleetArrayRecord([("w", try npyArray([Float](repeating: 0, count: 40), [4, 10]))]))),
                ("config", .config(FleetConfigRecord([("server-round", .value(.int(1)))]))),
            ])
        }
    }

    func ours(_ name: String) throws -> (ours: DeflatedMessage, flower: DeflatedMessage) {
        let (flower, chunkSize) = try FixtureLoader.deflated(name)
        let body: FleetMessage.Body = name == "error" ? .error(flower.message.error) : .content(try Self.content(name))
        let message = FleetMessage(metadata: flower.message.metadata, body: body)
        return (try message.deflate(chunkSize: chunkSize), flower)
    }

    @Test(arguments: ["train", "reply", "chunked", "error"])
    func deflateProducesFlowersObjectBytes(name: String) throws {
        let (ours, flower) = try ours(name)
        #expect(ours.objects == flower.objects)
    }

    @Test(arguments: ["train", "reply", "chunked", "error"])
    func deflateProducesFlowersTreeAndListing(name: String) throws {
        let (ours, flower) = try ours(name)
        #expect(ours.tree == flower.tree)
        #expect(ours.message == flower.message)
        #expect(ours.messageID == flower.message.metadata.messageID)
    }

    @Test(arguments: ["train", "reply", "chunked", "error"])
    func inflateAcceptsFlowersObjects(name: String) throws {
        let (flower, _) = try FixtureLoader.deflated(name)
        let message = try FleetMessage.inflate(flower)
        #expect(message.metadata == flower.message.metadata)
        if name == "error" {
            #expect(message.body == .error(flower.message.error))
        } else {
            #expect(message.body == .content(try Self.content(name)))
        }
    }

    @Test func chunkedArrayReusesEqualChunks() throws {
        let (flower, _) = try FixtureLoader.deflated("chunked")
        let chunks = flower.objects.values.filter { $0.starts(with: Array("ArrayChunk ".utf8)) }
        // 288 bytes in 64-byte chunks: 5 slices, two of them all zeros, so 4 distinct objects.
        #expect(chunks.count == 4)
    }

    @Test func pullOrderPutsChildrenBeforeParents() throws {
        let (flower, _) = try FixtureLoader.deflated("train")
        let order = flower.pullOrder
        #expect(Set(order) == Set(flower.objects.keys))
        #expect(order.count == flower.objects.count)
        #expect(order.last == flower.messageID)
        for (index, id) in order.enumerated() {
            let header = try ObjectHeader.parse(flower.objects[id]!, id: id).header
            for child in header.children { #expect(order.firstIndex(of: child.rawValue)! < index) }
        }
    }

    /// A 6 MiB array at Flower's real 5 MiB chunk limit: Fixtures/flower_big.json holds Flower's ids only.
    @Test func sixMebibyteArraySplitsIntoFlowersTwoChunks() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: FixtureLoader.folder.appendingPathComponent("flower_big.json"))) as! [String: Any]
        let listed = try Flwr_Proto_Message(serializedBytes: [UInt8](Data(base64Encoded: json["listed"] as! String)!))
        let values = (0..<1_572_864).map { Float($0) / 8 }
        let content = RecordDict([("arrays", .arrays(FleetArrayRecord([("big", try Self.npyArray(values, [1_572_864]))])))])
        let ours = try FleetMessage(metadata: listed.metadata, body: .content(content)).deflate()
        #expect(ours.tree == FixtureLoader.tree(json["tree"] as! [String: Any]))
        #expect(ours.message == listed)
        #expect(ours.objects.mapValues(\.count) == (json["sizes"] as! [String: Int]))
        #expect(try FleetMessage.inflate(ours).body == .content(content))
    }
}
